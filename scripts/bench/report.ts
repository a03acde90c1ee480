export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The brief's target, where there is one. */
  target?: { max: number };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The value at or under which a share `p` of the runs fall (nearest rank). */
export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * xs.length) - 1)]!;

export function printFigures(figures: Figure[]) {
  const rows = figures.map((f) => {
    const v = f.value >= 100 ? f.value.toFixed(0) : f.value.toFixed(2);
    const verdict = f.target ? (f.value <= f.target.max ? `ok (target ≤ ${f.target.max} ${f.unit})` : `OVER (target ≤ ${f.target.max} ${f.unit})`) : '';
    return [f.name, `${v} ${f.unit}`, verdict];
  });
  const w = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(`${r[0]!.padEnd(w[0]!)}  ${r[1]!.padStart(w[1]!)}  ${r[2]}`);
}

/**
 * Windowing for long lists of cards of varying height: which items to render for a scroll position, and how much
 * space stands for the rest. Heights are measured once rendered and estimated until then.
 */
export interface Layout {
  /** offsets[i] is where item i starts; offsets[n] is the total height. */
  offsets: Float64Array;
}

export function layout(count: number, heightOf: (i: number) => number): Layout {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + heightOf(i);
  return { offsets };
}

/** The first item whose bottom is below `y` (binary search). */
function indexAt(l: Layout, y: number): number {
  let lo = 0;
  let hi = l.offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (l.offsets[mid + 1]! <= y) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo);
}

/** The items to render for a view of `height` px starting at `top` (list coordinates), with `overscan` px around it. */
export function windowOf(l: Layout, top: number, height: number, overscan = 800): { start: number; end: number } {
  const count = l.offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const start = indexAt(l, Math.max(0, top - overscan));
  const end = Math.min(count, indexAt(l, top + height + overscan) + 1);
  return { start, end };
}

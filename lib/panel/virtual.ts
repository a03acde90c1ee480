/**
 * Windowing for long lists of cards of varying height: which items to render for a scroll position, and how much
 * space stands for the rest. Heights are measured once rendered and estimated until then.
 */

/**
 * The items' heights and where each starts, as a Fenwick (binary indexed) tree: a measured height updates the sums
 * from that item on in O(log n), and a start or the item at a given offset is found in O(log n). Scrolling measures
 * card after card; with a plain array of offsets each measurement would recompute all of them.
 */
export class Offsets {
  private readonly h: Float64Array;
  /** 1-based: tree[k] is the sum of the heights of items k - (k & -k) … k - 1. */
  private readonly tree: Float64Array;
  /** The tree cells the updates have written to, counted so tests can see an update is O(log n). */
  writes = 0;

  constructor(heights: ArrayLike<number>) {
    const n = heights.length;
    this.h = Float64Array.from(heights);
    this.tree = new Float64Array(n + 1);
    // Built in O(n): each cell passes its sum on to the one cell that covers it next.
    for (let k = 1; k <= n; k++) {
      this.tree[k]! += this.h[k - 1]!;
      const up = k + (k & -k);
      if (up <= n) this.tree[up]! += this.tree[k]!;
    }
  }

  get count(): number {
    return this.h.length;
  }

  height(i: number): number {
    return this.h[i]!;
  }

  set(i: number, height: number) {
    const d = height - this.h[i]!;
    if (d === 0) return;
    this.h[i] = height;
    for (let k = i + 1; k < this.tree.length; k += k & -k) {
      this.tree[k]! += d;
      this.writes++;
    }
  }

  /** Where item `i` starts; `top(count)` is the total height. */
  top(i: number): number {
    let s = 0;
    for (let k = i; k > 0; k -= k & -k) s += this.tree[k]!;
    return s;
  }

  /** The first item whose bottom is below `y` (the last item if none is). */
  indexAt(y: number): number {
    const n = this.h.length;
    // Walk down the tree: k ends as the most items that together end at or above y.
    let k = 0;
    let s = 0;
    for (let step = n ? 2 ** Math.floor(Math.log2(n)) : 0; step > 0; step >>= 1) {
      if (k + step <= n && s + this.tree[k + step]! <= y) {
        k += step;
        s += this.tree[k]!;
      }
    }
    return Math.max(0, Math.min(k, n - 1));
  }
}

/** The items to render for a view of `height` px starting at `top` (list coordinates), with `overscan` px around it. */
export function windowOf(o: Offsets, top: number, height: number, overscan = 800): { start: number; end: number } {
  if (o.count <= 0) return { start: 0, end: 0 };
  const start = o.indexAt(Math.max(0, top - overscan));
  const end = Math.min(o.count, o.indexAt(top + height + overscan) + 1);
  return { start, end };
}

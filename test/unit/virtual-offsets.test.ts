// The windowed list's offsets: kept up to date one measurement at a time, they must agree with summing every height
// again, and a measurement must cost O(log n), not a pass over the list.
import { describe, expect, test } from 'vitest';
import { Offsets, windowOf } from '@/lib/panel/virtual';

/** mulberry32: the same "random" heights and indices on every run. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The reference: every offset summed again from the top. */
const naive = (heights: number[]) => heights.reduce((o, h) => (o.push(o.at(-1)! + h), o), [0]);

/** The reference: the first item whose bottom is below y, by looking at each in turn (the last if none). */
const naiveIndexAt = (offsets: number[], y: number) => {
  const n = offsets.length - 1;
  for (let i = 0; i < n; i++) if (offsets[i + 1]! > y) return i;
  return Math.max(0, n - 1);
};

describe('Offsets', () => {
  for (const n of [1, 2, 7, 64, 300, 3000]) {
    test(`${n} items: after measurements at random indices, every offset and index-at-offset equals a full recompute`, () => {
      const random = seeded(n);
      // Whole pixels, so the tree's sums and the reference's are exact and can be compared with toBe.
      const heights = Array.from({ length: n }, () => 60 + Math.floor(random() * 300));
      const o = new Offsets(heights);
      for (let round = 0; round < 50; round++) {
        for (let m = 0; m < 1 + Math.floor(random() * 20); m++) {
          const i = Math.floor(random() * n);
          heights[i] = 40 + Math.floor(random() * 400);
          o.set(i, heights[i]!);
        }
        const offsets = naive(heights);
        expect(Array.from({ length: n + 1 }, (_, i) => o.top(i))).toEqual(offsets);
        expect(Array.from({ length: n }, (_, i) => o.height(i))).toEqual(heights);
        // Anywhere, and exactly on each kind of edge.
        const ys = Array.from({ length: 20 }, () => random() * (offsets[n]! + 200) - 100);
        ys.push(...Array.from({ length: 10 }, () => offsets[Math.floor(random() * (n + 1))]!));
        expect(ys.map((y) => o.indexAt(y))).toEqual(ys.map((y) => naiveIndexAt(offsets, y)));
      }
    });
  }

  test('fractional heights (as measured) stay within a thousandth of a pixel of a full recompute', () => {
    const random = seeded(42);
    const heights = Array.from({ length: 3000 }, () => 50 + random() * 300);
    const o = new Offsets(heights);
    for (let m = 0; m < 20_000; m++) {
      const i = Math.floor(random() * heights.length);
      heights[i] = 50 + random() * 300;
      o.set(i, heights[i]!);
    }
    const offsets = naive(heights);
    for (let i = 0; i <= heights.length; i += 7) expect(Math.abs(o.top(i) - offsets[i]!)).toBeLessThan(1e-3);
  });

  test('index at an offset, at the boundaries: a bottom edge belongs to the next item', () => {
    const o = new Offsets([100, 50, 0, 200, 10]);
    // Starts: 0, 100, 150, 150, 350; total 360.
    expect([0, 100, 150, 150, 350, 360].map((_, i) => o.top(i))).toEqual([0, 100, 150, 150, 350, 360]);
    expect(o.indexAt(-5)).toBe(0);
    expect(o.indexAt(0)).toBe(0);
    expect(o.indexAt(99.9)).toBe(0);
    expect(o.indexAt(100)).toBe(1);
    expect(o.indexAt(149.9)).toBe(1);
    // The empty item at 150 ends where it starts: the first whose bottom is below 150 is the one after it.
    expect(o.indexAt(150)).toBe(3);
    expect(o.indexAt(350)).toBe(4);
    expect(o.indexAt(359.9)).toBe(4);
    expect(o.indexAt(360)).toBe(4);
    expect(o.indexAt(1e9)).toBe(4);
    expect(new Offsets([]).indexAt(10)).toBe(0);
    expect(new Offsets([]).top(0)).toBe(0);
  });

  test('a measurement at index i touches O(log n) cells, not the items after it', () => {
    for (const n of [300, 3000, 100_000]) {
      const o = new Offsets(new Array<number>(n).fill(100));
      const bound = Math.floor(Math.log2(n)) + 1;
      for (const i of [0, 1, n >> 2, n >> 1, n - 2, n - 1]) {
        o.writes = 0;
        o.set(i, 150 + i);
        expect(o.writes, `n=${n} i=${i}`).toBeLessThanOrEqual(bound);
        expect(o.top(n)).toBe(n * 100 + 50 + i);
        o.set(i, 100);
      }
      // The same height again changes nothing and costs nothing.
      o.writes = 0;
      o.set(0, 100);
      expect(o.writes).toBe(0);
    }
  });
});

describe('windowOf', () => {
  const o = new Offsets(new Array<number>(100).fill(100));

  test('the items in view and `overscan` px either side', () => {
    expect(windowOf(o, 0, 800, 0)).toEqual({ start: 0, end: 9 });
    expect(windowOf(o, 1000, 800, 0)).toEqual({ start: 10, end: 19 });
    expect(windowOf(o, 1050, 800, 200)).toEqual({ start: 8, end: 21 });
    // Near the ends, clamped to the list.
    expect(windowOf(o, 0, 800, 800)).toEqual({ start: 0, end: 17 });
    expect(windowOf(o, 9500, 800, 800)).toEqual({ start: 87, end: 100 });
    expect(windowOf(o, 50_000, 800, 800)).toEqual({ start: 99, end: 100 });
  });

  test('an empty list renders nothing', () => {
    expect(windowOf(new Offsets([]), 0, 800)).toEqual({ start: 0, end: 0 });
  });
});

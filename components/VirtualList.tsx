import type { ComponentChildren, VNode } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import { Offsets, windowOf } from '@/lib/panel/virtual';

export interface VirtualListProps<T> {
  items: readonly T[];
  keyOf: (item: T) => string | number;
  /** A first guess at an item's height, before it is measured. */
  estimate: (item: T) => number;
  render: (item: T) => ComponentChildren;
  /** Set to an item's key to bring it into view. */
  scrollTo?: string | number | null;
}

/**
 * A list that renders only the items near the view (the page scrolls as usual): thousands of cards cost what a
 * screenful costs. Each rendered item's height is measured and remembered.
 */
export function VirtualList<T>({ items, keyOf, estimate, render, scrollTo }: VirtualListProps<T>) {
  const list = useRef<HTMLOListElement>(null);
  const heights = useRef(new Map<string, number>());
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  // Built once per list of items (heights remembered, estimated for the rest); measurements then update it in place.
  const offsets = useMemo(() => new Offsets(items.map((item) => heights.current.get(String(keyOf(item))) ?? estimate(item))), [items]);
  // The rows on screen as last rendered, kept while the items and the way to render them stay the same: a redraw for
  // a scroll or a measurement re-renders no card already on screen (Preact skips a vnode it is given again).
  const shown = useMemo(() => ({ rows: new Map<T, VNode>() }), [items, render]);
  const top = list.current ? -list.current.getBoundingClientRect().top : 0;
  const { start, end } = windowOf(offsets, top, globalThis.innerHeight || 800);
  const rows = new Map<T, VNode>();
  for (let i = start; i < end; i++) {
    const item = items[i]!;
    rows.set(
      item,
      shown.rows.get(item) ?? (
        <li key={keyOf(item)} data-key={keyOf(item)}>
          {render(item)}
        </li>
      ),
    );
  }
  shown.rows = rows;

  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(redraw);
    };
    addEventListener('scroll', onScroll, { passive: true });
    addEventListener('resize', onScroll);
    return () => {
      removeEventListener('scroll', onScroll);
      removeEventListener('resize', onScroll);
      cancelAnimationFrame(frame);
    };
  }, []);

  // Measure what was rendered (the rows are items start…end, in order), all before one redraw: a changed height moves
  // only the items after it.
  useLayoutEffect(() => {
    const els = list.current?.children ?? [];
    let changed = false;
    for (let j = 0; j < els.length; j++) {
      const el = els[j] as HTMLElement;
      const key = el.dataset.key;
      if (!key) continue;
      const h = el.getBoundingClientRect().height + 8;
      if (Math.abs((heights.current.get(key) ?? 0) - h) > 1) {
        heights.current.set(key, h);
        offsets.set(start + j, h);
        changed = true;
      }
    }
    if (changed) redraw(0);
  });

  useEffect(() => {
    if (scrollTo == null || !list.current) return;
    const i = items.findIndex((it) => keyOf(it) === scrollTo);
    if (i < 0) return;
    const y = list.current.getBoundingClientRect().top + scrollY + offsets.top(i);
    if (y < scrollY + 60 || y > scrollY + innerHeight - 120) scrollTo_(y - 80);
  }, [scrollTo]);

  return (
    <ol class="cards virtual" data-testid="cards" data-count={items.length} ref={list} style={{ paddingTop: `${offsets.top(start)}px`, paddingBottom: `${offsets.top(items.length) - offsets.top(end)}px` }}>
      {[...rows.values()]}
    </ol>
  );
}

const scrollTo_ = (y: number) => scrollTo({ top: Math.max(0, y) });

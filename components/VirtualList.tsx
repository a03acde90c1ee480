import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import { layout, windowOf } from '@/lib/panel/virtual';

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
  const [measured, remeasure] = useReducer((n: number) => n + 1, 0);
  const l = useMemo(() => layout(items.length, (i) => heights.current.get(String(keyOf(items[i]!))) ?? estimate(items[i]!)), [items, measured]);
  const top = list.current ? -list.current.getBoundingClientRect().top : 0;
  const { start, end } = windowOf(l, top, globalThis.innerHeight || 800);

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

  // Measure what was rendered; a changed height re-lays the list out.
  useLayoutEffect(() => {
    let changed = false;
    for (const el of list.current?.children ?? []) {
      const key = (el as HTMLElement).dataset.key;
      if (!key) continue;
      const h = (el as HTMLElement).getBoundingClientRect().height + 8;
      if (Math.abs((heights.current.get(key) ?? 0) - h) > 1) {
        heights.current.set(key, h);
        changed = true;
      }
    }
    if (changed) remeasure(0);
  });

  useEffect(() => {
    if (scrollTo == null || !list.current) return;
    const i = items.findIndex((it) => keyOf(it) === scrollTo);
    if (i < 0) return;
    const y = list.current.getBoundingClientRect().top + scrollY + l.offsets[i]!;
    if (y < scrollY + 60 || y > scrollY + innerHeight - 120) scrollTo_(y - 80);
  }, [scrollTo]);

  return (
    <ol class="cards virtual" data-testid="cards" data-count={items.length} ref={list} style={{ paddingTop: `${l.offsets[start]}px`, paddingBottom: `${l.offsets[items.length]! - l.offsets[end]!}px` }}>
      {items.slice(start, end).map((item) => (
        <li key={keyOf(item)} data-key={keyOf(item)}>
          {render(item)}
        </li>
      ))}
    </ol>
  );
}

const scrollTo_ = (y: number) => scrollTo({ top: Math.max(0, y) });

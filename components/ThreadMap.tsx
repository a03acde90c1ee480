import type { DigestItem } from '@/lib/digest/digest';
import { t } from '@/lib/i18n';

/**
 * The whole thread at a glance: one bar per top-level comment, as wide as its subtree, marked where it has
 * highlights and digest picks. A click jumps to that subtree.
 */
export function ThreadMap({ items, onJump }: { items: readonly DigestItem[]; onJump: (id: number) => void }) {
  const trees: { id: number; size: number; highlight: string; picked: number }[] = [];
  for (const i of items) {
    if (i.comment.depth === 0 || !trees.length) trees.push({ id: i.comment.id, size: 0, highlight: '', picked: 0 });
    const tree = trees.at(-1)!;
    tree.size++;
    if (i.color && !tree.highlight) tree.highlight = i.color;
    if (i.selected) tree.picked++;
  }
  if (trees.length < 2) return null;
  return (
    <div class="thread-map" role="navigation" aria-label={t('map')} data-testid="thread-map">
      {trees.map((tr) => (
        <button
          type="button"
          key={tr.id}
          class={`map-bar${tr.picked ? ' picked' : ''}`}
          data-subtree={tr.id}
          style={{ flexGrow: tr.size, ...(tr.highlight && { '--bar-color': tr.highlight }) }}
          title={`${tr.size} · ${tr.picked}★`}
          aria-label={t('mapBar', { n: tr.size, picked: tr.picked })}
          onClick={() => onJump(tr.id)}
        />
      ))}
    </div>
  );
}

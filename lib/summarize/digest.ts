import type { Thread } from '../hn/thread';
import type { JobComment } from '../messages/job';
import type { Card } from './card';

/** The comments that get a summary: every one with text (deleted comments and empty placeholders have none). */
export function jobComments(thread: Thread): JobComment[] {
  return thread.comments.filter((c) => c.state !== 'deleted' && c.text.trim()).map((c) => ({ id: c.id, parentId: c.parentId, text: c.text }));
}

/**
 * The digest pre-selected for export: every highlighted comment, then the best scores, up to `size` in all (ties go
 * to the earlier comment), returned in page order.
 */
export function pickDigest(order: readonly number[], cards: ReadonlyMap<number, Card>, size: number): Set<number> {
  const done = order.flatMap((id, i) => {
    const c = cards.get(id);
    return c?.status === 'done' ? [{ id, i, rank: (c.kind !== 'none' ? 1000 : 0) + c.score }] : [];
  });
  done.sort((a, b) => b.rank - a.rank || a.i - b.i);
  return new Set(done.slice(0, size).map((d) => d.id));
}

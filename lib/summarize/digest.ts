import type { Thread } from '../hn/thread';
import type { CommentRef, JobComment } from '../messages/job';
import { fnv1a } from './hash';
import type { Card } from './card';

/** The comments that get a summary: every one with text (deleted comments and empty placeholders have none). */
export function jobComments(thread: Thread): JobComment[] {
  return thread.comments.filter((c) => c.state !== 'deleted' && c.text.trim()).map((c) => ({ id: c.id, parentId: c.parentId, text: c.text, by: c.by }));
}

/** The same comments as the panel names them on opening: ids and text hashes, the texts sent after. */
export const commentRefs = (comments: readonly JobComment[]): CommentRef[] => comments.map((c) => ({ id: c.id, parentId: c.parentId, h: fnv1a(c.text), by: c.by }));

/**
 * The digest picked automatically, as the site makes its articles (`hugo-format.md`, "The real site in numbers"):
 * `size` cards, about half of them highlighted. The best-scored highlighted comments fill half, the best plain ones
 * the other half, and either side tops up what the other lacks (ties go to the earlier comment). Returned as a set.
 */
export function pickDigest(order: readonly number[], cards: ReadonlyMap<number, Card>, size: number): Set<number> {
  const highlighted: { id: number; i: number; score: number }[] = [];
  const plain: typeof highlighted = [];
  order.forEach((id, i) => {
    const c = cards.get(id);
    // A score alone (editor mode) is picked as a summary would be: the picks are what gets written next.
    if (c?.status === 'done' || c?.status === 'scored') (c.kind !== 'none' ? highlighted : plain).push({ id, i, score: c.score });
  });
  const best = (a: { i: number; score: number }, b: { i: number; score: number }) => b.score - a.score || a.i - b.i;
  highlighted.sort(best);
  plain.sort(best);
  let h = Math.min(highlighted.length, Math.ceil(size / 2));
  const p = Math.min(plain.length, size - h);
  h = Math.min(highlighted.length, size - p);
  return new Set([...highlighted.slice(0, h), ...plain.slice(0, p)].map((x) => x.id));
}

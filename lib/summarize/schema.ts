import * as z from 'zod/mini';
import { HighlightKind } from '../palette';

/**
 * What the model answers, as structured output. The same schemas are sent as the JSON schema, validate every answer,
 * and type the code; `readSummary` and `readThreadMeta` take what a lenient endpoint writes instead (ids as strings,
 * a score as text, a kind in other words) and give the same types.
 */

/** Why a comment is worth the reader's eye; each kind has one of the site's six highlight colours (`lib/palette.ts`). */
export { HighlightKind, colorOf } from '../palette';

export const CommentSummary = z.object({
  /** The HN comment id, exactly as asked. */
  id: z.int().check(z.describe('the comment id from its #id header')),
  /** The Japanese body, in the digest's voice. */
  ja: z.string().check(z.trim(), z.minLength(1), z.describe('Japanese summary in casual spoken first person')),
  score: z.int().check(z.minimum(0), z.maximum(100), z.describe('0-100: useful, insightful or fun is high; empty talk low')),
  kind: HighlightKind.check(z.describe('highlight kind for the best comments, otherwise none')),
});
export type CommentSummary = z.infer<typeof CommentSummary>;

export const BatchAnswer = z.object({ comments: z.array(CommentSummary) });
export type BatchAnswer = z.infer<typeof BatchAnswer>;

/** Editor mode's short answer: a comment scored, its Japanese written later if it is picked or opened. */
export const CommentScore = z.object({ id: CommentSummary.shape.id, score: CommentSummary.shape.score, kind: CommentSummary.shape.kind });
export type CommentScore = z.infer<typeof CommentScore>;

export const ScoreAnswer = z.object({ comments: z.array(CommentScore) });

export const ThreadMeta = z.object({
  title: z.string().check(z.trim(), z.minLength(1), z.describe('catchy Japanese headline')),
  tags: z.array(z.string().check(z.trim(), z.minLength(1))).check(z.describe('3 to 5 short Japanese topic tags')),
});
export type ThreadMeta = z.infer<typeof ThreadMeta>;

/** The response-format names the requests use. */
export const BATCH_FORMAT = 'comment_summaries';
export const SCORE_FORMAT = 'comment_scores';
export const THREAD_FORMAT = 'thread_meta';

const record = (raw: unknown): Record<string, unknown> | null => (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null);

/** An id as endpoints write it: 123, "123" or "#123". */
export function readId(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*#?\d+\s*$/.test(v) ? Number(v.replace(/[#\s]/g, '')) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

const KIND_WORDS: Record<string, HighlightKind> = { humor: 'humour', funny: 'humour', anecdote: 'experience', counter: 'counterpoint', disagreement: 'counterpoint', fact: 'data', facts: 'data', numbers: 'data', questions: 'question' };

/** One comment's summary from whatever shape the answer gave it; null when it has no id or no text. */
export function readSummary(raw: unknown): CommentSummary | null {
  const r = record(raw);
  const ja = r && [r.ja, r.summary, r.body].find((v): v is string => typeof v === 'string' && v.trim() !== '')?.trim();
  const scored = ja ? readScore(raw) : null;
  if (!scored || !ja) return null;
  const item = { ...scored, ja };
  return CommentSummary.safeParse(item).success ? item : null;
}

/** One comment's score and kind from whatever shape the answer gave them; null when it has no id. */
export function readScore(raw: unknown): CommentScore | null {
  const r = record(raw);
  const id = r && readId(r.id);
  if (!r || id == null) return null;
  const s = typeof r.score === 'number' ? r.score : Number.parseFloat(String(r.score ?? ''));
  const word = String(r.kind ?? 'none').trim().toLowerCase();
  const kind = HighlightKind.safeParse(word).success ? (word as HighlightKind) : (KIND_WORDS[word] ?? 'none');
  return { id, score: Number.isFinite(s) ? Math.round(Math.min(100, Math.max(0, s))) : 50, kind };
}

/** The thread's title and tags from whatever shape the answer gave them; null when there is no title. */
export function readThreadMeta(raw: unknown): ThreadMeta | null {
  const r = record(raw);
  const title = typeof r?.title === 'string' ? r.title.replace(/[\r\n]+/g, ' ').trim() : '';
  if (!r || !title) return null;
  const tags = (Array.isArray(r.tags) ? r.tags : typeof r.tags === 'string' ? r.tags.split(/[,、]/) : [])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.trim())
    .filter(Boolean);
  return { title, tags: [...new Set(tags)].slice(0, 5) };
}

import * as z from 'zod/mini';

/**
 * What the model answers, as structured output. The same schemas are sent as the JSON schema (`zodResponseFormat`),
 * validate every answer, and type the code.
 */

/** Why a comment is worth the reader's eye; each kind has one of the site's five highlight colours. */
export const HighlightKind = z.enum(['none', 'insight', 'experience', 'counterpoint', 'data', 'humour']);
export type HighlightKind = z.infer<typeof HighlightKind>;

export const KIND_COLORS: Record<Exclude<HighlightKind, 'none'>, string> = {
  insight: '#785bff',
  experience: '#45d325',
  counterpoint: '#ff5c5c',
  data: '#38d3d3',
  humour: '#ff5733',
};

export const colorOf = (kind: HighlightKind): string => (kind === 'none' ? '' : KIND_COLORS[kind]);

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

export const ThreadMeta = z.object({
  title: z.string().check(z.trim(), z.minLength(1), z.describe('catchy Japanese headline')),
  tags: z.array(z.string().check(z.trim(), z.minLength(1))).check(z.describe('3 to 5 short Japanese topic tags')),
});
export type ThreadMeta = z.infer<typeof ThreadMeta>;

/** The response-format names the requests use (the test server tells batches from thread requests by them). */
export const BATCH_FORMAT = 'comment_summaries';
export const THREAD_FORMAT = 'thread_meta';

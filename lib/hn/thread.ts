import * as z from 'zod/mini';

/** `YYYY-MM-DDTHH:MM:SS`, UTC without a zone: the first 19 characters of HN's age `title`. */
export const HnTime = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, 'expected YYYY-MM-DDTHH:MM:SS'));

export const CommentState = z.enum(['ok', 'deleted', 'flagged', 'dead']);
export type CommentState = z.infer<typeof CommentState>;

export const Story = z.object({
  id: z.int().check(z.positive()),
  title: z.string(),
  /** The submitted link, or the item page itself for Ask HN and other text posts. */
  url: z.string(),
  /** The site HN shows beside the title (`github.com/posthog`), null for text posts. */
  site: z.nullable(z.string()),
  by: z.nullable(z.string()),
  time: z.nullable(HnTime),
  points: z.int(),
  /** The count HN states on the page, which may differ from the comments actually present. */
  commentCount: z.int().check(z.nonnegative()),
  /** Ask/Show HN body as plain text, null when there is none. */
  text: z.nullable(z.string()),
});
export type Story = z.infer<typeof Story>;

export const Comment = z.object({
  id: z.int().check(z.positive()),
  /** The story id for top-level comments. */
  parentId: z.int().check(z.positive()),
  depth: z.int().check(z.nonnegative()),
  /** Null when HN shows no user: deleted comments. */
  by: z.nullable(z.string()),
  time: z.nullable(HnTime),
  /** Plain text: paragraphs split by a blank line, `>` quotes kept, code verbatim, links as full URLs. */
  text: z.string(),
  state: CommentState,
  /** Downvote level from HN's `cXX` class (hex): 0 for `c00`. */
  fade: z.int().check(z.minimum(0), z.maximum(255)),
  /** Number of comments below this one (its subtree without itself). */
  replies: z.int().check(z.nonnegative()),
});
export type Comment = z.infer<typeof Comment>;

export const Thread = z.object({
  story: Story,
  /** Page order: depth-first, as HN shows them. */
  comments: z.array(Comment),
  /** How many HN pages were read (large threads are split by HN with a "More" link). */
  pages: z.int().check(z.positive()),
  /** The next page's URL when reading stopped before the end (page limit or a failed fetch). */
  nextPage: z.nullable(z.string()),
});
export type Thread = z.infer<typeof Thread>;

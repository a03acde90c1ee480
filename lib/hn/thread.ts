import { z } from 'zod';

/** `YYYY-MM-DDTHH:MM:SS`, UTC without a zone: the first 19 characters of HN's age `title`. */
export const HnTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, 'expected YYYY-MM-DDTHH:MM:SS');

export const CommentState = z.enum(['ok', 'deleted', 'flagged', 'dead']);
export type CommentState = z.infer<typeof CommentState>;

export const Story = z.object({
  id: z.number().int().positive(),
  title: z.string(),
  /** The submitted link, or the item page itself for Ask HN and other text posts. */
  url: z.string(),
  /** The site HN shows beside the title (`github.com/posthog`), null for text posts. */
  site: z.string().nullable(),
  by: z.string().nullable(),
  time: HnTime.nullable(),
  points: z.number().int(),
  /** The count HN states on the page, which may differ from the comments actually present. */
  commentCount: z.number().int().nonnegative(),
  /** Ask/Show HN body as plain text, null when there is none. */
  text: z.string().nullable(),
});
export type Story = z.infer<typeof Story>;

export const Comment = z.object({
  id: z.number().int().positive(),
  /** The story id for top-level comments. */
  parentId: z.number().int().positive(),
  depth: z.number().int().nonnegative(),
  /** Null when HN shows no user: deleted comments. */
  by: z.string().nullable(),
  time: HnTime.nullable(),
  /** Plain text: paragraphs split by a blank line, `>` quotes kept, code verbatim, links as full URLs. */
  text: z.string(),
  state: CommentState,
  /** Downvote level from HN's `cXX` class (hex): 0 for `c00`. */
  fade: z.number().int().min(0).max(255),
  /** Number of comments below this one (its subtree without itself). */
  replies: z.number().int().nonnegative(),
});
export type Comment = z.infer<typeof Comment>;

export const Thread = z.object({
  story: Story,
  /** Page order: depth-first, as HN shows them. */
  comments: z.array(Comment),
  /** How many HN pages were read (large threads are split by HN with a "More" link). */
  pages: z.number().int().positive(),
  /** The next page's URL when reading stopped before the end (page limit or a failed fetch). */
  nextPage: z.string().nullable(),
});
export type Thread = z.infer<typeof Thread>;

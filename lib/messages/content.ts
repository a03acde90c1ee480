// Requests the content script receives. Written with zod/mini: the content script runs on every HN thread the user
// opens, and classic zod would add most of its bundle.
import * as z from 'zod/mini';

export const READ_PORT = 'hn-matome/read';

/** Sent once on a `READ_PORT` port: read the open thread, following HN's pages. */
export const ReadRequest = z.object({
  type: z.literal('read'),
  maxPages: z.int().check(z.minimum(1), z.maximum(200)),
  delayMs: z.int().check(z.minimum(0), z.maximum(60_000)),
});
export type ReadRequest = z.infer<typeof ReadRequest>;

/** Sent with `tabs.sendMessage`: expand, scroll to and flash one comment. */
export const RevealRequest = z.object({
  type: z.literal('reveal'),
  commentId: z.int().check(z.positive()),
});
export type RevealRequest = z.infer<typeof RevealRequest>;

export const RevealResult = z.object({ found: z.boolean() });
export type RevealResult = z.infer<typeof RevealResult>;

/** Sent with `tabs.sendMessage`: show each comment's Japanese under it on the page (as text), or remove them all (null). */
export const OverlayRequest = z.object({
  type: z.literal('overlay'),
  items: z.nullable(
    z.array(
      z.object({
        id: z.int().check(z.positive()),
        text: z.string().check(z.maxLength(100_000)),
        color: z.string().check(z.regex(/^(#[0-9a-f]{6})?$/i)),
      }),
    ),
  ),
});
export type OverlayRequest = z.infer<typeof OverlayRequest>;

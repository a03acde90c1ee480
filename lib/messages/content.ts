// Requests the content script receives, as the panel sends them. The content script itself checks them with the
// hand-written twins in ./content-check.ts (no zod on every HN page); a unit test keeps the two in step.
import * as z from 'zod/mini';

export { READ_PORT } from './content-check';

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

/** One comment's Japanese for the page: checked one by one, so one that cannot be shown leaves the rest placed. */
export const OverlayItem = z.object({
  id: z.int().check(z.positive()),
  text: z.string().check(z.maxLength(100_000)),
  color: z.string().check(z.regex(/^(#[0-9a-f]{6})?$/i)),
  /** The highlight's symbol and name in the panel's language ('' without one): the kind, readable without colour. */
  label: z.optional(z.string().check(z.maxLength(40))),
});
export type OverlayItem = z.infer<typeof OverlayItem>;

/** Sent with `tabs.sendMessage`: show each comment's Japanese under it on the page (as text), or remove them all (null). */
export const OverlayRequest = z.object({ type: z.literal('overlay'), items: z.nullable(z.array(z.unknown())) });
export type OverlayRequest = z.infer<typeof OverlayRequest>;

/** What the page did: how many it placed, left out as not showable, and left out because their comment is on another page. */
export const OverlayResult = z.object({ placed: z.int(), invalid: z.int(), notOnPage: z.int() });
export type OverlayResult = z.infer<typeof OverlayResult>;

import * as z from 'zod/mini';
import { Thread } from '../hn/thread';

/** What the content script posts back on a read port, validated by the side panel. */
export const ReadEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    page: z.int().check(z.positive()),
    comments: z.int().check(z.nonnegative()),
    next: z.nullable(z.string()),
  }),
  z.object({
    type: z.literal('done'),
    thread: Thread,
    stopped: z.nullable(z.object({ reason: z.enum(['limit', 'error']), message: z.string() })),
  }),
  z.object({
    type: z.literal('error'),
    code: z.enum(['not-item-page', 'no-story', 'bad-request', 'failed']),
    message: z.string(),
  }),
]);
export type ReadEvent = z.infer<typeof ReadEvent>;

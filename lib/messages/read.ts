import { z } from 'zod';
import { Thread } from '../hn/thread';

/** What the content script posts back on a read port, validated by the side panel. */
export const ReadEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    page: z.number().int().positive(),
    comments: z.number().int().nonnegative(),
    next: z.string().nullable(),
  }),
  z.object({
    type: z.literal('done'),
    thread: Thread,
    stopped: z.object({ reason: z.enum(['limit', 'error']), message: z.string() }).nullable(),
  }),
  z.object({
    type: z.literal('error'),
    code: z.enum(['not-item-page', 'no-story', 'bad-request', 'failed']),
    message: z.string(),
  }),
]);
export type ReadEvent = z.infer<typeof ReadEvent>;

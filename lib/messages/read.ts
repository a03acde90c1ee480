import * as z from 'zod/mini';
import { Comment, Story, Thread } from '../hn/thread';
import { eachValid } from './items';

export const ReadErrorCode = z.enum(['not-item-page', 'no-story', 'bad-request', 'failed']);
export type ReadErrorCode = z.infer<typeof ReadErrorCode>;

/** What the content script posts back on a read port, validated by the side panel (comments one by one). */
const ReadWire = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    page: z.int().check(z.positive()),
    comments: z.int().check(z.nonnegative()),
    next: z.nullable(z.string()),
  }),
  z.object({
    type: z.literal('done'),
    thread: z.object({ story: Story, comments: z.array(z.unknown()), pages: z.int().check(z.positive()), nextPage: z.nullable(z.string()) }),
    stopped: z.nullable(
      z.discriminatedUnion('reason', [
        z.object({ reason: z.literal('limit'), pages: z.int().check(z.positive()) }),
        z.object({ reason: z.literal('error'), page: z.int().check(z.positive()), detail: z.string().check(z.maxLength(500)) }),
      ]),
    ),
  }),
  z.object({
    type: z.literal('error'),
    code: ReadErrorCode,
    /** What went wrong, as the browser said it (for `failed`); the panel words the code. */
    detail: z.optional(z.string().check(z.maxLength(500))),
  }),
]);
type ReadWire = z.infer<typeof ReadWire>;
export type ReadEvent = Exclude<ReadWire, { type: 'done' }> | (Omit<Extract<ReadWire, { type: 'done' }>, 'thread'> & { thread: Thread });

/** A read event, the thread's comments checked one by one (one the page wrote oddly is left out, counted); null when it is not one. */
export function readReadEvent(raw: unknown): { event: ReadEvent; dropped: number } | { error: string } {
  const e = ReadWire.safeParse(raw);
  if (!e.success) return { error: z.prettifyError(e.error) };
  if (e.data.type !== 'done') return { event: e.data, dropped: 0 };
  const { items, dropped } = eachValid(Comment, e.data.thread.comments);
  return { event: { ...e.data, thread: { ...e.data.thread, comments: items } }, dropped };
}

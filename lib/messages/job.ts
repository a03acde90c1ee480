import * as z from 'zod/mini';
import { Story } from '../hn/thread';
import { Card, JobState } from '../summarize/card';
import { ThreadMeta } from '../summarize/schema';
import { AskView, OverviewView } from '../overview/state';
import { eachValid } from './items';

/** The side panel's port to the background for one thread's summaries. */
export const JOB_PORT = 'hn-matome/job';

/** A comment as the background needs it: what to ask, and the parent for context. */
export const JobComment = z.object({
  id: z.int().check(z.positive()),
  parentId: z.int().check(z.positive()),
  text: z.string(),
  /** Its user, for a question's prompt (`#id user`). */
  by: z.optional(z.nullable(z.string().check(z.maxLength(100)))),
});
export type JobComment = z.infer<typeof JobComment>;

/**
 * A comment as the panel names it on opening a thread: its text's hash (FNV-1a, as the cache keys hold it), not the
 * text. Reopening a 3,000-comment thread then sends kilobytes, not the whole thread; the texts follow (`texts`) once
 * the panel has painted the snapshot.
 */
export const CommentRef = z.object({
  id: z.int().check(z.positive()),
  parentId: z.int().check(z.positive()),
  h: z.string().check(z.regex(/^[0-9a-f]{8}$/)),
  by: z.optional(z.nullable(z.string().check(z.maxLength(100)))),
});
export type CommentRef = z.infer<typeof CommentRef>;

export const CommentText = z.object({ id: z.int().check(z.positive()), text: z.string() });
export type CommentText = z.infer<typeof CommentText>;

/** Ids in a focus message: a screenful and the digest's picks, with room to spare. */
export const FOCUS_MAX = 2000;

/** The wire shape; lists are checked item by item (`readPanelMessage`): one bad item never sinks the rest. */
const PanelWire = z.discriminatedUnion('type', [
  /** Subscribe to a thread: the background answers with a snapshot (cached cards at once) and then every change. */
  z.object({ type: z.literal('open'), story: Story, comments: z.array(z.unknown()) }),
  /** The comments' texts, sent once the snapshot is shown: what a job, an estimate or a question needs. */
  z.object({ type: z.literal('texts'), comments: z.array(z.unknown()) }),
  /**
   * Summarise what has no summary yet, or exactly `ids` (a re-run the user asked for); `confirmed` once the user has
   * accepted the estimate of a big job.
   */
  z.object({ type: z.literal('start'), confirmed: z.boolean(), ids: z.optional(z.array(z.int())) }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('retry'), ids: z.array(z.int()) }),
  /** Write (or write again) the overview from the summaries there are now. */
  z.object({ type: z.literal('overview') }),
  /** A question about the thread: estimated as it is typed (`send` false), answered when sent. */
  z.object({ type: z.literal('ask'), question: z.string().check(z.maxLength(2000)), send: z.boolean() }),
  /** The comments on screen and picked, as the reader scrolls: a running job asks for them first. */
  z.object({ type: z.literal('focus'), ids: z.array(z.int()).check(z.maxLength(FOCUS_MAX)) }),
  /** Forget one answer, or all of them (null). */
  z.object({ type: z.literal('answers:clear'), id: z.nullable(z.string()) }),
]);
export type PanelToBackground =
  | Exclude<z.infer<typeof PanelWire>, { type: 'open' | 'texts' }>
  | { type: 'open'; story: Story; comments: CommentRef[] }
  | { type: 'texts'; comments: CommentText[] };

const BackgroundWire = z.discriminatedUnion('type', [
  /** `model`: the one the settings use now (cards by another are marked stale). */
  z.object({ type: z.literal('snapshot'), storyId: z.int(), model: z.string(), cards: z.array(z.unknown()), meta: z.nullable(ThreadMeta), job: JobState, overview: OverviewView, ask: AskView }),
  z.object({ type: z.literal('cards'), cards: z.array(z.unknown()) }),
  z.object({ type: z.literal('draft'), id: z.int(), ja: z.string() }),
  z.object({ type: z.literal('job'), job: JobState }),
  z.object({ type: z.literal('meta'), meta: ThreadMeta }),
  z.object({ type: z.literal('overview'), overview: OverviewView }),
  z.object({ type: z.literal('ask'), ask: AskView }),
]);
type BackgroundWire = z.infer<typeof BackgroundWire>;
export type BackgroundToPanel =
  | Exclude<BackgroundWire, { type: 'snapshot' | 'cards' }>
  | (Omit<Extract<BackgroundWire, { type: 'snapshot' }>, 'cards'> & { cards: Card[] })
  | { type: 'cards'; cards: Card[] };

/** A message from the panel, its comments checked one by one; null when the message itself is not one. */
export function readPanelMessage(raw: unknown): { message: PanelToBackground; dropped: number } | null {
  const m = PanelWire.safeParse(raw);
  if (!m.success) return null;
  if (m.data.type === 'open') {
    const { items, dropped } = eachValid(CommentRef, m.data.comments);
    return { message: { ...m.data, comments: items }, dropped };
  }
  if (m.data.type === 'texts') {
    const { items, dropped } = eachValid(CommentText, m.data.comments);
    return { message: { ...m.data, comments: items }, dropped };
  }
  return { message: m.data, dropped: 0 };
}

/** A message from the background, its cards checked one by one; null when the message itself is not one. */
export function readBackgroundMessage(raw: unknown): { message: BackgroundToPanel; dropped: number } | null {
  const m = BackgroundWire.safeParse(raw);
  if (!m.success) return null;
  if (m.data.type !== 'snapshot' && m.data.type !== 'cards') return { message: m.data, dropped: 0 };
  const { items, dropped } = eachValid(Card, m.data.cards);
  return { message: { ...m.data, cards: items } as BackgroundToPanel, dropped };
}

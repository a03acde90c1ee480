import * as z from 'zod/mini';
import { Story } from '../hn/thread';
import { Card, JobState } from '../summarize/card';
import { ThreadMeta } from '../summarize/schema';

/** The side panel's port to the background for one thread's summaries. */
export const JOB_PORT = 'hn-matome/job';

/** A comment as the background needs it: what to ask, and the parent for context. */
export const JobComment = z.object({ id: z.int().check(z.positive()), parentId: z.int().check(z.positive()), text: z.string() });
export type JobComment = z.infer<typeof JobComment>;

export const PanelToBackground = z.discriminatedUnion('type', [
  /** Subscribe to a thread: the background answers with a snapshot (cached cards at once) and then every change. */
  z.object({ type: z.literal('open'), story: Story, comments: z.array(JobComment) }),
  /**
   * Summarise what has no summary yet, or exactly `ids` (a re-run the user asked for); `confirmed` once the user has
   * accepted the estimate of a big job.
   */
  z.object({ type: z.literal('start'), confirmed: z.boolean(), ids: z.optional(z.array(z.int())) }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('retry'), ids: z.array(z.int()) }),
]);
export type PanelToBackground = z.infer<typeof PanelToBackground>;

export const BackgroundToPanel = z.discriminatedUnion('type', [
  /** `model`: the one the settings use now (cards by another are marked stale). */
  z.object({ type: z.literal('snapshot'), storyId: z.int(), model: z.string(), cards: z.array(Card), meta: z.nullable(ThreadMeta), job: JobState }),
  z.object({ type: z.literal('cards'), cards: z.array(Card) }),
  z.object({ type: z.literal('draft'), id: z.int(), ja: z.string() }),
  z.object({ type: z.literal('job'), job: JobState }),
  z.object({ type: z.literal('meta'), meta: ThreadMeta }),
]);
export type BackgroundToPanel = z.infer<typeof BackgroundToPanel>;

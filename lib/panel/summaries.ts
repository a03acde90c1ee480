import type { BackgroundToPanel } from '../messages/job';
import { idleJob, type Card, type JobState } from '../summarize/card';
import type { ThreadMeta } from '../summarize/schema';
import { noAsk, noOverview, type AskView, type OverviewView } from '../overview/state';

/** What the panel knows of a thread's summaries, built from the background's messages. */
export interface SummariesState {
  storyId: number | null;
  cards: ReadonlyMap<number, Card>;
  /** Text of summaries still being written. */
  drafts: ReadonlyMap<number, string>;
  meta: ThreadMeta | null;
  /** The model the settings use now (`model@baseUrl`): cards by another one are marked stale. */
  model: string | null;
  job: JobState;
  /** The connection to the background broke (the worker restarted): the panel reconnects. */
  connected: boolean;
  /** The thread at a glance: its overview, and the reader's questions and their answers. */
  overview: OverviewView;
  ask: AskView;
}

export const emptySummaries = (): SummariesState => ({ storyId: null, cards: new Map(), drafts: new Map(), meta: null, model: null, job: idleJob(0), connected: false, overview: noOverview(), ask: noAsk() });

export function applyMessage(s: SummariesState, m: BackgroundToPanel): SummariesState {
  switch (m.type) {
    case 'snapshot':
      return { storyId: m.storyId, cards: new Map(m.cards.map((c) => [c.id, c])), drafts: new Map(), meta: m.meta, model: m.model, job: m.job, connected: true, overview: m.overview, ask: m.ask };
    case 'cards': {
      const cards = new Map(s.cards);
      const drafts = new Map(s.drafts);
      for (const c of m.cards) {
        cards.set(c.id, c);
        drafts.delete(c.id);
      }
      return { ...s, cards, drafts };
    }
    case 'draft': {
      if (s.cards.get(m.id)?.status === 'done') return s;
      return { ...s, drafts: new Map(s.drafts).set(m.id, m.ja) };
    }
    case 'job':
      // A job that ended leaves no drafts behind: those comments were not finished.
      return { ...s, job: m.job, drafts: m.job.status === 'running' ? s.drafts : new Map() };
    case 'meta':
      return { ...s, meta: m.meta };
    case 'overview':
      return { ...s, overview: m.overview };
    case 'ask':
      return { ...s, ask: m.ask };
  }
}

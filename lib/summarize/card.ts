import * as z from 'zod/mini';
import { Problem } from '../messages/problem';
import { HighlightKind } from './schema';

/** Why a summary is not what a run now would write: another comment text, another model, an older prompt. */
export const Staleness = z.enum(['text', 'model', 'prompt']);
export type Staleness = z.infer<typeof Staleness>;

/**
 * How a job works: `full` writes Japanese for every comment; `editor` scores every comment with a short answer first,
 * then writes Japanese only for the digest's picks and what the reader opens.
 */
export const WorkMode = z.enum(['full', 'editor']);
export type WorkMode = z.infer<typeof WorkMode>;

/** One comment's result as the panel shows it: its summary, or why it failed (with a retry). */
export const Card = z.discriminatedUnion('status', [
  z.object({
    id: z.int(),
    status: z.literal('done'),
    ja: z.string(),
    score: z.int(),
    kind: HighlightKind,
    /** The model that wrote it (`model@baseUrl`); absent in favourites saved before it was kept. */
    model: z.optional(z.string()),
    /** Shown all the same; the panel says by which model, and offers a re-run. */
    stale: z.optional(Staleness),
  }),
  z.object({ id: z.int(), status: z.literal('error'), problem: Problem }),
  /** Editor mode: scored for the digest, its Japanese written when it is picked or the reader asks for it. */
  z.object({ id: z.int(), status: z.literal('scored'), score: z.int(), kind: HighlightKind, model: z.optional(z.string()), stale: z.optional(Staleness) }),
]);
export type Card = z.infer<typeof Card>;

export const Usage = z.object({
  prompt: z.number(),
  completion: z.number(),
  requests: z.number(),
  /** Some answers came without usage (the endpoint sends none): part of the counts is estimated. */
  estimated: z.boolean(),
});
export type Usage = z.infer<typeof Usage>;

/** Where a thread's summarising stands. */
export const JobState = z.object({
  status: z.enum(['idle', 'confirm', 'running', 'done', 'stopped', 'cancelled']),
  /** Comments that get a summary (all with text; deleted ones and empty placeholders excepted). */
  total: z.int(),
  done: z.int(),
  failed: z.int(),
  /** Editor mode: comments scored, their Japanese not written (yet). */
  scored: z.int(),
  usage: Usage,
  /**
   * The job waits: the endpoint rate-limited (the SDK waits as it asked), or it is not answering (an outage waited
   * out; once the job has stopped for it, the background tries the endpoint again and goes on by itself). `until`: the
   * next try (epoch ms); `since`: when it began.
   */
  waiting: z.nullable(z.object({ kind: z.enum(['rate-limit', 'outage', 'reconnect']), since: z.number(), until: z.number(), problem: z.nullable(Problem) })),
  /** Why the job stopped (or what it met), for the panel to word. */
  problem: z.nullable(Problem),
  /** Shown before a big job starts: what it will cost. */
  estimate: z.nullable(
    z.object({
      comments: z.int(),
      /** Comments that get Japanese: all of them, or in editor mode the picks. */
      picks: z.int(),
      mode: WorkMode,
      promptTokens: z.int(),
      outputTokens: z.int(),
      costUsd: z.nullable(z.number()),
      /** What the other mode would cost, for the choice. */
      other: z.nullable(z.object({ promptTokens: z.int(), outputTokens: z.int(), costUsd: z.nullable(z.number()) })),
    }),
  ),
});
export type JobState = z.infer<typeof JobState>;

export const idleJob = (total: number): JobState => ({
  status: 'idle',
  total,
  done: 0,
  failed: 0,
  scored: 0,
  usage: { prompt: 0, completion: 0, requests: 0, estimated: false },
  waiting: null,
  problem: null,
  estimate: null,
});

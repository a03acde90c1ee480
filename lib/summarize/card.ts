import { z } from 'zod';
import { HighlightKind } from './schema';

/** One comment's result as the panel shows it: its summary, or why it failed (with a retry). */
export const Card = z.discriminatedUnion('status', [
  z.object({ id: z.number().int(), status: z.literal('done'), ja: z.string(), score: z.number().int(), kind: HighlightKind }),
  z.object({ id: z.number().int(), status: z.literal('error'), message: z.string() }),
]);
export type Card = z.infer<typeof Card>;

export const Usage = z.object({ prompt: z.number(), completion: z.number(), requests: z.number() });
export type Usage = z.infer<typeof Usage>;

/** Where a thread's summarising stands. */
export const JobState = z.object({
  status: z.enum(['idle', 'confirm', 'running', 'done', 'stopped', 'cancelled']),
  /** Comments that get a summary (all with text; deleted ones and empty placeholders excepted). */
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  usage: Usage,
  /** The endpoint rate-limited: the SDK waits until then (epoch ms) before it retries. */
  waitingUntil: z.number().nullable(),
  /** Why the job stopped, for the user. */
  message: z.string().nullable(),
  stopCode: z.string().nullable(),
  /** Shown before a big job starts: what it will cost. */
  estimate: z.object({ comments: z.number().int(), promptTokens: z.number().int(), outputTokens: z.number().int(), costUsd: z.number().nullable() }).nullable(),
});
export type JobState = z.infer<typeof JobState>;

export const idleJob = (total: number): JobState => ({
  status: 'idle',
  total,
  done: 0,
  failed: 0,
  usage: { prompt: 0, completion: 0, requests: 0 },
  waitingUntil: null,
  message: null,
  stopCode: null,
  estimate: null,
});

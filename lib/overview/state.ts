import * as z from 'zod/mini';
import { Problem } from '../messages/problem';
import { Cited } from './schema';

/**
 * The overview and the answers as they are kept (with the thread's summaries, and in favourites) and as the panel is
 * told of them. Validated on every read and every message.
 */

/** An overview, and what it was written from: the summaries (their key), the model and the prompt version. */
export const OverviewEntry = z.object({
  key: z.string(),
  m: z.string(),
  p: z.string(),
  mood: z.string(),
  disagreement: z.string(),
  points: z.array(Cited),
  /** How many summaries it was written from. */
  from: z.int(),
  at: z.number(),
});
export type OverviewEntry = z.infer<typeof OverviewEntry>;

/** A question the reader asked and the thread's answer. */
export const AnswerEntry = z.object({
  id: z.string(),
  question: z.string(),
  found: z.boolean(),
  answer: z.array(Cited),
  m: z.string(),
  at: z.number(),
});
export type AnswerEntry = z.infer<typeof AnswerEntry>;

/** What sending a question will take, shown before it is sent. */
export const AskEstimate = z.object({
  promptTokens: z.int(),
  outputTokens: z.int(),
  costUsd: z.nullable(z.number()),
  /** How many comments go with it, and whether that is the whole thread. */
  comments: z.int(),
  whole: z.boolean(),
});
export type AskEstimate = z.infer<typeof AskEstimate>;

/** An answer as it streams: the texts finished (with their citations) and the one being written. */
export const Writing = z.object({ done: z.array(Cited), text: z.string() });
export type Writing = z.infer<typeof Writing>;

export const OverviewView = z.object({
  /** The last overview written (shown while a new one is written). */
  entry: z.nullable(OverviewEntry),
  status: z.enum(['idle', 'writing', 'failed']),
  writing: z.nullable(Writing),
  /** Written from other summaries than the thread has now, or by another model or prompt. */
  stale: z.boolean(),
  problem: z.nullable(Problem),
});
export type OverviewView = z.infer<typeof OverviewView>;

export const AskView = z.object({
  answers: z.array(AnswerEntry),
  /** The question being estimated or answered. */
  question: z.string(),
  status: z.enum(['idle', 'writing', 'failed']),
  estimate: z.nullable(AskEstimate),
  writing: z.nullable(Writing),
  problem: z.nullable(Problem),
});
export type AskView = z.infer<typeof AskView>;

/** Fewer summaries than this make no overview worth its request. */
export const MIN_SUMMARIES = 5;

export const noOverview = (): OverviewView => ({ entry: null, status: 'idle', writing: null, stale: false, problem: null });
export const noAsk = (answers: AnswerEntry[] = []): AskView => ({ answers, question: '', status: 'idle', estimate: null, writing: null, problem: null });

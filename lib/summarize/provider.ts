import type { Problem } from '../messages/problem';
import type { WriteKind } from '../overview/prompt';
import type { Cited } from '../overview/schema';
import type { CommentScore, CommentSummary, ThreadMeta } from './schema';
import type { PromptComment, PromptStory } from './prompt';

/**
 * Why a request failed, as the job needs to know it: stop everything (auth, not-found), wait and retry (rate-limit,
 * transient), ask for less (too-large), ask differently (rejected: the endpoint refused this request as it was), or
 * nothing at all (cancelled). What the user reads is the `problem`, worded by the panel.
 */
export type FailureKind = 'auth' | 'not-found' | 'rate-limit' | 'transient' | 'too-large' | 'rejected' | 'cancelled';

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly kind: FailureKind,
    readonly problem: Problem,
    options?: { cause?: unknown },
  ) {
    super(`${kind}: ${problem.code}${Object.keys(problem.params).length ? ` ${JSON.stringify(problem.params)}` : ''}`, options);
  }
}

export interface BatchRequest {
  story: PromptStory;
  items: PromptComment[];
  /** Text of a parent comment outside the batch, for context. */
  parentText: (id: number) => string | undefined;
  /** `score`: editor mode's short answer (id, score, kind), no Japanese. An endpoint may write summaries all the same. */
  mode?: BatchMode;
}

export type BatchMode = 'write' | 'score';

export interface BatchHooks {
  signal: AbortSignal;
  /** A finished, validated summary of one of the asked comments, as soon as its object in the answer is complete. */
  onItem: (s: CommentSummary | CommentScore) => void;
  /** The Japanese text of the item still being written, as it grows. */
  onDraft?: (id: number, ja: string) => void;
}

export interface Usage {
  prompt: number;
  completion: number;
  /** The endpoint sent no usage: counted here from the texts. */
  estimated: boolean;
}

/** How an answer ended. Items it did deliver stand either way; the job re-asks for the rest. */
export interface BatchOutcome {
  finish: 'stop' | 'length' | 'invalid';
  usage: Usage | null;
}

export interface ThreadRequest {
  story: PromptStory & { site?: string | null; text?: string | null };
  topComments: string[];
}

export interface WriteHooks {
  signal: AbortSignal;
  /** A finished text (a point, a paragraph) with its citations, as soon as its object in the answer is complete. */
  onCited?: (c: Cited) => void;
  /** The text being written, as it grows. */
  onDraft?: (text: string) => void;
}

/** A cited answer's whole text (read by the caller, leniently) and what it cost. */
export interface WriteOutcome {
  text: string;
  usage: Usage | null;
}

export interface Provider {
  /** Part of every cache key: a different model's answers are not served as this one's. */
  readonly model: string;
  /**
   * What the model's context window leaves for a batch: `tokens` for its comments and their answers together, each
   * comment's answer taking `perItem`. Undefined: no window known (batches keep to the batch-size setting).
   */
  readonly contextBudget?: { tokens: number; perItem: number };
  readonly maxConcurrency?: number;
  /**
   * Whether the endpoint's way of answering is known (its output mode confirmed). Until it is, a job sends one
   * request at a time, so an endpoint that refuses the first mode costs one request, not one per batch.
   */
  readonly confirmed: boolean;
  /** Resolves once `confirmed`. */
  readonly ready: Promise<void>;
  summarize(req: BatchRequest, hooks: BatchHooks): Promise<BatchOutcome>;
  /** Whether the endpoint answers at all now (any answer, even a refusal: it is there). For resuming after an outage. */
  probe(signal: AbortSignal): Promise<boolean>;
  describe(req: ThreadRequest, signal: AbortSignal): Promise<ThreadMeta>;
  /** A cited answer (the overview, an answer to a question) to `user`, streamed through the same output modes. */
  write(kind: WriteKind, user: string, hooks: WriteHooks): Promise<WriteOutcome>;
}

import type { CommentSummary, ThreadMeta } from './schema';
import type { PromptComment, PromptStory } from './prompt';

/**
 * Why a request failed, as the job needs to know it: stop everything (auth, not-found), wait and retry (rate-limit,
 * transient), ask for less (too-large), or nothing at all (cancelled).
 */
export type FailureCode = 'auth' | 'not-found' | 'rate-limit' | 'transient' | 'too-large' | 'cancelled';

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly code: FailureCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface BatchRequest {
  story: PromptStory;
  items: PromptComment[];
  /** Text of a parent comment outside the batch, for context. */
  parentText: (id: number) => string | undefined;
}

export interface BatchHooks {
  signal: AbortSignal;
  /** A finished, validated summary of one of the asked comments, as soon as its object in the answer is complete. */
  onItem: (s: CommentSummary) => void;
  /** The Japanese text of the item still being written, as it grows. */
  onDraft?: (id: number, ja: string) => void;
}

/** How an answer ended. Items it did deliver stand either way; the job re-asks for the rest. */
export interface BatchOutcome {
  finish: 'stop' | 'length' | 'invalid';
  usage: { prompt: number; completion: number } | null;
}

export interface ThreadRequest {
  story: PromptStory & { site?: string | null; text?: string | null };
  topComments: string[];
}

export interface Provider {
  /** Part of every cache key: a different model's answers are not served. */
  readonly model: string;
  /** Limits of the provider itself (an on-device model's context window and single session at a time). */
  readonly maxBatchTokens?: number;
  readonly maxConcurrency?: number;
  summarize(req: BatchRequest, hooks: BatchHooks): Promise<BatchOutcome>;
  describe(req: ThreadRequest, signal: AbortSignal): Promise<ThreadMeta>;
}

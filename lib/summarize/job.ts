import { planBatches } from './batch';
import { COMMENTS_SYSTEM, type PromptComment, type PromptStory } from './prompt';
import { ProviderError, type FailureCode, type Provider } from './provider';
import type { CommentSummary } from './schema';
import { countTokens } from './tokens';

export interface JobInput {
  story: PromptStory;
  /** The comments to ask for, in page order. */
  comments: PromptComment[];
  /** Text of any comment of the thread (parents outside a batch are shown for context). */
  parentText: (id: number) => string | undefined;
}

export interface JobOptions {
  concurrency: number;
  /** Largest batch, in prompt tokens. */
  maxTokens: number;
  /** How many times one comment is asked for before it becomes an error card. */
  maxAttempts?: number;
  signal: AbortSignal;
}

export interface JobCallbacks {
  /** A finished summary: the caller persists it at once. */
  onSummary: (s: CommentSummary) => void;
  /** A comment that still failed after every attempt: shown as an error card with a retry button. */
  onFailed: (id: number, message: string) => void;
  onDraft?: (id: number, ja: string) => void;
  onUsage?: (u: { prompt: number; completion: number; requests: number }) => void;
}

export type JobEnd =
  | { status: 'done' }
  | { status: 'cancelled' }
  /** The endpoint said no for every request (bad key, unknown model): nothing more is asked. */
  | { status: 'stopped'; code: FailureCode; message: string };

interface Work {
  ids: number[];
  /** How many times these comments were asked already. */
  attempt: number;
}

/** Failed requests in a row, with no summary in between, after which the endpoint is taken to be down. */
const GIVE_UP_AFTER = 8;

const halves = (ids: number[]) => (ids.length < 2 ? [ids] : [ids.slice(0, Math.ceil(ids.length / 2)), ids.slice(Math.ceil(ids.length / 2))]);

/**
 * Asks for every comment's summary in batches, `concurrency` requests at a time. A summary is handed to `onSummary`
 * the moment its object in the streamed answer is complete, so nothing finished is lost to a later failure. What an
 * answer skipped or a request failed for is asked again (transient failures first as they were, then in halves; a
 * bad answer at once in halves); a comment that fails `maxAttempts` times becomes an error card. A refused key or an
 * unknown model stops the job at once; cancelling stops every request at once.
 */
export function runJob(provider: Provider, input: JobInput, opts: JobOptions, cb: JobCallbacks): Promise<JobEnd> {
  const maxAttempts = opts.maxAttempts ?? 3;
  const byId = new Map(input.comments.map((c) => [c.id, c]));
  const ctl = new AbortController();
  const cancel = () => ctl.abort(opts.signal.reason);
  opts.signal.addEventListener('abort', cancel, { once: true });
  const queue: Work[] = planBatches(input.comments, {
    storyId: input.story.id,
    maxTokens: opts.maxTokens,
    concurrency: opts.concurrency,
    overheadTokens: countTokens(COMMENTS_SYSTEM) + countTokens(input.story.title) + 8,
  }).map((b) => ({ ids: b.ids, attempt: 0 }));
  const usage = { prompt: 0, completion: 0, requests: 0 };
  let end: JobEnd | null = opts.signal.aborted ? { status: 'cancelled' } : null;
  let running = 0;

  let failuresInARow = 0;
  let lastError = '';

  const again = (ids: number[], attempt: number, message: string, split: boolean) => {
    if (!ids.length) return;
    if (attempt >= maxAttempts) {
      // Out of attempts: a lone comment becomes an error card; a group is halved until the one that fails is alone.
      if (ids.length === 1) cb.onFailed(ids[0]!, message);
      else for (const part of halves(ids)) queue.push({ ids: part, attempt });
      return;
    }
    for (const part of split ? halves(ids) : [ids]) queue.push({ ids: part, attempt });
  };

  const stop = (e: JobEnd) => {
    end ??= e;
    ctl.abort(new ProviderError('cancelled', 'Stopped.'));
  };

  async function run(w: Work) {
    const got = new Set<number>();
    const missing = () => w.ids.filter((id) => !got.has(id));
    try {
      usage.requests++;
      const out = await provider.summarize(
        { story: input.story, items: w.ids.map((id) => byId.get(id)!), parentText: input.parentText },
        {
          signal: ctl.signal,
          onItem: (s) => {
            failuresInARow = 0;
            got.add(s.id);
            cb.onSummary(s);
          },
          onDraft: cb.onDraft,
        },
      );
      if (out.usage) {
        usage.prompt += out.usage.prompt;
        usage.completion += out.usage.completion;
      }
      const why =
        out.finish === 'length' ? 'The answer was cut off at the length limit.' : out.finish === 'invalid' ? 'The answer was not valid JSON.' : 'The model skipped this comment.';
      again(missing(), w.attempt + 1, why, true);
    } catch (err) {
      const e = err instanceof ProviderError ? err : new ProviderError('transient', String(err), { cause: err });
      if (end?.status === 'stopped' && end.code === 'transient') for (const id of missing()) cb.onFailed(id, lastError);
      if (end || e.code === 'cancelled') return;
      if (e.code === 'auth' || e.code === 'not-found') return stop({ status: 'stopped', code: e.code, message: e.message });
      lastError = e.message;
      if (++failuresInARow >= GIVE_UP_AFTER) {
        // The endpoint is down, not one comment: stop asking, and leave every unfinished comment as a retryable error.
        for (const id of [...missing(), ...queue.splice(0).flatMap((q) => q.ids)]) cb.onFailed(id, e.message);
        return stop({ status: 'stopped', code: 'transient', message: `The endpoint keeps failing, so the job stopped: ${e.message}` });
      }
      // Too large: ask for less at once. Otherwise (5xx, timeout, a stream cut off): the same batch once, then halves.
      again(missing(), w.attempt + 1, e.message, e.code === 'too-large' || w.attempt >= 1);
    } finally {
      cb.onUsage?.({ ...usage });
    }
  }

  return new Promise<JobEnd>((resolve) => {
    const pump = () => {
      if (opts.signal.aborted) end ??= { status: 'cancelled' };
      while (!end && running < opts.concurrency && queue.length) {
        const w = queue.shift()!;
        running++;
        void run(w).finally(() => {
          running--;
          pump();
        });
      }
      if (running === 0 && (end || queue.length === 0)) {
        opts.signal.removeEventListener('abort', cancel);
        resolve(end ?? { status: 'done' });
      }
    };
    pump();
  });
}

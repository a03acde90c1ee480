import { problem, type Problem } from '../messages/problem';
import { fitText, planBatches } from './batch';
import { COMMENTS_SYSTEM, type PromptComment, type PromptStory } from './prompt';
import { ProviderError, type Provider } from './provider';
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

export interface JobUsage {
  prompt: number;
  completion: number;
  requests: number;
  /** Some answers came without usage: part of the counts is estimated here. */
  estimated: boolean;
}

export interface JobCallbacks {
  /** A finished summary: the caller persists it at once. */
  onSummary: (s: CommentSummary) => void;
  /** A comment that still failed after every attempt: shown as an error card with a retry button. */
  onFailed: (id: number, why: Problem) => void;
  onDraft?: (id: number, ja: string) => void;
  onUsage?: (u: JobUsage) => void;
}

export type JobEnd =
  | { status: 'done' }
  | { status: 'cancelled' }
  /** The endpoint said no for every request (bad key, unknown model), or kept failing: nothing more is asked. */
  | { status: 'stopped'; kind: ProviderError['kind']; problem: Problem };

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
 * unknown model stops the job at once; cancelling stops every request at once. While the endpoint's way of answering
 * is not known yet, one request goes first and the rest wait for it.
 */
export function runJob(provider: Provider, input: JobInput, opts: JobOptions, cb: JobCallbacks): Promise<JobEnd> {
  const maxAttempts = opts.maxAttempts ?? 3;
  const overheadTokens = countTokens(COMMENTS_SYSTEM) + countTokens(input.story.title) + 8;
  const budget = provider.contextBudget;
  // A comment that alone would not fit the context window is cut, visibly, rather than cut by the endpoint unseen.
  const room = budget ? budget.tokens - budget.perItem - 16 : Infinity;
  const comments = input.comments.map((c) => (room < Infinity && countTokens(c.text) > room ? { ...c, text: fitText(c.text, room) } : c));
  const byId = new Map(comments.map((c) => [c.id, c]));
  const ctl = new AbortController();
  const cancel = () => ctl.abort(opts.signal.reason);
  opts.signal.addEventListener('abort', cancel, { once: true });
  const plan = (list: PromptComment[], attempt: number): Work[] =>
    planBatches(list, { storyId: input.story.id, maxTokens: opts.maxTokens, concurrency: opts.concurrency, overheadTokens, window: provider.contextBudget }).map((b) => ({ ids: b.ids, attempt }));
  const queue: Work[] = plan(comments, 0);
  let plannedFor = provider.contextBudget?.tokens;
  const usage: JobUsage = { prompt: 0, completion: 0, requests: 0, estimated: false };
  let end: JobEnd | null = opts.signal.aborted ? { status: 'cancelled' } : null;
  let running = 0;

  let failuresInARow = 0;
  let lastProblem: Problem = problem('internal');

  const again = (ids: number[], attempt: number, why: Problem, split: boolean) => {
    if (!ids.length) return;
    if (attempt >= maxAttempts) {
      // Out of attempts: a lone comment becomes an error card; a group is halved until the one that fails is alone.
      if (ids.length === 1) cb.onFailed(ids[0]!, why);
      else for (const part of halves(ids)) queue.push({ ids: part, attempt });
      return;
    }
    for (const part of split ? halves(ids) : [ids]) queue.push({ ids: part, attempt });
  };

  const stop = (e: JobEnd) => {
    end ??= e;
    ctl.abort(new ProviderError('cancelled', problem('cancelled')));
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
        usage.estimated ||= out.usage.estimated;
      }
      const why = problem(out.finish === 'length' ? 'answer-cut' : out.finish === 'invalid' ? 'answer-not-json' : 'answer-skipped');
      again(missing(), w.attempt + 1, why, true);
    } catch (err) {
      const e = err instanceof ProviderError ? err : new ProviderError('transient', problem('internal', { detail: String(err) }), { cause: err });
      // Requests still running when the endpoint was given up leave their comments as retryable errors too.
      if (end?.status === 'stopped' && end.problem.code === 'endpoint-down') for (const id of missing()) cb.onFailed(id, lastProblem);
      if (end || e.kind === 'cancelled') return;
      if (e.kind === 'auth' || e.kind === 'not-found') return stop({ status: 'stopped', kind: e.kind, problem: e.problem });
      lastProblem = e.problem;
      // Too large for the model's context: the endpoint is well, the batch was not. Planned again within the window
      // as it is known now (an endpoint that states its window is taken at its word), or else halved.
      if (e.kind === 'too-large') {
        // A window learned just now: the batches still waiting were planned without it.
        const now = provider.contextBudget?.tokens;
        if (now !== plannedFor) {
          plannedFor = now;
          for (const q of queue.splice(0)) queue.push(...plan(q.ids.map((id) => byId.get(id)!), q.attempt));
        }
        const left = missing();
        const parts = w.attempt + 1 < maxAttempts && left.length > 1 ? plan(left.map((id) => byId.get(id)!), w.attempt + 1) : [];
        if (parts.length > 1) queue.push(...parts);
        else again(left, w.attempt + 1, e.problem, true);
        return;
      }
      if (++failuresInARow >= GIVE_UP_AFTER) {
        // The endpoint is down, not one comment: stop asking, and leave every unfinished comment as a retryable error.
        for (const id of [...missing(), ...queue.splice(0).flatMap((q) => q.ids)]) cb.onFailed(id, e.problem);
        return stop({ status: 'stopped', kind: e.kind, problem: problem('endpoint-down', { ...e.problem.params, cause: e.problem.code }) });
      }
      // Refused: ask for less at once. Otherwise (5xx, timeout, a stream cut off): the same batch once, then halves.
      again(missing(), w.attempt + 1, e.problem, e.kind === 'rejected' || w.attempt >= 1);
    } finally {
      cb.onUsage?.({ ...usage });
    }
  }

  return new Promise<JobEnd>((resolve) => {
    const pump = () => {
      if (opts.signal.aborted) end ??= { status: 'cancelled' };
      // Until the endpoint's way of answering is known, one request at a time: a refused format costs one request.
      const limit = provider.confirmed ? opts.concurrency : 1;
      while (!end && running < limit && queue.length) {
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
    // Confirmation comes with the first item read: the others start then, not when the first request ends.
    if (!provider.confirmed) void provider.ready.then(pump);
    pump();
  });
}

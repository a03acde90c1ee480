import { problem, type Problem } from '../messages/problem';
import { fitText, planBatches } from './batch';
import { COMMENTS_SYSTEM, type PromptComment, type PromptStory } from './prompt';
import { ProviderError, type BatchMode, type Provider } from './provider';
import type { CommentScore, CommentSummary } from './schema';
import { countTokens } from './tokens';

export interface JobInput {
  story: PromptStory;
  /** The comments to ask for, in page order. */
  comments: PromptComment[];
  /** Text of any comment of the thread (parents outside a batch are shown for context). */
  parentText: (id: number) => string | undefined;
  /** Editor mode's first pass asks only for scores. */
  mode?: BatchMode;
}

export interface JobOptions {
  concurrency: number;
  /** Largest batch, in prompt tokens. */
  maxTokens: number;
  /** How many times one comment is asked for before it becomes an error card. */
  maxAttempts?: number;
  /**
   * An endpoint that stops answering (not reachable, or failing every batch) is waited for, the waits doubling from
   * `firstWaitMs` up to `maxWaitMs`, for `giveUpMs` in all; then the job stops, resumable: nothing is failed.
   */
  outage?: { firstWaitMs: number; maxWaitMs: number; giveUpMs: number };
  signal: AbortSignal;
  /**
   * The comments the reader wants first (on screen, picked), read each time a request is about to go: a queued batch
   * holding one of them goes before the others, so scrolling far ahead re-orders what is still to ask.
   */
  priority?: () => ReadonlySet<number>;
}

export const OUTAGE = { firstWaitMs: 1000, maxWaitMs: 15_000, giveUpMs: 60_000 };

/** An outage being waited out: since when, until when the next try waits, and the last failure. */
export interface Waiting {
  since: number;
  until: number;
  problem: Problem;
}

export interface JobUsage {
  prompt: number;
  completion: number;
  requests: number;
  /** Some answers came without usage: part of the counts is estimated here. */
  estimated: boolean;
}

export interface JobCallbacks {
  /** A finished summary (or, in a score pass, a score): the caller persists it at once. */
  onSummary: (s: CommentSummary | CommentScore) => void;
  /** A comment that still failed after every attempt: shown as an error card with a retry button. */
  onFailed: (id: number, why: Problem) => void;
  onDraft?: (id: number, ja: string) => void;
  onUsage?: (u: JobUsage) => void;
  /** The endpoint stopped answering and the job waits for it (null: it answers again). */
  onWaiting?: (w: Waiting | null) => void;
}

export type JobEnd =
  | { status: 'done' }
  | { status: 'cancelled' }
  /**
   * The endpoint said no (bad key, unknown model, every request refused), or did not answer for the whole wait:
   * nothing more is asked. `resumable`: it was not there, and the job can go on once it is.
   */
  | { status: 'stopped'; kind: ProviderError['kind']; problem: Problem; resumable?: boolean };

interface Work {
  ids: number[];
  /** How many times these comments were asked already. */
  attempt: number;
}

/** Requests in a row the endpoint refused (with no summary in between), after which it is taken to refuse them all. */
const GIVE_UP_AFTER = 8;

/** First-token waits in a row that ran out, after which the job stops and says to wait longer. */
const SLOW_GIVE_UP = 3;

/** Failures that say the endpoint is not there at all, whatever was asked. */
const UNREACHABLE = new Set(['unreachable', 'timeout']);

/** The next batch to ask: the first that holds a comment the reader wants first, or else the first in thread order. */
function takeNext(queue: Work[], first: ReadonlySet<number> | undefined): Work {
  const i = first?.size ? queue.findIndex((w) => w.ids.some((id) => first.has(id))) : -1;
  return i > 0 ? queue.splice(i, 1)[0]! : queue.shift()!;
}

const halves = (ids: number[]) => (ids.length < 2 ? [ids] : [ids.slice(0, Math.ceil(ids.length / 2)), ids.slice(Math.ceil(ids.length / 2))]);

/**
 * Asks for every comment's summary in batches, `concurrency` requests at a time. A summary is handed to `onSummary`
 * the moment its object in the streamed answer is complete, so nothing finished is lost to a later failure. What an
 * answer skipped or a request failed for is asked again (transient failures first as they were, then in halves; a
 * bad answer at once in halves); a comment that fails `maxAttempts` times becomes an error card. A refused key or an
 * unknown model stops the job at once; cancelling stops every request at once. While the endpoint's way of answering
 * is not known yet, one request goes first and the rest wait for it. An endpoint that stops answering is waited for
 * (about a minute, the waits doubling), its comments kept as they were; if it does not come back the job stops,
 * resumable, with nothing failed.
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

  const outage = opts.outage ?? OUTAGE;
  /**
   * Refused requests in a row, first tokens that never came in a row, and the comments of the requests that failed in a
   * row: failures over comments that share none are the endpoint's (an outage); failures that share a comment are that
   * comment's trouble (it ends as an error card, the rest go on).
   */
  let refusedInARow = 0;
  let slowInARow = 0;
  let failedInARow: number[][] = [];
  let down: { since: number; tries: number } | null = null;
  let pausedUntil = 0;
  let pauseTimer: ReturnType<typeof setTimeout> | undefined;
  let pump = () => {};

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
        { story: input.story, items: w.ids.map((id) => byId.get(id)!), parentText: input.parentText, mode: input.mode },
        {
          signal: ctl.signal,
          onItem: (s) => {
            refusedInARow = 0;
            slowInARow = 0;
            failedInARow = [];
            if (down) {
              // It answers again: the wait is over.
              down = null;
              pausedUntil = 0;
              cb.onWaiting?.(null);
            }
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
      if (end || e.kind === 'cancelled') return;
      if (e.kind === 'auth' || e.kind === 'not-found') return stop({ status: 'stopped', kind: e.kind, problem: e.problem });
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
      if (e.kind === 'rejected') {
        // The endpoint refuses this request as it is: smaller ones may pass; refusing everything stops the job.
        if (++refusedInARow >= GIVE_UP_AFTER) return stop({ status: 'stopped', kind: e.kind, problem: e.problem });
        return again(missing(), w.attempt + 1, e.problem, true);
      }
      if (e.problem.code === 'first-token-timeout') {
        // The model thinks longer than the wait allows: no use asking again and again. Said, with what to change.
        if (++slowInARow >= SLOW_GIVE_UP) return stop({ status: 'stopped', kind: e.kind, problem: e.problem });
        return again(missing(), w.attempt + 1, e.problem, false);
      }
      // Not reachable, or failing whatever batch is asked: the endpoint is down. Wait it out, asking nothing new, with
      // the waits doubling; the comments keep their attempts. One batch that keeps failing is that batch's trouble.
      const apart = failedInARow.some((ids) => !ids.some((id) => w.ids.includes(id)));
      failedInARow.push(w.ids);
      if (UNREACHABLE.has(e.problem.code) || e.kind === 'rate-limit' || apart || down) {
        const now = Date.now();
        down ??= { since: now, tries: 0 };
        down.tries++;
        if (missing().length) queue.unshift({ ids: missing(), attempt: w.attempt });
        if (now - down.since >= outage.giveUpMs) {
          return stop({ status: 'stopped', kind: 'transient', problem: problem('endpoint-down', { ...e.problem.params, cause: e.problem.code, since: down.since }), resumable: true });
        }
        pausedUntil = Math.max(pausedUntil, Math.min(down.since + outage.giveUpMs, now + Math.min(outage.maxWaitMs, outage.firstWaitMs * 2 ** (down.tries - 1))));
        cb.onWaiting?.({ since: down.since, until: pausedUntil, problem: e.problem });
        return;
      }
      // 5xx, a stream cut off: the same batch once, then halves.
      again(missing(), w.attempt + 1, e.problem, w.attempt >= 1);
    } finally {
      cb.onUsage?.({ ...usage });
    }
  }

  return new Promise<JobEnd>((resolve) => {
    pump = () => {
      if (opts.signal.aborted) end ??= { status: 'cancelled' };
      // Until the endpoint's way of answering is known, one request at a time: a refused format costs one request.
      const limit = provider.confirmed ? opts.concurrency : 1;
      // While an outage is waited out, nothing new is asked; one request at a time tells when it is over.
      const paused = !end && Date.now() < pausedUntil;
      if (paused) {
        // Timers can fire a little early: wake up again when the wait is really over.
        clearTimeout(pauseTimer);
        pauseTimer = setTimeout(() => pump(), pausedUntil - Date.now() + 1);
      }
      while (!end && !paused && running < (down ? 1 : limit) && queue.length) {
        const w = takeNext(queue, opts.priority?.());
        running++;
        void run(w).finally(() => {
          running--;
          pump();
        });
      }
      if (running === 0 && (end || queue.length === 0)) {
        clearTimeout(pauseTimer);
        opts.signal.removeEventListener('abort', cancel);
        resolve(end ?? { status: 'done' });
      }
    };
    // Confirmation comes with the first item read: the others start then, not when the first request ends.
    if (!provider.confirmed) void provider.ready.then(pump);
    // A cancel during a wait ends the job at once.
    opts.signal.addEventListener('abort', () => pump(), { once: true });
    pump();
  });
}

import type { Story } from '../hn/thread';
import type { BackgroundToPanel, JobComment } from '../messages/job';
import { problem } from '../messages/problem';
import { loadJob, saveJob, activeJobIds, type JobRecord } from '../storage/jobs';
import type { Settings } from '../settings';
import { entryFor, staleness, type SummaryEntry, type SummaryStore } from '../storage/summaries';
import { planBatches } from './batch';
import { idleJob, type Card, type JobState } from './card';
import { runJob, type JobOptions } from './job';
import { COMMENTS_SYSTEM, PROMPT_VERSION } from './prompt';
import type { Provider } from './provider';
import { countTokens } from './tokens';
import { InsightManager } from '../overview/insights';

export type Listener = (msg: BackgroundToPanel) => void;

export interface ManagerDeps {
  store: SummaryStore;
  /** How often an endpoint a job stopped for is tried again while a panel shows the thread (default 15 s). */
  reconnectMs?: number;
  /** The outage a job waits out before it stops (default `OUTAGE`). */
  outage?: JobOptions['outage'];
  settings: () => Promise<Settings>;
  /** A provider for these settings; `onRateLimit` is told how long the endpoint asked to wait. */
  provider: (s: Settings, hooks: { onRateLimit: (ms: number) => void }) => Promise<Provider>;
  /** The model the cache keys use for these settings (without building a provider). */
  modelOf: (s: Settings) => string;
}

/** About how many tokens one summary costs to write (Japanese body and its JSON). */
const OUTPUT_TOKENS_PER_COMMENT = 90;

interface ThreadState {
  story: Story;
  comments: JobComment[];
  /** The model of the settings now (the one a run would use): cards by another one are marked stale. */
  model: string;
  cards: Map<number, Card>;
  meta: { title: string; tags: string[] } | null;
  job: JobState;
  listeners: Set<Listener>;
  abort: AbortController | null;
  /** Cards not yet sent to listeners, sent together on the next tick. */
  outbox: Card[];
  /** The timer that tries the endpoint again after a job stopped because it was not there. */
  reconnect: ReturnType<typeof setTimeout> | null;
}

/** A summary of the comment as it is now (by whatever model): what "done" counts. */
export const countsDone = (c: Card | undefined) => c?.status === 'done' && c.stale !== 'text';

/** A stored summary as the panel shows it, marked with how it differs from what a run now would write. */
function cardOf(id: number, e: SummaryEntry, text: string, model: string): Card {
  const stale = staleness(e, text, model);
  return { id, status: 'done', ja: e.ja, score: e.score, kind: e.kind, model: e.m, ...(stale && { stale }) };
}

/**
 * The background's jobs, one per thread: what the panels subscribe to. Shows every stored summary of a thread at
 * once, whatever model wrote it (those by another model, prompt or comment text are marked so, and re-run only on
 * request); runs the model for the rest; persists every summary as it arrives; resumes jobs a stopped worker left
 * running. A panel that cannot be reached any more is dropped, never taking the job or other panels with it.
 */
export class SummaryManager {
  private threads = new Map<number, ThreadState>();
  private locks = new Map<number, Promise<unknown>>();
  private saving = new Map<number, Promise<void>>();
  /** The overview and the reader's questions, per thread. */
  private readonly insights: InsightManager;

  constructor(private readonly deps: ManagerDeps) {
    this.insights = new InsightManager(
      { store: deps.store, settings: deps.settings, modelOf: deps.modelOf, countTokens, provider: (s) => deps.provider(s, { onRateLimit: () => {} }) },
      (id, msg) => {
        const t = this.threads.get(id);
        if (t) this.send(t, msg);
      },
    );
  }

  private send(t: ThreadState, msg: BackgroundToPanel) {
    for (const l of [...t.listeners]) this.deliver(t, l, msg);
  }

  private deliver(t: ThreadState, l: Listener, msg: BackgroundToPanel) {
    try {
      l(msg);
    } catch {
      // Its port closed (a panel gone between two messages): it hears nothing more, the rest go on.
      this.drop(t, l);
    }
  }

  private drop(t: ThreadState, l: Listener) {
    t.listeners.delete(l);
    if (!t.listeners.size && !t.abort) this.deps.store.pinned.delete(t.story.id);
  }

  /**
   * A job stopped because the endpoint was not there: while a panel shows the thread, the endpoint is tried again
   * every little while, and the job goes on by itself the moment it answers. The panel shows when the next try is.
   */
  private reconnectLater(t: ThreadState) {
    clearTimeout(t.reconnect ?? undefined);
    const wait = this.deps.reconnectMs ?? 15_000;
    const since = Number(t.job.problem?.params.since) || Date.now();
    t.job.waiting = { kind: 'reconnect', since, until: Date.now() + wait, problem: t.job.problem };
    t.reconnect = setTimeout(async () => {
      t.reconnect = null;
      if (this.threads.get(t.story.id) !== t || t.abort) return;
      if (!t.listeners.size) return void (t.job.waiting = null);
      const s = await this.deps.settings();
      const up = await (await this.deps.provider(s, { onRateLimit: () => {} })).probe(AbortSignal.timeout(10_000)).catch(() => false);
      if (this.threads.get(t.story.id) !== t || t.abort) return;
      if (!up) {
        this.reconnectLater(t);
        return this.sendJob(t);
      }
      t.job.waiting = null;
      await this.start(t.story.id, true);
    }, wait);
  }

  /** Job states go out after the cards they count. */
  private sendJob(t: ThreadState) {
    this.flushCards(t);
    this.send(t, { type: 'job', job: { ...t.job } });
  }

  private flushCards(t: ThreadState) {
    if (!t.outbox.length) return;
    const cards = t.outbox;
    t.outbox = [];
    this.send(t, { type: 'cards', cards });
  }

  /** A card changes: the counts follow it (done, failed and the rest always add up to the total). */
  private setCard(t: ThreadState, card: Card) {
    const before = t.cards.get(card.id);
    if (before && countsDone(before)) t.job.done--;
    if (before?.status === 'error') t.job.failed--;
    if (countsDone(card)) t.job.done++;
    else if (card.status === 'error') t.job.failed++;
    t.cards.set(card.id, card);
  }

  /** Cards that finish together (a burst of a stream) go out in one message, the counts right after them. */
  private queueCard(t: ThreadState, card: Card) {
    this.setCard(t, card);
    if (t.outbox.push(card) === 1) setTimeout(() => t.outbox.length && this.sendJob(t), 0);
  }

  /** Loads (or refreshes) a thread's state: its stored summaries for its comments as they are now, and past failures. */
  private async prepare(story: Story, comments: JobComment[]): Promise<ThreadState> {
    let t = this.threads.get(story.id);
    // A running job keeps its own comments; the panel gets what it has.
    if (t?.abort) return t;
    // Three independent reads: at once, since reopening a thread waits on them.
    const [settings, cached, record] = await Promise.all([this.deps.settings(), this.deps.store.load(story.id), loadJob(story.id)]);
    const model = this.deps.modelOf(settings);
    clearTimeout(t?.reconnect ?? undefined);
    t = { story, comments, model, cards: new Map(), meta: null, job: idleJob(comments.length), listeners: t?.listeners ?? new Set(), abort: null, outbox: [], reconnect: null };
    for (const c of comments) {
      const hit = cached.cards.get(c.id);
      if (hit) this.setCard(t, cardOf(c.id, hit, c.text, model));
      else if (record?.failed[c.id]) this.setCard(t, { id: c.id, status: 'error', problem: record.failed[c.id]! });
    }
    t.meta = cached.meta ? { title: cached.meta.title, tags: cached.meta.tags } : null;
    this.insights.load(t, cached);
    if (record) {
      if (record.status !== 'running') t.job.status = record.status;
      if (record.status === 'stopped' || record.status === 'cancelled') t.job.problem = record.problem;
      if (record.status === 'stopped' && record.resumable) this.reconnectLater(t);
      // The tokens spent so far, across worker restarts.
      t.job.usage = { ...record.usage };
    }
    this.threads.set(story.id, t);
    if (t.job.done === t.job.total && t.job.total > 0) t.job.status = 'done';
    return t;
  }

  /** Runs one thread's steps one at a time (a panel opening while a stopped job resumes must see the same job). */
  private serial<T>(id: number, fn: () => Promise<T>): Promise<T> {
    const next = (this.locks.get(id) ?? Promise.resolve()).catch(() => undefined).then(fn);
    this.locks.set(id, next);
    return next;
  }

  private snapshot(t: ThreadState): BackgroundToPanel {
    return { type: 'snapshot', storyId: t.story.id, model: t.model, cards: [...t.cards.values()], meta: t.meta, job: { ...t.job }, ...this.insights.views(t.story.id) };
  }

  /**
   * A panel subscribes to a thread; it gets a snapshot now and every change after. Returns the unsubscribe. A panel
   * whose port closed before its snapshot is never subscribed.
   */
  async open(story: Story, comments: JobComment[], listener: Listener): Promise<() => void> {
    this.deps.store.pinned.add(story.id);
    const t = await this.serial(story.id, async () => {
      const t = await this.prepare(story, comments);
      t.listeners.add(listener);
      this.deliver(t, listener, this.snapshot(t));
      return t;
    });
    // A job the worker was running when it stopped goes on as soon as someone looks.
    if (t.listeners.has(listener)) void this.resume(story.id);
    return () => this.drop(this.threads.get(story.id) ?? t, listener);
  }

  /**
   * The settings changed (another model, another endpoint): every open thread not running a job is shown again as it
   * stands for the new settings, its summaries all kept.
   */
  async settingsChanged() {
    for (const [id, t] of this.threads) {
      if (!t.listeners.size || t.abort) continue;
      await this.serial(id, async () => {
        const fresh = await this.prepare(t.story, t.comments);
        this.send(fresh, this.snapshot(fresh));
      });
    }
  }

  /**
   * Comments to ask for: those given, or every one with no summary of its text as it is now (a summary by another
   * model or prompt is kept as it is; one of an older text of the comment is shown until its new one comes).
   */
  private pending(t: ThreadState, only?: number[]): JobComment[] {
    const want = only ? new Set(only) : null;
    return t.comments.filter((c) => (want ? want.has(c.id) : !countsDone(t.cards.get(c.id))));
  }

  /** What summarising these comments will take, for the confirmation of a big job. */
  private async estimate(t: ThreadState, comments: JobComment[], s: Settings): Promise<JobState['estimate']> {
    const overhead = countTokens(COMMENTS_SYSTEM) + countTokens(t.story.title) + 8;
    const batches = planBatches(comments, { storyId: t.story.id, maxTokens: s.batchTokens, concurrency: s.concurrency, overheadTokens: overhead });
    const promptTokens = batches.reduce((a, b) => a + b.tokens + overhead, 0);
    const outputTokens = comments.length * OUTPUT_TOKENS_PER_COMMENT;
    const costUsd = s.priceInPerM == null || s.priceOutPerM == null ? null : (promptTokens * s.priceInPerM + outputTokens * s.priceOutPerM) / 1e6;
    return { comments: comments.length, promptTokens, outputTokens, costUsd };
  }

  /** Summarises what has no summary yet, or exactly `only` (a re-run the user asked for: their summaries stay shown until the new ones come). */
  start(storyId: number, confirmed: boolean, only?: number[]) {
    return this.serial(storyId, () => this.startNow(storyId, confirmed, only));
  }

  private async startNow(storyId: number, confirmed: boolean, only?: number[]) {
    const t = this.threads.get(storyId);
    if (!t || t.abort) return;
    const s = await this.deps.settings();
    const todo = this.pending(t, only);
    if (!todo.length && t.meta) return;
    if (!confirmed && todo.length > s.confirmOver) {
      t.job = { ...t.job, status: 'confirm', estimate: await this.estimate(t, todo, s) };
      return this.sendJob(t);
    }
    this.run(t, todo, s);
  }

  cancel(storyId: number) {
    const t = this.threads.get(storyId);
    if (t?.job.status === 'confirm') {
      t.job = { ...t.job, status: 'idle', estimate: null };
      this.sendJob(t);
    }
    t?.abort?.abort(new Error('Cancelled by the user.'));
  }

  retry(storyId: number, ids: number[]) {
    return this.serial(storyId, async () => {
      const t = this.threads.get(storyId);
      if (!t || t.abort) return;
      for (const id of ids)
        if (t.cards.get(id)?.status === 'error') {
          t.job.failed--;
          t.cards.delete(id);
        }
      await this.startNow(storyId, true, ids);
    });
  }

  /** Resolves once no overview or answer is being written. */
  settled() {
    return this.insights.settled();
  }

  /** Writes the overview from the summaries there are now (the reader asked). */
  overview(storyId: number) {
    const t = this.threads.get(storyId);
    return t ? this.insights.writeOverview(t) : Promise.resolve();
  }

  /** A question about the thread: estimated (`send` false) or answered. */
  ask(storyId: number, question: string, send: boolean) {
    const t = this.threads.get(storyId);
    return t ? this.insights.ask(t, question, send) : Promise.resolve();
  }

  clearAnswers(storyId: number, id: string | null) {
    const t = this.threads.get(storyId);
    return t ? this.insights.clear(t, id) : Promise.resolve();
  }

  /** Picks up every job that was running when the worker stopped. */
  async resumeAll() {
    for (const id of await activeJobIds()) void this.resume(id);
  }

  private resume(storyId: number) {
    return this.serial(storyId, async () => {
      if (this.threads.get(storyId)?.abort) return;
      const record = await loadJob(storyId);
      if (!record || record.status !== 'running') return;
      const t = await this.prepare(record.story, record.comments);
      if (t.abort) return;
      const todo = record.only ? this.pending(t, record.only).filter((c) => !this.writtenNow(t, c.id)) : this.pending(t);
      this.run(t, todo.filter((c) => t.cards.get(c.id)?.status !== 'error'), await this.deps.settings(), record.only ?? undefined);
    });
  }

  /** A card already written by the model now set (a re-run that finished it before the worker stopped). */
  private writtenNow(t: ThreadState, id: number) {
    const c = t.cards.get(id);
    return c?.status === 'done' && !c.stale;
  }

  /** Writes a thread's job record after the ones before it: the last state written is the last one made. */
  private persist(t: ThreadState, r: JobRecord): Promise<void> {
    const next = (this.saving.get(t.story.id) ?? Promise.resolve()).catch(() => undefined).then(() => saveJob(r));
    this.saving.set(t.story.id, next);
    return next;
  }

  private record(t: ThreadState, status: JobRecord['status'], only: number[] | null = null): JobRecord {
    const failed: JobRecord['failed'] = {};
    for (const c of t.cards.values()) if (c.status === 'error') failed[c.id] = c.problem;
    return { story: t.story, comments: t.comments, model: t.model, status, failed, usage: { ...t.job.usage }, problem: t.job.problem, only, updatedAt: Date.now() };
  }

  /** Starts the job at once (the thread is busy from this moment) and runs it to its end in the background. */
  private run(t: ThreadState, todo: JobComment[], s: Settings, only?: number[]): void {
    const abort = new AbortController();
    t.abort = abort;
    this.deps.store.pinned.add(t.story.id);
    // The job runs with (and its summaries are stored under) the settings in force now.
    t.model = this.deps.modelOf(s);
    clearTimeout(t.reconnect ?? undefined);
    t.reconnect = null;
    t.job = { ...t.job, status: 'running', estimate: null, problem: null, waiting: null };
    this.sendJob(t);
    this.runToEnd(t, todo, s, abort, only ?? null).catch((err: unknown) => {
      // Whatever broke, the panel hears of it and the thread is free again; finished cards stay.
      t.abort = null;
      t.job = { ...t.job, status: 'stopped', waiting: null, problem: problem('internal', { detail: String((err as Error)?.message ?? err) }) };
      this.sendJob(t);
    });
  }

  private async runToEnd(t: ThreadState, todo: JobComment[], s: Settings, abort: AbortController, only: number[] | null) {
    await this.persist(t, this.record(t, 'running', only));
    let waitTimer: ReturnType<typeof setTimeout> | undefined;
    const provider = await this.deps.provider(s, {
      onRateLimit: (ms) => {
        const now = Date.now();
        t.job.waiting = { kind: 'rate-limit', since: now, until: now + ms, problem: problem('rate-limited') };
        this.sendJob(t);
        clearTimeout(waitTimer);
        waitTimer = setTimeout(() => {
          if (t.job.waiting?.kind === 'rate-limit') t.job.waiting = null;
          this.sendJob(t);
        }, ms);
      },
    });
    const texts = new Map(t.comments.map((c) => [c.id, c.text]));
    const base = { ...t.job.usage };
    let lastDraft = 0;

    // The title waits until the endpoint's way of answering is known (the first batch finds it).
    if (!t.meta)
      void provider.ready.then(() => {
        if (!abort.signal.aborted) void this.describe(t, provider, abort.signal);
      });
    const end = await runJob(
      provider,
      { story: t.story, comments: todo, parentText: (id) => texts.get(id) },
      { concurrency: Math.min(s.concurrency, provider.maxConcurrency ?? Infinity), maxTokens: s.batchTokens, signal: abort.signal, outage: this.deps.outage },
      {
        onSummary: (sum) => {
          const entry = entryFor(texts.get(sum.id)!, t.model, sum);
          this.deps.store.add(t.story.id, sum.id, entry);
          this.queueCard(t, cardOf(sum.id, entry, texts.get(sum.id)!, t.model));
          if (t.job.waiting?.kind === 'rate-limit') t.job.waiting = null;
          this.insights.progress(t, t.job);
        },
        onFailed: (id, why) => {
          // A re-run that fails leaves the summary that was there: a finished card is never thrown away.
          if (t.cards.get(id)?.status === 'done') return;
          this.queueCard(t, { id, status: 'error', problem: why });
          void this.persist(t, this.record(t, 'running', only));
        },
        onDraft: (id, ja) => {
          // A few updates a second are plenty for the eye.
          const now = Date.now();
          if (now - lastDraft < 80) return;
          lastDraft = now;
          this.send(t, { type: 'draft', id, ja });
        },
        onWaiting: (w) => {
          t.job.waiting = w && { kind: 'outage', ...w };
          this.sendJob(t);
        },
        onUsage: (u) => {
          // Tokens spent before a worker restart stay counted.
          t.job.usage = { prompt: base.prompt + u.prompt, completion: base.completion + u.completion, requests: base.requests + u.requests, estimated: base.estimated || u.estimated };
          // Kept with the job, so a worker stopped mid-job counts them on after its restart.
          void this.persist(t, this.record(t, 'running', only));
          this.sendJob(t);
        },
      },
    );
    clearTimeout(waitTimer);
    t.abort = null;
    // The overview follows the summaries at once: the last card and the overview's request are a moment apart.
    if (end.status === 'done') this.insights.jobEnded(t);
    if (!t.listeners.size) this.deps.store.pinned.delete(t.story.id);
    const status = end.status === 'done' ? 'done' : end.status;
    t.job = { ...t.job, status, waiting: null, problem: end.status === 'stopped' ? end.problem : end.status === 'cancelled' ? problem('cancelled') : null };
    const resumable = end.status === 'stopped' && !!end.resumable;
    if (resumable) this.reconnectLater(t);
    try {
      await this.deps.store.flush();
    } catch (err) {
      t.job.problem = problem('save-failed', { detail: String((err as Error).message) });
    }
    await this.persist(t, { ...this.record(t, status), resumable });
    this.sendJob(t);
  }

  private async describe(t: ThreadState, provider: Provider, signal: AbortSignal) {
    const top = t.comments.filter((c) => c.parentId === t.story.id).slice(0, 8).map((c) => c.text);
    try {
      const meta = await provider.describe({ story: t.story, topComments: top }, signal);
      t.meta = { title: meta.title.replace(/[\r\n]+/g, ' '), tags: meta.tags.slice(0, 5) };
      await this.deps.store.setMeta(t.story.id, { ...t.meta, m: t.model, p: PROMPT_VERSION });
      this.send(t, { type: 'meta', meta: t.meta });
    } catch {
      // The title is a nicety: the cards stand without it, and the next run asks again.
    }
  }
}

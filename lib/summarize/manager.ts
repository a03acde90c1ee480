import type { Story } from '../hn/thread';
import type { BackgroundToPanel, CommentRef, CommentText, JobComment } from '../messages/job';
import { problem } from '../messages/problem';
import { loadJob, saveJob, activeJobIds, type JobRecord } from '../storage/jobs';
import type { Settings } from '../settings';
import { entryFor, staleness, type SummaryEntry, type SummaryStore } from '../storage/summaries';
import { planBatches } from './batch';
import { idleJob, type Card, type JobState } from './card';
import { runJob, type JobOptions } from './job';
import { COMMENTS_SYSTEM, PROMPT_VERSION, SCORE_SYSTEM } from './prompt';
import type { BatchMode, Provider } from './provider';
import { ThreadTexts } from './texts';
import { countTokens } from './tokens';
import { pickDigest } from './digest';
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

/** A job this small (a card or two asked for) does not rewrite the overview when it ends. */
const FEW = 5;

/** Cards in a reopened thread's first message: more than a panel shows at once. */
const FIRST_SCREEN = 40;
/** The rest of them go at the latest this long after (a panel that has painted says so sooner). */
const REST_MS = 250;

/** About how many tokens one summary costs to write (Japanese body and its JSON). */
const OUTPUT_TOKENS_PER_COMMENT = 90;
/** About how many tokens one score costs (editor mode): `{"id":…,"score":…,"kind":…}`. */
const OUTPUT_TOKENS_PER_SCORE = 16;

interface ThreadState {
  story: Story;
  /** Named by id and text hash; their texts are in `texts` once the panel has sent them. */
  comments: CommentRef[];
  texts: ThreadTexts;
  /** What the reader wants first: the comments on screen and the picks (a job asks for their batches first). */
  focus: ReadonlySet<number>;
  /** Comments the reader asked to have written while a job ran: written when it ends. */
  asked: Set<number>;
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
/** A score of the comment as it is now (editor mode): what a score pass need not ask again. */
const countsScored = (c: Card | undefined) => (c?.status === 'done' || c?.status === 'scored') && c.stale !== 'text';

/** A stored summary (or editor mode's score) as the panel shows it, marked with how it differs from what a run now would write. */
function cardOf(id: number, e: SummaryEntry, textHash: string, model: string): Card {
  const stale = staleness(e, textHash, model);
  const base = { id, score: e.score, kind: e.kind, model: e.m, ...(stale && { stale }) };
  return e.ja ? { ...base, status: 'done', ja: e.ja } : { ...base, status: 'scored' };
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
  /**
   * Each thread's job record as this worker last read or wrote it: the worker is its only writer, so a reopen does not
   * read and check again the record's copy of every comment (800 KB on a 3,000-comment thread).
   */
  private records = new Map<number, JobRecord | null>();
  /** A reopened thread's cards past the first screenful, still to send to that panel. */
  private rest = new Map<Listener, () => void>();
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
    if (before?.status === 'scored') t.job.scored--;
    if (countsDone(card)) t.job.done++;
    else if (card.status === 'error') t.job.failed++;
    else if (card.status === 'scored') t.job.scored++;
    t.cards.set(card.id, card);
  }

  /** Cards that finish together (a burst of a stream) go out in one message, the counts right after them. */
  private queueCard(t: ThreadState, card: Card) {
    this.setCard(t, card);
    if (t.outbox.push(card) === 1) setTimeout(() => t.outbox.length && this.sendJob(t), 0);
  }

  /** Loads (or refreshes) a thread's state: its stored summaries for its comments as they are now, and past failures. */
  private async prepare(story: Story, comments: readonly (CommentRef | JobComment)[], kept?: ThreadTexts): Promise<ThreadState> {
    let t = this.threads.get(story.id);
    // A running job keeps its own comments; the panel gets what it has.
    if (t?.abort) return t;
    const { refs, texts } = ThreadTexts.from(comments);
    // Three independent reads: at once, since reopening a thread waits on them.
    const [settings, cached, record] = await Promise.all([this.deps.settings(), this.deps.store.load(story.id), this.jobRecord(story.id)]);
    const model = this.deps.modelOf(settings);
    clearTimeout(t?.reconnect ?? undefined);
    t = { story, comments: refs, texts: kept ?? texts, focus: t?.focus ?? new Set(), asked: t?.asked ?? new Set(), model, cards: new Map(), meta: null, job: idleJob(refs.length), listeners: t?.listeners ?? new Set(), abort: null, outbox: [], reconnect: null };
    for (const c of refs) {
      const hit = cached.cards.get(c.id);
      if (hit) this.setCard(t, cardOf(c.id, hit, c.h, model));
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
  async open(story: Story, comments: readonly (CommentRef | JobComment)[], listener: Listener): Promise<() => void> {
    this.deps.store.pinned.add(story.id);
    const t = await this.serial(story.id, async () => {
      const t = await this.prepare(story, comments);
      t.listeners.add(listener);
      // The first screenful at once, the rest once the panel has painted it (its texts say so) or after a moment.
      const snap = this.snapshot(t);
      if (snap.type === 'snapshot' && snap.cards.length > FIRST_SCREEN) {
        const first = new Set(snap.cards.slice(0, FIRST_SCREEN).map((c) => c.id));
        this.deliver(t, listener, { ...snap, cards: snap.cards.slice(0, FIRST_SCREEN) });
        const rest = () => {
          clearTimeout(timer);
          this.rest.delete(listener);
          // Taken when sent, from the thread as it is now (settings may have changed it meanwhile).
          const now = this.threads.get(story.id) ?? t;
          if (now.listeners.has(listener)) this.deliver(now, listener, { type: 'cards', cards: [...now.cards.values()].filter((c) => !first.has(c.id)) });
        };
        const timer = setTimeout(rest, REST_MS);
        this.rest.set(listener, rest);
      } else this.deliver(t, listener, snap);
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
        const fresh = await this.prepare(t.story, t.comments, t.texts);
        this.send(fresh, this.snapshot(fresh));
      });
    }
  }

  /**
   * Comments to ask for: those given, or every one with no summary of its text as it is now (a summary by another
   * model or prompt is kept as it is; one of an older text of the comment is shown until its new one comes).
   */
  private pending(t: ThreadState, only?: number[], mode: BatchMode = 'write'): JobComment[] {
    const want = only ? new Set(only) : null;
    const handled = mode === 'score' ? countsScored : countsDone;
    return t.texts.join(t.comments.filter((c) => (want ? want.has(c.id) : !handled(t.cards.get(c.id)))));
  }

  /** Editor mode's write pass: the digest's picks by score that have no Japanese yet. */
  private picksToWrite(t: ThreadState, s: Settings): JobComment[] {
    const picks = pickDigest(t.comments.map((c) => c.id), t.cards, s.digestSize);
    return t.texts.join(t.comments.filter((c) => picks.has(c.id) && !countsDone(t.cards.get(c.id))));
  }

  /** The comments the reader has on screen and has picked: a running job asks for them next. */
  focus(storyId: number, ids: readonly number[]) {
    const t = this.threads.get(storyId);
    if (t) t.focus = new Set(ids);
  }

  /** The comments' texts, sent by the panel once it has painted the snapshot: its other cards follow now. */
  texts(storyId: number, texts: CommentText[], listener?: Listener) {
    this.threads.get(storyId)?.texts.set(texts);
    if (listener) this.rest.get(listener)?.();
  }

  /** Waits for the texts of an open thread (they follow its opening at once). */
  private async textsOf(storyId: number) {
    await this.threads.get(storyId)?.texts.whenReady();
  }

  /** What summarising these comments will take, for the confirmation of a big job. */
  private async estimate(t: ThreadState, comments: JobComment[], s: Settings, mode: BatchMode, choice: boolean): Promise<JobState['estimate']> {
    const cost = (system: string) => {
      const overhead = countTokens(system) + countTokens(t.story.title) + 8;
      const batches = planBatches(comments, { storyId: t.story.id, maxTokens: s.batchTokens, concurrency: s.concurrency, overheadTokens: overhead });
      return batches.reduce((a, b) => a + b.tokens + overhead, 0);
    };
    const priced = (promptTokens: number, outputTokens: number) => ({
      promptTokens: Math.round(promptTokens),
      outputTokens: Math.round(outputTokens),
      costUsd: s.priceInPerM == null || s.priceOutPerM == null ? null : (promptTokens * s.priceInPerM + outputTokens * s.priceOutPerM) / 1e6,
    });
    const n = comments.length;
    const write = cost(COMMENTS_SYSTEM);
    const full = priced(write, n * OUTPUT_TOKENS_PER_COMMENT);
    // Editor mode: every comment scored, then the picks written (their share of the prompt, their Japanese).
    const picks = Math.min(n, s.digestSize);
    const editor = priced(cost(SCORE_SYSTEM) + (n ? (write * picks) / n : 0), n * OUTPUT_TOKENS_PER_SCORE + picks * OUTPUT_TOKENS_PER_COMMENT);
    // The other way is worth showing only where there is a choice: a first run over comments not scored yet.
    const [mine, other] = mode === 'score' ? [editor, full] : [full, editor];
    return { comments: n, picks: mode === 'score' ? picks : n, mode: mode === 'score' ? 'editor' : 'full', ...mine, other: choice ? other : null };
  }

  /** Summarises what has no summary yet, or exactly `only` (a re-run the user asked for: their summaries stay shown until the new ones come). */
  async start(storyId: number, confirmed: boolean, only?: number[]) {
    // Outside the thread's lock: the texts arrive on the same port while this waits.
    await this.textsOf(storyId);
    return this.serial(storyId, () => this.startNow(storyId, confirmed, only));
  }

  private async startNow(storyId: number, confirmed: boolean, only?: number[]) {
    const t = this.threads.get(storyId);
    if (!t) return;
    if (t.abort) {
      // A card the reader asked for mid-job (editor mode: picked or opened) is written once the job ends.
      for (const id of only ?? []) t.asked.add(id);
      return;
    }
    const s = await this.deps.settings();
    // Editor mode scores what has no score yet (then writes the picks); once all is scored, the button ("Write the
    // other N in Japanese") writes every comment left. Comments asked for by id are written.
    let mode: BatchMode = s.workMode === 'editor' && !only ? 'score' : 'write';
    let todo = this.pending(t, only, mode);
    if (mode === 'score' && !todo.length) {
      mode = 'write';
      todo = this.pending(t);
    }
    if (!todo.length && t.meta) return;
    if (!confirmed && todo.length > s.confirmOver) {
      t.job = { ...t.job, status: 'confirm', estimate: await this.estimate(t, todo, s, mode, !only && !t.job.scored) };
      return this.sendJob(t);
    }
    this.run(t, todo, s, only, mode);
  }

  cancel(storyId: number) {
    const t = this.threads.get(storyId);
    if (t?.job.status === 'confirm') {
      t.job = { ...t.job, status: 'idle', estimate: null };
      this.sendJob(t);
    }
    t?.abort?.abort(new Error('Cancelled by the user.'));
  }

  async retry(storyId: number, ids: number[]) {
    await this.textsOf(storyId);
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
  async ask(storyId: number, question: string, send: boolean) {
    await this.textsOf(storyId);
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
      const record = await this.jobRecord(storyId);
      if (!record || record.status !== 'running') return;
      const t = await this.prepare(record.story, record.comments);
      if (t.abort) return;
      const mode = record.mode ?? 'write';
      const todo = record.only ? this.pending(t, record.only).filter((c) => !this.writtenNow(t, c.id)) : this.pending(t, undefined, mode);
      this.run(t, todo.filter((c) => t.cards.get(c.id)?.status !== 'error'), await this.deps.settings(), record.only ?? undefined, mode);
    });
  }

  /** A card already written by the model now set (a re-run that finished it before the worker stopped). */
  private writtenNow(t: ThreadState, id: number) {
    const c = t.cards.get(id);
    return c?.status === 'done' && !c.stale;
  }

  private async jobRecord(id: number): Promise<JobRecord | null> {
    if (this.records.has(id)) return this.records.get(id)!;
    const r = await loadJob(id);
    // A record written meanwhile is newer than the one read.
    if (!this.records.has(id)) this.records.set(id, r);
    return this.records.get(id)!;
  }

  /** Writes a thread's job record after the ones before it: the last state written is the last one made. */
  private persist(t: ThreadState, r: JobRecord): Promise<void> {
    this.records.set(t.story.id, r);
    const next = (this.saving.get(t.story.id) ?? Promise.resolve()).catch(() => undefined).then(() => saveJob(r));
    this.saving.set(t.story.id, next);
    return next;
  }

  private record(t: ThreadState, status: JobRecord['status'], only: number[] | null = null, mode: BatchMode = 'write'): JobRecord {
    const failed: JobRecord['failed'] = {};
    for (const c of t.cards.values()) if (c.status === 'error') failed[c.id] = c.problem;
    return { story: t.story, comments: t.texts.join(t.comments), model: t.model, status, failed, usage: { ...t.job.usage }, problem: t.job.problem, only, mode, updatedAt: Date.now() };
  }

  /** Starts the job at once (the thread is busy from this moment) and runs it to its end in the background. */
  private run(t: ThreadState, todo: JobComment[], s: Settings, only?: number[], mode: BatchMode = 'write'): void {
    const abort = new AbortController();
    t.abort = abort;
    this.deps.store.pinned.add(t.story.id);
    // The job runs with (and its summaries are stored under) the settings in force now.
    t.model = this.deps.modelOf(s);
    clearTimeout(t.reconnect ?? undefined);
    t.reconnect = null;
    t.job = { ...t.job, status: 'running', estimate: null, problem: null, waiting: null };
    this.sendJob(t);
    this.runToEnd(t, todo, s, abort, only ?? null, mode).catch((err: unknown) => {
      // Whatever broke, the panel hears of it and the thread is free again; finished cards stay.
      t.abort = null;
      t.job = { ...t.job, status: 'stopped', waiting: null, problem: problem('internal', { detail: String((err as Error)?.message ?? err) }) };
      this.sendJob(t);
    });
  }

  private async runToEnd(t: ThreadState, todo: JobComment[], s: Settings, abort: AbortController, only: number[] | null, mode: BatchMode) {
    const record = (status: JobRecord['status']) => this.record(t, status, only, mode);
    await this.persist(t, record('running'));
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
    const texts = t.texts;
    const base = { ...t.job.usage };
    let lastDraft = 0;

    // The title waits until the endpoint's way of answering is known (the first batch finds it).
    if (!t.meta)
      void provider.ready.then(() => {
        if (!abort.signal.aborted) void this.describe(t, provider, abort.signal);
      });
    const end = await runJob(
      provider,
      { story: t.story, comments: todo, parentText: (id) => texts.get(id), mode },
      { concurrency: Math.min(s.concurrency, provider.maxConcurrency ?? Infinity), maxTokens: s.batchTokens, signal: abort.signal, outage: this.deps.outage, priority: () => t.focus },
      {
        onSummary: (sum) => {
          const entry = entryFor(texts.get(sum.id)!, t.model, sum);
          this.deps.store.add(t.story.id, sum.id, entry);
          this.queueCard(t, cardOf(sum.id, entry, entry.h, t.model));
          if (t.job.waiting?.kind === 'rate-limit') t.job.waiting = null;
          this.insights.progress(t, t.job);
        },
        onFailed: (id, why) => {
          // A re-run that fails leaves the summary that was there: a finished card is never thrown away.
          if (t.cards.get(id)?.status === 'done') return;
          this.queueCard(t, { id, status: 'error', problem: why });
          void this.persist(t, record('running'));
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
          void this.persist(t, record('running'));
          this.sendJob(t);
        },
      },
    );
    clearTimeout(waitTimer);
    t.abort = null;
    // Editor mode: every comment scored, the digest's picks are written next, then what the reader asked for meanwhile
    // (the job goes on as one).
    if (mode === 'score' && end.status === 'done') {
      const picks = this.picksToWrite(t, s);
      if (picks.length) return this.run(t, picks, s, picks.map((c) => c.id));
    }
    if (t.asked.size && end.status === 'done') {
      const ids = [...t.asked];
      t.asked.clear();
      const todo = this.pending(t, ids).filter((c) => !this.writtenNow(t, c.id));
      if (todo.length) return this.run(t, todo, s, ids);
    }
    // The overview follows the summaries at once: the last card and the overview's request are a moment apart.
    // (A card or two written on request leave it as it is, marked stale: no request for so little.)
    if (end.status === 'done' && (todo.length >= FEW || !only)) this.insights.jobEnded(t);
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
    await this.persist(t, { ...record(status), resumable });
    this.sendJob(t);
    // The settings changed while the job ran (it kept the model it started with): the open panels now see its cards
    // as they stand for the new model, as a reopened panel would.
    if (this.deps.modelOf(await this.deps.settings()) !== t.model) await this.settingsChanged();
  }

  private async describe(t: ThreadState, provider: Provider, signal: AbortSignal) {
    const top = t.texts.join(t.comments.filter((c) => c.parentId === t.story.id).slice(0, 8)).map((c) => c.text);
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

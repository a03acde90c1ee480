import type { Story } from '../hn/thread';
import type { BackgroundToPanel, CommentRef } from '../messages/job';
import { problem, type Problem } from '../messages/problem';
import type { Settings } from '../settings';
import type { SummaryStore } from '../storage/summaries';
import { readValue } from '../summarize/answer';
import type { Card, JobState } from '../summarize/card';
import { ProviderError, type Provider } from '../summarize/provider';
import { askPrompt, OVERVIEW_VERSION, overviewPrompt, WRITE, type SummaryLine, type ThreadLine, type WriteKind } from './prompt';
import { readOverview, readQuestionAnswer, validCitations, type Cited } from './schema';
import { askLines, overviewKey, overviewLines } from './select';
import { MIN_SUMMARIES, noAsk, noOverview, type AnswerEntry, type AskEstimate, type AskView, type OverviewEntry, type OverviewView, type Writing } from './state';

/** What of a thread the overview and the answers are written from. */
export interface InsightThread {
  story: Story;
  comments: readonly Pick<CommentRef, 'id' | 'by'>[];
  /** The comments' English texts, for a question (the overview is written from the summaries alone). */
  texts: { get(id: number): string | undefined };
  cards: ReadonlyMap<number, Card>;
  /** The model a request now would use (`model@baseUrl`). */
  model: string;
}

export interface InsightDeps {
  store: SummaryStore;
  settings: () => Promise<Settings>;
  provider: (s: Settings) => Promise<Provider>;
  modelOf: (s: Settings) => string;
  countTokens: (text: string) => number;
}

/** The summaries' share of an overview request, in tokens (the best by score, as many as fit). */
export const OVERVIEW_BUDGET = 2000;
/** A job this long writes a first overview halfway, then the final one when it ends. */
const MID_JOB_COMMENTS = 400;
/** The thread's share of a question, in tokens, when the model's window is not known (the whole thread if it fits). */
const ASK_BUDGET = 12_000;
/** Tokens kept free in the window for the prompt's framing and the answer. */
const ASK_RESERVE = 2_000;
/** The panel hears of a streaming text a few times a second at most. */
const DRAFT_MS = 80;

interface Insight {
  overview: OverviewView;
  ask: AskView;
  overviewRun: AbortController | null;
  askRun: AbortController | null;
  /** A first overview was written during the job now running. */
  midJob: boolean;
}

const done = (c: Card | undefined): c is Extract<Card, { status: 'done' }> => c?.status === 'done' && c.stale !== 'text';

/** The thread's summaries in its order, as the overview reads them. */
function summaryLines(t: InsightThread): SummaryLine[] {
  const out: SummaryLine[] = [];
  for (const c of t.comments) {
    const card = t.cards.get(c.id);
    if (done(card)) out.push({ id: c.id, ja: card.ja, score: card.score });
  }
  return out;
}

/**
 * The thread at a glance, in the background: the overview (written from the summaries once enough are done, again when
 * the job ends; cached with them and keyed by what it was written from) and the reader's questions (answered from the
 * comments the question needs, the whole thread when it fits). Both stream, both cite only comments of the thread.
 */
export class InsightManager {
  private insights = new Map<number, Insight>();
  /** Requests under way, for `settled`. */
  private running = new Set<Promise<void>>();

  constructor(
    private readonly deps: InsightDeps,
    private readonly send: (storyId: number, msg: BackgroundToPanel) => void,
  ) {}

  private of(id: number): Insight {
    let i = this.insights.get(id);
    if (!i) this.insights.set(id, (i = { overview: noOverview(), ask: noAsk(), overviewRun: null, askRun: null, midJob: false }));
    return i;
  }

  /** What the panel shows now, for a snapshot. */
  views(id: number): { overview: OverviewView; ask: AskView } {
    const i = this.of(id);
    return { overview: i.overview, ask: i.ask };
  }

  /** The thread (re)loaded with what is stored for it; a request under way goes on. */
  load(t: InsightThread, stored: { overview: OverviewEntry | null; answers: AnswerEntry[] }) {
    const i = this.of(t.story.id);
    if (!i.overviewRun) i.overview = { ...noOverview(), entry: stored.overview, stale: this.stale(t, stored.overview) };
    if (!i.askRun) i.ask = { ...i.ask, answers: stored.answers };
  }

  /** Whether an overview was written from other summaries than the thread has now, or by another model or prompt. */
  private stale(t: InsightThread, e: OverviewEntry | null): boolean {
    if (!e) return false;
    return e.p !== OVERVIEW_VERSION || e.m !== t.model || e.key !== overviewKey(overviewLines(summaryLines(t), OVERVIEW_BUDGET, this.deps.countTokens));
  }

  /** Summaries came in while a job runs: a long job shows a first overview once half of it is done. */
  progress(t: InsightThread, job: JobState) {
    const i = this.of(t.story.id);
    if (i.midJob || i.overviewRun || job.total < MID_JOB_COMMENTS || job.done < job.total / 2) return;
    i.midJob = true;
    void this.writeOverview(t);
  }

  /** A job ended: the overview follows the summaries there are now (no request when it already does). */
  jobEnded(t: InsightThread) {
    const i = this.of(t.story.id);
    i.midJob = false;
    const lines = summaryLines(t);
    if (lines.length < MIN_SUMMARIES) return;
    if (i.overview.entry && !this.stale(t, i.overview.entry) && !i.overviewRun) return;
    void this.writeOverview(t);
  }

  /** Resolves once nothing is being written (tests and benchmarks wait for it; the panel never does). */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  private track(p: Promise<void>): Promise<void> {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
    return p;
  }

  /** Writes the overview now (the reader asked, or the summaries changed). */
  writeOverview(t: InsightThread): Promise<void> {
    return this.track(this.overviewNow(t));
  }

  private async overviewNow(t: InsightThread): Promise<void> {
    const id = t.story.id;
    const i = this.of(id);
    const lines = overviewLines(summaryLines(t), OVERVIEW_BUDGET, this.deps.countTokens);
    if (lines.length < Math.min(MIN_SUMMARIES, summaryLines(t).length) || !lines.length) return;
    i.overviewRun?.abort();
    const run = new AbortController();
    i.overviewRun = run;
    const exists = new Set(t.comments.map((c) => c.id));
    const publish = () => this.send(id, { type: 'overview', overview: i.overview });
    i.overview = { ...i.overview, status: 'writing', writing: { done: [], text: '' }, problem: null };
    publish();
    try {
      const s = await this.deps.settings();
      const model = this.deps.modelOf(s);
      const text = await this.write(s, 'overview', overviewPrompt(t.story, lines), run.signal, exists, (w) => {
        i.overview = { ...i.overview, writing: w };
        publish();
      });
      const answer = readOverview(readValue(text));
      const points = answer ? validCitations(answer.points, (c) => exists.has(c)) : [];
      if (!answer || !points.length) throw new ProviderError('rejected', problem('answer-not-json'));
      const entry: OverviewEntry = { key: overviewKey(lines), m: model, p: OVERVIEW_VERSION, mood: answer.mood, disagreement: answer.disagreement, points: points.slice(0, 7), from: lines.length, at: Date.now() };
      await this.deps.store.setOverview(id, entry);
      if (i.overviewRun !== run) return;
      i.overview = { entry, status: 'idle', writing: null, stale: false, problem: null };
    } catch (err) {
      if (i.overviewRun !== run) return;
      // The last overview stays shown; the panel says this one failed.
      i.overview = { ...i.overview, status: run.signal.aborted ? 'idle' : 'failed', writing: null, problem: run.signal.aborted ? null : problemOf(err) };
    } finally {
      if (i.overviewRun === run) i.overviewRun = null;
    }
    publish();
  }

  /** The comments a question goes with, and what sending it will take. */
  private async plan(t: InsightThread, question: string, s: Settings, provider: Provider | null) {
    const count = this.deps.countTokens;
    const lines: ThreadLine[] = t.comments.map((c) => {
      const card = t.cards.get(c.id);
      return { id: c.id, by: c.by ?? null, text: t.texts.get(c.id) ?? '', ja: done(card) ? card.ja : null, score: done(card) ? card.score : null };
    });
    const window = provider?.contextBudget?.tokens;
    const budget = window ? Math.max(1000, Math.min(window - ASK_RESERVE, ASK_BUDGET * 4)) : ASK_BUDGET;
    const chosen = askLines(question, lines, budget, count);
    const user = askPrompt(t.story, question, chosen.lines);
    const promptTokens = count(WRITE.answer.system) + count(user);
    const outputTokens = WRITE.answer.answerTokens / 2;
    const costUsd = s.priceInPerM == null || s.priceOutPerM == null ? null : (promptTokens * s.priceInPerM + outputTokens * s.priceOutPerM) / 1e6;
    const estimate: AskEstimate = { promptTokens, outputTokens, costUsd, comments: chosen.lines.length, whole: chosen.whole };
    return { user, estimate };
  }

  /**
   * A question: estimated as it is typed (nothing is sent), or sent and answered. The answer streams, cites only
   * comments of this thread, and is kept with the thread until cleared.
   */
  ask(t: InsightThread, question: string, send: boolean): Promise<void> {
    return this.track(this.askNow(t, question, send));
  }

  private async askNow(t: InsightThread, question: string, send: boolean): Promise<void> {
    const id = t.story.id;
    const i = this.of(id);
    const q = question.trim();
    const publish = () => this.send(id, { type: 'ask', ask: i.ask });
    if (i.askRun) return; // one question at a time: the box is busy until it is answered
    if (!q) {
      i.ask = { ...i.ask, question: '', estimate: null, problem: null, status: 'idle' };
      return publish();
    }
    const s = await this.deps.settings();
    if (!send) {
      const { estimate } = await this.plan(t, q, s, null);
      i.ask = { ...i.ask, question: q, estimate, problem: null, status: i.ask.status === 'failed' ? 'idle' : i.ask.status };
      return publish();
    }
    const run = new AbortController();
    i.askRun = run;
    const exists = new Set(t.comments.map((c) => c.id));
    i.ask = { ...i.ask, question: q, status: 'writing', writing: { done: [], text: '' }, problem: null };
    publish();
    try {
      const provider = await this.deps.provider(s);
      const { user, estimate } = await this.plan(t, q, s, provider);
      i.ask = { ...i.ask, estimate };
      const text = await this.write(s, 'answer', user, run.signal, exists, (w) => {
        i.ask = { ...i.ask, writing: w };
        publish();
      }, provider);
      const answer = readQuestionAnswer(readValue(text));
      // "The thread does not say" cites nothing, and stands; any other text must lead somewhere.
      const paragraphs = answer ? validCitations(answer.answer, (c) => exists.has(c), !answer.found) : [];
      if (!answer || !paragraphs.length) throw new ProviderError('rejected', problem('answer-not-json'));
      const entry: AnswerEntry = { id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`, question: q, found: answer.found, answer: paragraphs, m: this.deps.modelOf(s), at: Date.now() };
      const answers = [entry, ...i.ask.answers];
      await this.deps.store.setAnswers(id, answers);
      i.ask = { ...noAsk(answers) };
    } catch (err) {
      // The question stays in the box, to send again.
      i.ask = { ...i.ask, status: run.signal.aborted ? 'idle' : 'failed', writing: null, problem: run.signal.aborted ? null : problemOf(err) };
    } finally {
      i.askRun = null;
    }
    publish();
  }

  /** Forgets one answer, or all of them. */
  async clear(t: InsightThread, answerId: string | null) {
    const i = this.of(t.story.id);
    const answers = answerId == null ? [] : i.ask.answers.filter((a) => a.id !== answerId);
    await this.deps.store.setAnswers(t.story.id, answers);
    i.ask = { ...i.ask, answers };
    this.send(t.story.id, { type: 'ask', ask: i.ask });
  }

  /** Stops what is being written for a thread (its last panel closed is no reason: only a reset is). */
  stop(id: number) {
    const i = this.insights.get(id);
    i?.overviewRun?.abort();
    i?.askRun?.abort();
  }

  /** One cited answer, streamed: every finished text with its citations (only those that lead somewhere) and the one being written. */
  private async write(s: Settings, kind: WriteKind, user: string, signal: AbortSignal, exists: Set<number>, onWriting: (w: Writing) => void, given?: Provider): Promise<string> {
    const provider = given ?? (await this.deps.provider(s));
    const finished: Cited[] = [];
    let current = '';
    let last = 0;
    const tell = (force = false) => {
      const now = Date.now();
      if (!force && now - last < DRAFT_MS) return;
      last = now;
      onWriting({ done: [...finished], text: current });
    };
    const out = await provider.write(kind, user, {
      signal,
      onCited: (c) => {
        const [valid] = validCitations([c], (id) => exists.has(id), kind === 'answer');
        if (valid) finished.push(valid);
        current = '';
        tell(true);
      },
      onDraft: (text) => {
        current = text;
        tell(current.length <= 2);
      },
    });
    return out.text;
  }
}

function problemOf(err: unknown): Problem {
  return err instanceof ProviderError ? err.problem : problem('internal', { detail: String((err as Error)?.message ?? err) });
}

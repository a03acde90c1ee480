// The model engine against the project's test endpoint, paced like a real model: 400 ms to the first token,
// 60 tokens/s per stream, 4 streams at once. Node runs the real `openai` client, as the background worker does.
import { parseThread } from '../../lib/hn/parse';
import { COMMENTS_SYSTEM } from '../../lib/summarize/prompt';
import { openAIProvider, type OpenAIProviderConfig } from '../../lib/summarize/openai-provider';
// The comments' own tokens are counted exactly (o200k), as the test server counts the prompts: the ratio is real.
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { jobComments } from '../../lib/summarize/digest';
import type { BackgroundToPanel } from '../../lib/messages/job';
import type { JobState } from '../../lib/summarize/card';
import { parseSettings, type Settings } from '../../lib/settings';
import { startLlmServer } from '../../test/llm-server/server';
import { testChatConfig } from '../../test/support/endpoint';
import { htmlDoc } from '../../test/support/dom';
import { generateThread } from '../../test/support/generate-thread';
import { median, percentile, type Figure } from './report';

const LATENCY_MS = 400;
const TPS = 60;
const STREAMS = 4;

/**
 * A whole job as the background runs it (`SummaryManager`, with storage in memory): the cards streaming in, then the
 * overview the job's end writes from them.
 */
/** The generated thread as the panel reads it, and a maker of the background's job manager over in-memory storage. */
async function benchThread(n: number) {
  // The manager keeps summaries in the extension's storage: here WXT's in-memory stand-in for it.
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  Object.assign(globalThis, { chrome: fakeBrowser, browser: fakeBrowser });
  // Empty storage for each thread: the generated threads share a story id, and one's cache must not serve another.
  fakeBrowser.reset();
  const { SummaryManager } = await import('../../lib/summarize/manager');
  const { SummaryStore } = await import('../../lib/storage/summaries');
  const g = generateThread({ comments: n, seed: 100 + n });
  const url = `https://news.ycombinator.com/item?id=${g.story.id}`;
  const thread = parseThread(htmlDoc(g.pages[0]!, url), url);
  const manager = (settings: Settings, limits: Partial<OpenAIProviderConfig>) =>
    new SummaryManager({
      store: new SummaryStore(1e9),
      settings: async () => settings,
      modelOf: (s) => `${s.model}@${s.baseUrl}`,
      provider: (s, hooks) => openAIProvider(testChatConfig(s.baseUrl, { model: s.model, timeoutMs: 120_000, maxRetries: 2, onRateLimit: hooks.onRateLimit, ...limits })),
    });
  return { fakeBrowser, thread, manager };
}

export async function benchJob(n: number): Promise<Figure[]> {
  const { thread, manager: makeManager } = await benchThread(n);
  const comments = jobComments(thread);
  const server = await startLlmServer({ firstTokenLatencyMs: LATENCY_MS, tokensPerSecond: TPS, maxConcurrency: STREAMS });
  const settings = parseSettings({ preset: 'custom', baseUrl: server.url, model: 'matome-test-1', concurrency: STREAMS, confirmOver: 100_000 });
  try {
    // Node's fetch loads undici on its first use (~80 ms), which a browser's worker never pays: do that first.
    await fetch(`${server.url}/models`);
    const manager = makeManager(settings, { stallMs: 60_000, firstTokenMs: 120_000 });
    let t0 = 0;
    let firstDraft = 0;
    let firstCard = 0;
    let lastCard = 0;
    let overviewShown = 0;
    let overviewDone = 0;
    let job: JobState | null = null;
    let finished = () => {};
    const ended = new Promise<void>((r) => (finished = r));
    const listener = (m: BackgroundToPanel) => {
      const now = performance.now() - t0;
      if (m.type === 'draft') firstDraft ||= now;
      if (m.type === 'cards' && m.cards.some((c) => c.status === 'done')) {
        firstCard ||= now;
        lastCard = now;
      }
      if (m.type === 'job') {
        job = m.job;
        if (job.status !== 'running') finished();
      }
      // The overview the job's end writes: shown with its first words, done when written.
      if (m.type === 'overview' && job?.status !== 'running' && lastCard) {
        const w = m.overview.writing;
        if (!overviewShown && w && (w.text || w.done.length)) overviewShown = now;
        if (m.overview.status === 'idle' && m.overview.entry) overviewDone = now;
      }
    };
    await manager.open(thread.story, comments, listener);
    t0 = performance.now();
    await manager.start(thread.story.id, true);
    await ended;
    const total = performance.now() - t0;
    await manager.settled();
    const end = job as JobState | null;
    if (end?.status !== 'done' || end.done !== comments.length) throw new Error(`job ended ${JSON.stringify(end)}`);
    const batches = server.requests.filter((r) => r.kind === 'batch');
    const overviews = server.requests.filter((r) => r.kind === 'overview');
    // What the endpoint's pace allows: every output token at TPS on STREAMS streams, plus one first-token wait.
    const bound = (end.usage.completion / (TPS * STREAMS)) * 1000 + LATENCY_MS;
    const own = comments.reduce((a, c) => a + countTokens(c.text), 0);
    const prompt = batches.reduce((a, r) => a + r.promptTokens, 0);
    const overviewTokens = overviews.reduce((a, r) => a + r.promptTokens, 0);
    return [
      { name: `${n} comments: time to first card shown (streaming text)`, value: firstDraft, unit: 'ms', target: { max: 700 } },
      { name: `${n} comments: time to first finished card`, value: firstCard, unit: 'ms' },
      { name: `${n} comments: total time`, value: total / 1000, unit: 's' },
      { name: `${n} comments: total / bound from rate and concurrency (${(bound / 1000).toFixed(1)} s)`, value: total / bound, unit: '×', target: { max: 1.2 } },
      { name: `${n} comments: prompt tokens / comments' own tokens (${prompt} / ${own}, system prompt ${countTokens(COMMENTS_SYSTEM)})`, value: prompt / own, unit: '×', target: { max: 1.25 } },
      { name: `${n} comments: requests`, value: batches.length, unit: '' },
      { name: `${n} comments: overview prompt tokens / the cards' prompt tokens (${overviewTokens} in ${overviews.length} request${overviews.length > 1 ? 's' : ''} / ${prompt})`, value: (100 * overviewTokens) / prompt, unit: '%', target: { max: 25 } },
      { name: `${n} comments: last card to the overview shown (first token ${LATENCY_MS} ms)`, value: overviewShown - lastCard, unit: 'ms', target: { max: LATENCY_MS + 300 } },
      { name: `${n} comments: last card to the overview written`, value: overviewDone - lastCard, unit: 'ms' },
    ];
  } finally {
    await server.close();
  }
}

/** Reopening a summarised thread in the real extension: from opening the panel to every card shown, and requests. */
/** Reopens per figure: the median and p90 want at least nine. */
const REOPEN_RUNS = 11;

export async function benchReopen(n: number): Promise<Figure[]> {
  const { launch } = await import('../../test/browser/harness');
  const g = generateThread({ comments: n, seed: 200 + n });
  const server = await startLlmServer();
  const h = await launch((path) => (path === `/item?id=${g.story.id}` ? g.pages[0] : undefined));
  try {
    await h.setSettings({ preset: 'custom', baseUrl: server.url, model: 'matome-test-1', confirmOver: 100_000, maxPages: 1, lang: 'en' });
    const page = await h.openThread(`/item?id=${g.story.id}`);
    const tabId = await h.tabIdOf(page.url());
    const panel = await h.openPanel(tabId);
    await panel.getByTestId('summarize').click();
    const allDone = `All ${n.toLocaleString('en-US')} summarised`;
    await panel.waitForFunction((text) => document.querySelector('[data-testid="progress"]')?.textContent?.startsWith(text), allDone, { timeout: 600_000, polling: 200 });
    // The job's end writes the overview: written before the reopens count requests.
    await panel.locator('[data-testid="overview"][data-status="idle"]').waitFor({ timeout: 120_000 });
    await panel.close();
    server.reset();
    /** Opens the panel REOPEN_RUNS times: from opening it to every summary shown, and from reading the thread to that. */
    const reopen = async () => {
      const times: number[] = [];
      const cacheTimes: number[] = [];
      const answerTimes: number[] = [];
      for (let i = 0; i < REOPEN_RUNS; i++) {
        const again = await h.context.newPage();
        await again.setViewportSize({ width: 420, height: 820 });
        const t0 = Date.now();
        await again.goto(`chrome-extension://${h.extensionId}/sidepanel.html?tab=${tabId}`);
        // Every summary is there (the progress line counts them) and the cards in view show theirs.
        await again.waitForFunction(
          (text) => document.querySelector('[data-testid="progress"]')?.textContent?.startsWith(text) && !document.querySelector('[data-testid="card"]:not([data-summary="done"])'),
          allDone,
          { timeout: 60_000, polling: 'raf' },
        );
        times.push(Date.now() - t0);
        // From the panel asking the background for the thread's summaries (it has just read the thread) to all shown.
        // (No function declared inside: the bench runs through tsx, whose helpers do not exist in the page.)
        const [shown, answered] = await again.evaluate(() => [
          performance.now() - performance.getEntriesByName('hn-matome:open')[0]!.startTime,
          performance.getEntriesByName('hn-matome:snapshot')[0]!.startTime - performance.getEntriesByName('hn-matome:open')[0]!.startTime,
        ]);
        cacheTimes.push(shown);
        answerTimes.push(answered);
        await again.close();
      }
      return { times, cacheTimes, answerTimes };
    };
    const same = await reopen();
    // Another model set since: every card shown all the same, marked with the model that wrote it.
    await h.setSettings({ preset: 'custom', baseUrl: server.url, model: 'matome-test-2', confirmOver: 100_000, maxPages: 1, lang: 'en' });
    const other = await reopen();
    const of = `${REOPEN_RUNS} runs`;
    return [
      { name: `${n} comments: reopen, thread read to every count and the first screenful of summaries shown, median of ${of}`, value: median(same.cacheTimes), unit: 'ms', target: { max: 150 } },
      { name: `${n} comments: reopen, the same, p90 of ${of}`, value: percentile(same.cacheTimes, 0.9), unit: 'ms', target: { max: 150 } },
      { name: `${n} comments: reopen, of which the background's snapshot (thread read to snapshot received), median`, value: median(same.answerTimes), unit: 'ms' },
      { name: `${n} comments: reopen, panel opened to every summary shown (page load and reading the thread included), median`, value: median(same.times), unit: 'ms' },
      { name: `${n} comments: reopen after the model changed, the same, median of ${of}`, value: median(other.cacheTimes), unit: 'ms', target: { max: 150 } },
      { name: `${n} comments: reopen after the model changed, p90 of ${of}`, value: percentile(other.cacheTimes, 0.9), unit: 'ms', target: { max: 150 } },
      { name: `${n} comments: requests on reopen (same model, then another)`, value: server.requests.length, unit: '', target: { max: 0 } },
    ];
  } finally {
    await h.close();
    await server.close();
  }
}

/**
 * Output tokens of a whole job in each mode, on the same thread: `full` writes Japanese for every comment; `editor`
 * scores every comment with a short answer, then writes the digest's picks (80, the default size). Unpaced: only the
 * counts matter here.
 */
export async function benchModes(n: number): Promise<Figure[]> {
  const { fakeBrowser, thread, manager: makeManager } = await benchThread(n);
  const server = await startLlmServer();
  try {
    const run = async (workMode: 'full' | 'editor') => {
      fakeBrowser.reset();
      server.reset();
      const settings = parseSettings({ preset: 'custom', baseUrl: server.url, model: 'matome-test-1', concurrency: STREAMS, confirmOver: 100_000, workMode });
      const manager = makeManager(settings, {});
      let done = () => {};
      const ended = new Promise<void>((r) => (done = r));
      await manager.open(thread.story, jobComments(thread), (m) => m.type === 'job' && m.job.status === 'done' && done());
      await manager.start(thread.story.id, true);
      await ended;
      await manager.settled();
      const jobs = server.requests.filter((r) => r.kind === 'batch' || r.kind === 'score');
      return { output: jobs.reduce((a, r) => a + r.completionTokens, 0), prompt: jobs.reduce((a, r) => a + r.promptTokens, 0) };
    };
    const full = await run('full');
    const editor = await run('editor');
    return [
      { name: `${n} comments: output tokens, full mode (Japanese for every comment)`, value: full.output, unit: 'tokens' },
      { name: `${n} comments: output tokens, editor mode (scores, then Japanese for 80 picks)`, value: editor.output, unit: 'tokens' },
      { name: `${n} comments: editor mode cuts output tokens by`, value: 100 * (1 - editor.output / full.output), unit: '%' },
      { name: `${n} comments: prompt tokens, editor mode / full mode`, value: editor.prompt / full.prompt, unit: '×' },
    ];
  } finally {
    await server.close();
  }
}

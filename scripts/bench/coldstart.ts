// The background worker's cold start, as Chrome does it after 30 s idle: stopped, then woken by a panel's port. Load
// (fetch and compile, up to the script's first statement), evaluation (to its listeners registered), port open → first
// answer cold and warm, and the heap right after the start (read over CDP from the worker itself).
import type { Page } from 'playwright-core';
import { median, type Figure } from './report';

const RUNS = 9;
const PORT = 9333;

/** One CDP command to the extension's service worker, over its own debugging socket. */
async function workerCdp<T>(extensionId: string, method: string): Promise<T> {
  const targets = (await (await fetch(`http://127.0.0.1:${PORT}/json/list`)).json()) as { type: string; url: string; webSocketDebuggerUrl: string }[];
  const sw = targets.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!sw) throw new Error('no running service worker');
  const ws = new WebSocket(sw.webSocketDebuggerUrl);
  try {
    await new Promise((resolve, reject) => ((ws.onopen = resolve), (ws.onerror = reject)));
    // Events come on the same socket: the answer is the message with the command's id.
    const answer = new Promise<T>((resolve) => {
      ws.onmessage = (e) => {
        const m = JSON.parse(String(e.data)) as { id?: number; result: T };
        if (m.id === 1) resolve(m.result);
      };
    });
    ws.send(JSON.stringify({ id: 1, method }));
    return await answer;
  } finally {
    ws.close();
  }
}

/** Stops the worker (as Chrome does when idle) and waits until it is gone. */
async function stopWorker(page: Page, extensionId: string) {
  const cdp = await page.context().newCDPSession(page);
  const running = new Set<string>();
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) (v.runningStatus === 'running' ? running.add(v.versionId) : running.delete(v.versionId));
  });
  await cdp.send('ServiceWorker.enable');
  await new Promise((r) => setTimeout(r, 200));
  for (const versionId of [...running]) await cdp.send('ServiceWorker.stopWorker', { versionId });
  for (let i = 0; i < 50 && running.size; i++) await new Promise((r) => setTimeout(r, 50));
  await cdp.detach();
  // Settled: nothing of the last start is still running when the next one is timed.
  await new Promise((r) => setTimeout(r, 300));
}

/** From an extension page: opens a job port and times the background's first answer (a snapshot). */
const firstAnswer = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        type Port = { onMessage: { addListener(f: () => void): void }; postMessage(m: unknown): void; disconnect(): void };
        const { runtime } = (globalThis as unknown as { chrome: { runtime: { connect(o: { name: string }): Port } } }).chrome;
        const port = runtime.connect({ name: 'hn-matome/job' });
        port.onMessage.addListener(() => {
          resolve(performance.now() - t0);
          port.disconnect();
        });
        port.postMessage({ type: 'open', story: { id: 1, title: 'Cold start', url: 'https://example.com/', site: null, by: null, time: null, points: 0, commentCount: 0, text: null }, comments: [] });
      }),
  );

export async function benchColdStart(): Promise<Figure[]> {
  const { launch } = await import('../../test/browser/harness');
  const h = await launch(() => undefined, { args: [`--remote-debugging-port=${PORT}`] });
  try {
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/sidepanel.html?tab=-1`);
    const load: number[] = [];
    const evaluation: number[] = [];
    const cold: number[] = [];
    const warm: number[] = [];
    const heap: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await stopWorker(page, h.extensionId);
      cold.push(await firstAnswer(page));
      const marks = await (await h.worker()).evaluate(() => [performance.getEntriesByName('hn-matome:worker-eval')[0]?.startTime ?? NaN, performance.getEntriesByName('hn-matome:worker-ready')[0]?.startTime ?? NaN]);
      load.push(marks[0]!);
      evaluation.push(marks[1]! - marks[0]!);
      heap.push((await workerCdp<{ usedSize: number }>(h.extensionId, 'Runtime.getHeapUsage')).usedSize / 1024 / 1024);
      warm.push(await firstAnswer(page));
    }
    const of = `median of ${RUNS}`;
    return [
      { name: `worker cold start: load and compile (to the script's first statement), ${of}`, value: median(load), unit: 'ms' },
      { name: `worker cold start: evaluation (to listeners registered), ${of}`, value: median(evaluation), unit: 'ms' },
      { name: `worker cold start: port open → first answer, ${of}`, value: median(cold), unit: 'ms', target: { max: 100 } },
      { name: `worker warm: port open → first answer, ${of}`, value: median(warm), unit: 'ms' },
      { name: `worker heap used right after a cold start, ${of}`, value: median(heap), unit: 'MB', target: { max: 5 } },
    ];
  } finally {
    await h.close();
  }
}

/** Clicks Summarise in the panel and times, in the page, until the first card shows Japanese (streaming or done). */
const FIRST_CARD = `new Promise((resolve) => {
  const t0 = performance.now();
  document.querySelector('[data-testid="summarize"]').click();
  const shown = () => document.querySelector('[data-testid="card"][data-summary="writing"], [data-testid="card"][data-summary="done"]');
  const tick = () => (shown() ? resolve(performance.now() - t0) : requestAnimationFrame(tick));
  tick();
})`;

/**
 * The first card of the first job after the browser starts (a fresh profile: nothing warmed), then of a second job in
 * the same browser, at a realistic endpoint first-token latency. Median over fresh browsers.
 */
export async function benchFirstCard(): Promise<Figure[]> {
  const { launch } = await import('../../test/browser/harness');
  const { generateThread } = await import('../../test/support/generate-thread');
  const { startLlmServer } = await import('../../test/llm-server/server');
  const LATENCY = 600;
  const threads = [generateThread({ comments: 40, seed: 301, storyId: 47800000 }), generateThread({ comments: 40, seed: 302, storyId: 47800100 })];
  const server = await startLlmServer({ firstTokenLatencyMs: LATENCY, tokensPerSecond: 60 });
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const h = await launch((path) => threads.find((t) => path === `/item?id=${t.story.id}`)?.pages[0]);
      try {
        await h.setSettings({ preset: 'custom', baseUrl: server.url, model: 'matome-test-1', confirmOver: 100_000, lang: 'en' });
        await h.setApiKey(server.url, 'sk-test');
        for (const [n, t] of threads.entries()) {
          const page = await h.openThread(`/item?id=${t.story.id}`);
          const panel = await h.openPanel(await h.tabIdOf(page.url()));
          await panel.locator('[data-testid="summarize"]:not([disabled])').waitFor();
          (n ? warm : cold).push(Number(await panel.evaluate(FIRST_CARD)));
          await panel.getByTestId('cancel').click();
        }
      } finally {
        await h.close();
      }
    }
  } finally {
    await server.close();
  }
  return [
    { name: `first card of the first job after the browser starts (first token ${LATENCY} ms), median of 5`, value: median(cold), unit: 'ms', target: { max: LATENCY + 300 } },
    { name: `first card of the next job, warm (first token ${LATENCY} ms), median of 5`, value: median(warm), unit: 'ms', target: { max: LATENCY + 300 } },
  ];
}

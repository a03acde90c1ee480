// How a job's trouble reaches the user: a stop said once, at the top, in the panel's language, with its fix; a rate
// limit's wait counting down.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { artifactPath, launch, type Harness } from './harness';
import { generateThread } from '../support/generate-thread';
import { startLlmServer, type LlmServer } from '../llm-server/server';

const refused = generateThread({ comments: 40, seed: 81, storyId: 47300000 });
const limited = generateThread({ comments: 12, seed: 82, storyId: 47400000 });
const byId = new Map([refused, limited].map((t) => [t.story.id, t]));

let h: Harness;
let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer({ apiKey: 'sk-right' });
  h = await launch((path) => byId.get(Number(new URL(path, 'https://news.ycombinator.com').searchParams.get('id')))?.pages[0]);
});
beforeEach(() => {
  server.options.fault = null;
  server.options.faultWhen = undefined;
  server.reset();
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

test('a key the endpoint refuses: the stop is said once, in Japanese, with the way to Settings; no card repeats it', async () => {
  await h.setSettings({ lang: 'ja', preset: 'custom', baseUrl: server.url, model: 'matome-test-1', confirmOver: 1000, concurrency: 4, batchTokens: 300 });
  await h.setApiKey(server.url, 'sk-wrong');
  const page = await h.openThread(`/item?id=${refused.story.id}`);
  const panel = await h.openPanel(await h.tabIdOf(page.url()));
  await panel.getByTestId('summarize').click();
  await expect.poll(() => panel.getByTestId('error').textContent()).toMatch(/^エンドポイントがAPIキーを拒否しました（401）。設定でキーを確認してください。/);
  await panel.waitForTimeout(500);
  expect((await panel.locator('main').innerText()).split('APIキーを拒否しました').length - 1).toBe(1);
  await panel.screenshot({ path: artifactPath('job-stopped-ja.png') });
  // Its fix is one click away.
  await panel.getByTestId('fix-settings').click();
  await panel.getByTestId('settings').waitFor();
  await panel.close();
  await page.close();
});

test('every answer unreadable: the cards say it short, the bar says why once for all of them, with one retry', async () => {
  await h.setSettings({ lang: 'en', preset: 'custom', baseUrl: server.url, model: 'matome-test-1', confirmOver: 1000, concurrency: 4, batchTokens: 300, maxRetries: 0 });
  await h.setApiKey(server.url, 'sk-right');
  // Only the cards' answers are broken: the overview, written once enough cards are done, would say the same sentence.
  server.options.faultWhen = (r) => (r.kind === 'batch' ? { kind: 'invalid-json' } : null);
  const thread = generateThread({ comments: 24, seed: 83, storyId: 47500000 });
  byId.set(thread.story.id, thread);
  const page = await h.openThread(`/item?id=${thread.story.id}`);
  const panel = await h.openPanel(await h.tabIdOf(page.url()));
  await panel.getByTestId('summarize').click();
  // The job ends: what the reader could save from the broken answers is kept, the rest failed.
  await panel.getByTestId('failed-group').waitFor({ timeout: 30_000 });
  await expect.poll(() => panel.getByTestId('summarize').count(), { timeout: 30_000 }).toBe(1);
  const n = await panel.getByTestId('card-error').count();
  expect(n).toBeGreaterThan(5);
  expect(await panel.getByTestId('summarize').textContent()).toBe(`Summarise the remaining ${n}`);
  expect(await panel.getByTestId('failed-group').count()).toBe(1);
  expect(await panel.getByTestId('failed-group').textContent()).toBe(`${n} not summarised: The answer could not be read. Retry them`);
  // The sentence is on screen once; each card says it short (the sentence on hover).
  expect((await panel.locator('main').innerText()).split('The answer could not be read').length - 1).toBe(1);
  expect(await panel.getByTestId('card-error').first().innerText()).toBe('Not summarised. Retry');
  expect(await panel.getByTestId('card-error').first().getAttribute('title')).toBe('The answer could not be read.');
  await panel.screenshot({ path: artifactPath('failed-group.png') });
  // One click retries them all, and the endpoint is well now.
  const kept = await panel.locator('[data-testid="card"][data-summary="done"]').count();
  server.options.faultWhen = undefined;
  server.reset();
  await panel.getByTestId('retry-failed').click();
  await expect.poll(() => panel.locator('[data-testid="card"][data-summary="done"]').count(), { timeout: 30_000 }).toBe(kept + n);
  expect(new Set(server.requests.flatMap((r) => r.askedIds)).size).toBe(n);
  expect(await panel.getByTestId('failed-group').count()).toBe(0);
  await panel.close();
  await page.close();
});

test('a rate limit: the wait the endpoint asked for counts down on screen, then the job goes on', async () => {
  await h.setSettings({ lang: 'en', preset: 'custom', baseUrl: server.url, model: 'matome-test-1', confirmOver: 1000, concurrency: 1 });
  await h.setApiKey(server.url, 'sk-right');
  server.reset();
  server.queueFault({ kind: '429', retryAfter: 6 });
  const page = await h.openThread(`/item?id=${limited.story.id}`);
  const panel = await h.openPanel(await h.tabIdOf(page.url()));
  await panel.getByTestId('summarize').click();
  const seconds = async () => Number(/waiting (\d+) s/.exec((await panel.getByTestId('waiting').textContent()) ?? '')?.[1]);
  await panel.getByTestId('waiting').waitFor();
  const first = await seconds();
  expect(first).toBeGreaterThanOrEqual(4);
  expect(first).toBeLessThanOrEqual(6);
  // Nothing else happens while it waits (one request at a time): only the clock moves the number.
  await panel.waitForTimeout(2100);
  expect(await seconds()).toBeLessThanOrEqual(first - 2);
  await expect.poll(() => panel.getByTestId('progress').textContent(), { timeout: 20_000 }).toMatch(/^All 12 summarised/);
  expect(await panel.getByTestId('waiting').count()).toBe(0);
  await panel.close();
  await page.close();
});

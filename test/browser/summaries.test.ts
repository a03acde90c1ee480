// Summaries end to end: the built extension in Chromium, a fixture thread, the project's test endpoint on 127.0.0.1.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactPath, launch, type Harness } from './harness';
import { generateThread } from '../support/generate-thread';
import { startLlmServer, type LlmServer } from '../llm-server/server';

const thread = generateThread({ comments: 60, seed: 21, storyId: 43000000 });
const other = generateThread({ comments: 24, seed: 22, storyId: 43100000 });
const third = generateThread({ comments: 24, seed: 23, storyId: 43200000 });
const fourth = generateThread({ comments: 10, seed: 24, storyId: 43300000 });
const threads = new Map([thread, other, third, fourth].map((t) => [t.story.id, t]));
const ids = thread.comments.map((c) => c.id);

let h: Harness;
let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer({ apiKey: 'test-key' });
  h = await launch((path) => {
    const id = Number(new URL(path, 'https://news.ycombinator.com').searchParams.get('id'));
    return threads.get(id)?.pages[0];
  });
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});
beforeEach(async () => {
  server.reset();
  server.options.fault = null;
  server.options.firstTokenLatencyMs = 0;
  server.options.tokensPerSecond = 0;
  await h.setSettings({ baseUrl: server.url, model: 'matome-test-1', concurrency: 4, batchTokens: 800, maxRetries: 0, confirmOver: 1000 });
  await h.setApiKey(server.url, 'test-key');
});

async function openThread(id: number) {
  const page = await h.openThread(`/item?id=${id}`);
  const panel = await h.openPanel(await h.tabIdOf(page.url()));
  await panel.getByTestId('card').first().waitFor();
  return { page, panel };
}

const doneCards = (panel: Page) => panel.locator('[data-testid="card"][data-summary="done"]').count();
/** Comments the endpoint was asked for more than once. */
const askedTwice = () => {
  const ids = server.requests.flatMap((r) => r.askedIds);
  return ids.filter((id, i) => ids.indexOf(id) !== i);
};

describe('Japanese summaries in the panel', () => {
  test('Summarize: cards stream in one by one, coloured, each tracing back to its comment', async () => {
    server.options.firstTokenLatencyMs = 150;
    server.options.tokensPerSecond = 400;
    const { page, panel } = await openThread(thread.story.id);
    await panel.getByTestId('summarize').click();
    await expect.poll(() => panel.getByTestId('progress').count()).toBeGreaterThan(0);
    // Some cards are done while the job still runs.
    await expect.poll(() => doneCards(panel), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await panel.locator('[data-testid="card"][data-summary="done"]').count()).toBeLessThan(60);
    await expect.poll(() => doneCards(panel), { timeout: 30_000 }).toBe(60);
    const first = panel.locator(`[data-testid="card"][data-comment-id="${ids[0]}"] [data-testid="card-ja"]`);
    expect(await first.textContent()).toContain(String(ids[0]));
    expect(await first.textContent()).toContain(thread.texts.get(ids[0]!)!.slice(0, 10));
    const colors = await panel.getByTestId('card').evaluateAll((els) => els.map((e) => e.getAttribute('data-color')));
    expect(colors.filter((c) => c).length).toBeGreaterThan(0);
    expect(colors.every((c) => c === '' || /^#(785bff|45d325|ff5c5c|38d3d3|ff5733|ff33a1)$/.test(c!))).toBe(true);
    await expect.poll(() => panel.getByTestId('title-ja').inputValue()).toContain('HN');
    expect(askedTwice()).toEqual([]);
    await panel.screenshot({ path: artifactPath('sidepanel-summaries.png') });
    await page.close();
    await panel.close();
  });

  test('reopening a finished thread shows every card at once, with zero requests', async () => {
    const { page, panel } = await openThread(thread.story.id);
    const t0 = Date.now();
    await expect.poll(() => doneCards(panel)).toBe(60);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(server.requests).toHaveLength(0);
    expect(await panel.getByTestId('summarize').count()).toBe(0);
    await page.close();
    await panel.close();
  });

  test('closing the panel mid-job leaves the job running; reopening shows it where it is', async () => {
    server.options.tokensPerSecond = 150;
    const { page, panel } = await openThread(other.story.id);
    await panel.getByTestId('summarize').click();
    await expect.poll(() => doneCards(panel), { timeout: 15_000 }).toBeGreaterThan(1);
    await panel.close();
    const during = server.requests.length;
    const again = await h.openPanel(await h.tabIdOf(page.url()));
    await again.getByTestId('card').first().waitFor();
    // The same job: still going (progress shown, no Summarize button), and it finishes without starting over.
    await expect.poll(() => again.getByTestId('progress').count()).toBeGreaterThan(0);
    await expect.poll(() => doneCards(again), { timeout: 30_000 }).toBe(24);
    expect(server.requests.length).toBeGreaterThanOrEqual(during);
    expect(askedTwice()).toEqual([]);
    await page.close();
    await again.close();
  });

  test('a service worker stopped mid-job resumes and finishes, asking again only for what was not finished', async () => {
    server.options.tokensPerSecond = 120;
    const { page, panel } = await openThread(third.story.id);
    await panel.getByTestId('summarize').click();
    await expect.poll(() => doneCards(panel), { timeout: 15_000 }).toBeGreaterThan(2);
    const finishedBefore = new Set(await panel.locator('[data-testid="card"][data-summary="done"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-comment-id')))));
    const before = server.requests.length;
    const tokens = async () => Number(/([\d,]+) tokens/.exec((await panel.getByTestId('progress').first().textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? 0);
    // A request has finished (its tokens are counted) before the worker stops.
    await expect.poll(tokens, { timeout: 20_000 }).toBeGreaterThan(0);
    const tokensBefore = await tokens();
    await h.stopServiceWorker(panel);
    await expect.poll(() => doneCards(panel), { timeout: 40_000 }).toBe(24);
    // The token count carries over the restart: what came before is still counted.
    // The overview's request is counted apart from the job's tokens.
    const promptAfter = server.requests.slice(before).filter((r) => r.kind !== 'overview' && r.kind !== 'answer').reduce((a, r) => a + r.promptTokens, 0);
    await expect.poll(tokens).toBeGreaterThanOrEqual(tokensBefore + promptAfter);
    const after = server.requests.slice(before).flatMap((r) => r.askedIds);
    expect(after.length).toBeGreaterThan(0);
    // Comments in flight when the worker stopped are asked again; finished ones never are.
    expect(after.filter((id) => finishedBefore.has(id))).toEqual([]);
    await page.close();
    await panel.close();
  });

  test('a wrong key: the job stops at once with a message that says so and points to Settings', async () => {
    await h.setApiKey(server.url, 'wrong-key');
    const { page, panel } = await openThread(fourth.story.id);
    await panel.getByTestId('summarize').click();
    await expect.poll(() => panel.getByTestId('error').textContent()).toMatch(/refused the API key \(401\)/);
    expect(await panel.getByRole('button', { name: 'Open Settings' }).count()).toBe(1);
    expect(await doneCards(panel)).toBe(0);
    await page.close();
    await panel.close();
  });
});

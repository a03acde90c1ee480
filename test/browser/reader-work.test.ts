// Work that follows the reader: what is on screen is asked for first, and editor mode writes Japanese only for the
// digest's picks and the cards the reader asks for — the built extension, the real panel, the test server.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { launch, type Harness } from './harness';
import { generateThread } from '../support/generate-thread';
import { startLlmServer, type LlmServer } from '../llm-server/server';

const long = generateThread({ comments: 160, seed: 91, storyId: 47600000 });
const editor = generateThread({ comments: 24, seed: 92, storyId: 47700000 });
const byId = new Map([long, editor].map((t) => [t.story.id, t]));

let h: Harness;
let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer({ apiKey: 'sk-right' });
  h = await launch((path) => byId.get(Number(new URL(path, 'https://news.ycombinator.com').searchParams.get('id')))?.pages[0]);
  await h.setApiKey(server.url, 'sk-right');
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});
beforeEach(() => {
  server.options.tokensPerSecond = 0;
  server.reset();
});

const open = async (storyId: number) => {
  const page = await h.openThread(`/item?id=${storyId}`);
  const panel = await h.openPanel(await h.tabIdOf(page.url()));
  return { page, panel };
};

test('scrolling far down a long thread mid-job: the cards on screen are asked for next, ahead of the rest', async () => {
  await h.setSettings({ lang: 'en', preset: 'custom', baseUrl: server.url, model: 'matome-test-1', confirmOver: 1000, concurrency: 1, batchTokens: 300 });
  server.options.tokensPerSecond = 150;
  const { page, panel } = await open(long.story.id);
  await panel.getByTestId('summarize').click();
  await expect.poll(() => panel.locator('[data-testid="card"][data-summary="done"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  // The reader jumps to the end of the thread.
  await panel.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  await panel.waitForTimeout(600);
  const inView = await panel.locator('[data-testid="card"]').evaluateAll((els) =>
    els.filter((e) => e.getBoundingClientRect().top < innerHeight && e.getBoundingClientRect().bottom > 0).map((e) => Number(e.getAttribute('data-comment-id'))),
  );
  expect(inView.length).toBeGreaterThan(0);
  const asked = server.requests.length;
  // The request under way finishes; the next ones are for what the reader sees, not the next in thread order.
  await expect.poll(() => server.requests.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(asked + 2);
  const next = server.requests.slice(asked, asked + 2).flatMap((r) => r.askedIds);
  expect(next.filter((id) => inView.includes(id)).length).toBeGreaterThan(0);
  // And those cards fill in on screen while the middle of the thread still waits.
  const last = inView.at(-1)!;
  await panel.locator(`[data-testid="card"][data-comment-id="${last}"][data-summary="done"]`).waitFor({ timeout: 30_000 });
  expect(await panel.getByTestId('progress').first().textContent()).not.toMatch(/^160 \/ 160/);
  await panel.getByTestId('cancel').click();
  await page.close();
  await panel.close();
});

test('editor mode: every comment scored, Japanese only for the picks, then for a card the reader opens', async () => {
  await h.setSettings({ lang: 'en', preset: 'custom', baseUrl: server.url, model: 'matome-test-1', confirmOver: 10, concurrency: 2, batchTokens: 600, workMode: 'editor', digestSize: 5 });
  const { page, panel } = await open(editor.story.id);
  // The estimate says what this mode costs, and what writing every comment would.
  await panel.getByTestId('summarize').click();
  await panel.getByTestId('confirm-other').waitFor();
  expect(await panel.getByTestId('confirm-other').textContent()).toMatch(/^Writing every comment in Japanese would take about [\d,]+ prompt and [\d,]+ output tokens/);
  await panel.getByTestId('confirm-start').click();
  await expect.poll(() => panel.getByTestId('summarize').count(), { timeout: 30_000 }).toBe(1);
  const scored = server.requests.filter((r) => r.kind === 'score').flatMap((r) => r.askedIds);
  const written = server.requests.filter((r) => r.kind === 'batch').flatMap((r) => r.askedIds);
  expect(scored.sort()).toEqual(editor.comments.map((c) => c.id).sort());
  expect(written).toHaveLength(5);
  expect(await panel.locator('[data-testid="card"][data-summary="done"]').count()).toBe(5);
  expect(await panel.getByTestId('card-scored').count()).toBe(19);
  // The picks are the written ones.
  const picked = await panel.locator('[data-testid="card"][data-selected="true"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-comment-id'))));
  expect(picked.sort()).toEqual([...written].sort());
  expect(await panel.getByTestId('summarize').textContent()).toBe('Write the other 19 in Japanese');
  expect(await panel.getByTestId('progress').first().textContent()).toMatch(/^5 in Japanese, 19 scored · [\d,]+ tokens\.$/);
  // The reader opens one scored card: that one is written, nothing else.
  server.reset();
  const one = panel.locator('[data-testid="card"][data-summary="scored"]').first();
  const id = Number(await one.getAttribute('data-comment-id'));
  await one.getByTestId('card-write').click();
  await panel.locator(`[data-testid="card"][data-comment-id="${id}"][data-summary="done"]`).waitFor({ timeout: 15_000 });
  expect(server.requests.filter((r) => r.kind === 'batch').flatMap((r) => r.askedIds)).toEqual([id]);
  // One card written on request leaves the overview as it is: no request for so little.
  expect(server.requests.filter((r) => r.kind === 'overview')).toHaveLength(0);
  // Ticking a scored card puts it in the digest and writes it.
  server.reset();
  const another = panel.locator('[data-testid="card"][data-summary="scored"]').first();
  const other = Number(await another.getAttribute('data-comment-id'));
  await another.getByTestId('pick').click();
  const card = panel.locator(`[data-testid="card"][data-comment-id="${other}"]`);
  await panel.locator(`[data-testid="card"][data-comment-id="${other}"][data-summary="done"]`).waitFor({ timeout: 15_000 });
  expect(await card.getAttribute('data-selected')).toBe('true');
  expect(server.requests.filter((r) => r.kind === 'batch').flatMap((r) => r.askedIds)).toEqual([other]);
  await page.close();
  await panel.close();
});

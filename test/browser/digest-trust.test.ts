// The digest an editor can trust, in the built extension from a fresh profile: the most likely first run loses
// nothing, a model change hides nothing, picks are overrides that let the automatic pick grow, and the counts add up.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactPath, launch, type Harness } from './harness';
import { generateThread } from '../support/generate-thread';
import { hasShared, readShared } from '../support/shared';
import { startLlmServer, type LlmServer } from '../llm-server/server';

// The real 124-comment thread where ../shared is there; a generated one of the same size where it is not.
const REAL = 48350598;
const generated = generateThread({ comments: 124, seed: 61, storyId: REAL });
const firstRun = hasShared ? readShared('fixtures/hn/item-48350598.html') : generated.pages[0]!;
const streaming = generateThread({ comments: 140, seed: 62, storyId: 46100000 });
const counting = generateThread({ comments: 40, seed: 63, storyId: 46200000 });
const pages = new Map([
  [REAL, firstRun],
  [streaming.story.id, streaming.pages[0]!],
  [counting.story.id, counting.pages[0]!],
]);

let h: Harness;
let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer({ models: ['model-a', 'model-b'] });
  h = await launch((path) => pages.get(Number(new URL(path, 'https://news.ycombinator.com').searchParams.get('id'))));
  // A fresh profile: the only setting is the language the assertions read.
  await h.setSettings({ lang: 'en' });
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

const done = (panel: Page) => panel.locator('[data-testid="card"][data-summary="done"]').count();
const cardText = (panel: Page, id: number) => panel.locator(`[data-testid="card"][data-comment-id="${id}"] [data-testid="card-ja"]`).textContent();

async function settings(panel: Page, fill: (p: Page) => Promise<void>) {
  await panel.getByTestId('open-settings').click();
  await fill(panel);
  await panel.getByTestId('save-settings').click();
  await expect.poll(() => panel.getByTestId('settings-message').textContent()).toMatch(/Saved/);
  await panel.getByRole('button', { name: 'Close' }).click();
}

test('the first run: Summarise with nothing set, set the endpoint, Summarise; reopen and change the model: every card and edit shown, no request', async () => {
  const page = await h.openThread(`/item?id=${REAL}`);
  const tab = await h.tabIdOf(page.url());
  let panel = await h.openPanel(tab);
  await panel.getByTestId('card').first().waitFor();
  const total = await panel.getByTestId('card').count();
  const ids = await panel.getByTestId('card').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-comment-id'))));

  // Nothing configured: the setup card stands where Summarise would, the thread below it; nothing can be sent.
  await panel.getByTestId('setup').waitFor();
  expect(await panel.getByTestId('summarize').count()).toBe(0);
  expect(await panel.getByTestId('setup').getByTestId('key-link').getAttribute('href')).toBe('https://platform.openai.com/api-keys');
  expect(await panel.getByTestId('card').count()).toBe(total);
  await panel.screenshot({ path: artifactPath('setup-card.png') });

  // The endpoint, in the setup card itself: one click saves it and tests the connection.
  await panel.getByTestId('setup').getByTestId('preset').selectOption('custom');
  await panel.getByTestId('setup').getByTestId('base-url').fill(server.url);
  await panel.getByTestId('setup').getByTestId('model').fill('model-a');
  await panel.getByTestId('connect').click();
  // Connected: the setup card gives way to Summarise (the test sent its own probe; no comment of the thread).
  await panel.getByTestId('summarize').waitFor();
  expect(await panel.getByTestId('setup').count()).toBe(0);
  expect(await panel.getByTestId('connected').textContent()).toMatch(/^Connected: model-a answers/);
  expect(server.requests.flatMap((r) => r.askedIds).filter((id) => ids.includes(id))).toEqual([]);
  server.reset();
  await panel.getByTestId('summarize').click();
  await expect.poll(() => done(panel), { timeout: 30_000 }).toBe(total);
  const asked = new Set(server.requests.flatMap((r) => r.askedIds));
  expect(asked.size).toBe(total);

  // Two hand edits.
  const [e1, e2] = [ids[1]!, ids[7]!];
  for (const [id, text] of [[e1, '手で直した一枚目'], [e2, '手で直した二枚目']] as const) {
    await panel.locator(`[data-testid="card"][data-comment-id="${id}"] [data-testid="edit"]`).click();
    await panel.locator(`[data-testid="card"][data-comment-id="${id}"] [data-testid="card-edit"]`).fill(text);
    await panel.locator(`[data-testid="card"][data-comment-id="${id}"] [data-testid="edit"]`).click();
  }
  await new Promise((r) => setTimeout(r, 400));

  // Close and reopen: every card, both edits, no Summarise button, and not one request.
  await panel.close();
  server.reset();
  panel = await h.openPanel(tab);
  await expect.poll(() => done(panel)).toBe(total);
  await expect.poll(() => cardText(panel, e1)).toBe('手で直した一枚目');
  expect(await panel.getByTestId('summarize').count()).toBe(0);
  expect(server.requests).toHaveLength(0);

  // Another model, set while the panel is open: nothing hidden, each card says which model wrote it.
  await settings(panel, async (p) => {
    await p.getByTestId('model').fill('model-b');
  });
  await expect.poll(() => panel.locator('[data-testid="card"][data-stale="model"]').count()).toBe(total);
  expect(await done(panel)).toBe(total);
  await expect.poll(() => cardText(panel, e2)).toBe('手で直した二枚目');
  expect(await panel.locator(`[data-testid="card"][data-comment-id="${ids[3]}"] [data-testid="stale"]`).textContent()).toBe('by model-a');
  expect(await panel.getByTestId('stale-bar').textContent()).toContain(`${total} summaries were written by another model`);
  expect(await panel.getByTestId('summarize').count()).toBe(0);
  await panel.screenshot({ path: artifactPath('sidepanel-another-model.png') });
  await panel.close();
  panel = await h.openPanel(tab);
  await expect.poll(() => done(panel)).toBe(total);
  await expect.poll(() => cardText(panel, e1)).toBe('手で直した一枚目');
  expect(server.requests).toHaveLength(0);

  // Re-summarise one card, on the user's word: exactly that comment is asked, by the new model; the edits stay.
  await panel.locator(`[data-testid="card"][data-comment-id="${ids[3]}"] [data-testid="resummarise"]`).click();
  await expect.poll(() => panel.locator(`[data-testid="card"][data-comment-id="${ids[3]}"]`).getAttribute('data-stale')).toBe('');
  expect(server.requests.flatMap((r) => r.askedIds)).toEqual([ids[3]]);
  expect(server.requests.find((r) => r.kind === 'batch')!.model).toBe('model-b');
  expect(await cardText(panel, e1)).toBe('手で直した一枚目');
  await panel.close();
  await page.close();
});

test('picks under streaming: one untick leaves the automatic pick growing to its size; back to automatic clears it', async () => {
  // 140 cards (all rendered: the list windows only past 150), a digest of 50.
  await h.setSettings({ lang: 'en', preset: 'custom', baseUrl: server.url, model: 'model-a', digestSize: 50, confirmOver: 1000, batchTokens: 1200 });
  server.options.tokensPerSecond = 500;
  const page = await h.openThread(`/item?id=${streaming.story.id}`);
  const panel = await h.openPanel(await h.tabIdOf(page.url()));
  await panel.getByTestId('summarize').click();
  // Mid-stream: untick the first picked card.
  await expect.poll(() => panel.locator('[data-testid="card"][data-selected="true"]').count(), { timeout: 20_000 }).toBeGreaterThan(3);
  const first = panel.locator('[data-testid="card"][data-selected="true"]').first();
  const out = Number(await first.getAttribute('data-comment-id'));
  // A click event on the box itself: cards above it grow as their summaries stream in, so it never holds still.
  await first.locator('[data-testid="pick"]').dispatchEvent('click');
  expect(await done(panel)).toBeLessThan(140);
  await expect.poll(() => done(panel), { timeout: 40_000 }).toBe(140);
  const picked = () => panel.locator('[data-testid="card"][data-selected="true"]').count();
  // The automatic pick grew to its 50 (today one untick used to freeze it at a handful), the untick kept; about half highlighted.
  await new Promise((r) => setTimeout(r, 300));
  const withOverride = await picked();
  expect(withOverride).toBeGreaterThanOrEqual(49);
  expect(await panel.locator(`[data-testid="card"][data-comment-id="${out}"]`).getAttribute('data-selected')).toBe('false');
  const highlighted = await panel.locator('[data-testid="card"][data-selected="true"]:not([data-color=""])').count();
  expect(highlighted).toBeGreaterThanOrEqual(20);
  expect(highlighted).toBeLessThanOrEqual(30);
  await panel.getByTestId('back-to-auto').click();
  await expect.poll(picked).toBe(50);
  // The untick took out exactly that card, if the automatic pick still wanted it at the end.
  const autoWantsIt = (await panel.locator(`[data-testid="card"][data-comment-id="${out}"]`).getAttribute('data-selected')) === 'true';
  expect(withOverride).toBe(autoWantsIt ? 49 : 50);
  expect(await panel.getByTestId('back-to-auto').count()).toBe(0);
  // Editing a card outside the digest puts it in, and says so.
  const outside = Number(await panel.locator('[data-testid="card"][data-selected="false"][data-summary="done"]').first().getAttribute('data-comment-id'));
  await panel.locator(`[data-testid="card"][data-comment-id="${outside}"] [data-testid="color-#ff33a1"]`).click();
  await expect.poll(() => panel.locator(`[data-testid="card"][data-comment-id="${outside}"]`).getAttribute('data-selected')).toBe('true');
  expect(await panel.locator(`[data-testid="card"][data-comment-id="${outside}"] [data-testid="card-note"]`).textContent()).toMatch(/Added to the digest/);
  server.options.tokensPerSecond = 0;
  await panel.close();
  await page.close();
});

/** The progress as the panel shows it: done, failed, total; it must always add up. */
async function progress(panel: Page) {
  // Read at one moment: the bar's counts and its words.
  const read = await panel.evaluate(() => {
    const bar = document.querySelector('[data-testid="progress"][role="progressbar"]');
    return bar ? { d: bar.getAttribute('data-done'), f: bar.getAttribute('data-failed'), text: bar.textContent ?? '' } : null;
  });
  if (!read) return null;
  const m = /([\d,]+) \/ ([\d,]+) summarised/.exec(read.text);
  return { done: Number(read.d), failed: Number(read.f), shownDone: Number(m?.[1]?.replace(/,/g, '')), total: Number(m?.[2]?.replace(/,/g, '')) };
}

test('the counter is right at every moment: while streaming, through a worker restart, and on a re-run after failures', async () => {
  await h.setSettings({ lang: 'en', preset: 'custom', baseUrl: server.url, model: 'model-a', confirmOver: 1000, batchTokens: 400, maxRetries: 0 });
  const bad = counting.comments.slice(5, 8).map((c) => c.id);
  // The model skips the whole batch whenever it holds one of three comments: those three fail, the others are asked
  // again without them. (Not a 500: a resumed job holding only those would look like an endpoint that is down.)
  server.options.faultWhen = (r) => (r.askedIds.some((id) => bad.includes(id)) ? { kind: 'missing-ids', count: r.askedIds.length } : null);
  server.options.tokensPerSecond = 150;
  const page = await h.openThread(`/item?id=${counting.story.id}`);
  const panel = await h.openPanel(await h.tabIdOf(page.url()));
  await panel.getByTestId('summarize').click();
  const seen: NonNullable<Awaited<ReturnType<typeof progress>>>[] = [];
  const watch = async (until: () => Promise<boolean>) => {
    for (let i = 0; i < 400 && !(await until()); i++) {
      const p = await progress(panel);
      if (p) seen.push(p);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await watch(async () => (await done(panel)) > 6);
  await h.stopServiceWorker(panel);
  await watch(async () => (await panel.locator('[data-testid="card"][data-summary="error"]').count()) === 3 && (await done(panel)) === 37);
  expect(await done(panel)).toBe(37);
  // Through it all, the shown count is the cards' and never more than the total with the failures.
  expect(seen.length).toBeGreaterThan(3);
  for (const p of seen) {
    expect(p.total).toBe(40);
    expect(p.shownDone).toBe(p.done);
    expect(p.done + p.failed).toBeLessThanOrEqual(40);
  }
  // The three that failed, asked again once the endpoint is well: the counter goes back to full, without a failure.
  server.options.faultWhen = undefined;
  await expect.poll(() => panel.getByTestId('summarize').textContent()).toMatch(/remaining 3/);
  await panel.getByTestId('summarize').click();
  await expect.poll(() => done(panel), { timeout: 20_000 }).toBe(40);
  await expect.poll(() => panel.getByTestId('progress').textContent()).toMatch(/^All 40 summarised/);
  server.options.tokensPerSecond = 0;
  await panel.close();
  await page.close();
});

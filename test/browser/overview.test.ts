// The thread at a glance in the built extension, on a real saved thread: the overview after summarising, its
// citations leading to the cards and the comments on the page, questions answered with citations, all of it kept
// with the thread and shown again offline from the favourites.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactPath, launch, type Harness } from './harness';
import { startLlmServer, type LlmServer } from '../llm-server/server';
import { hasShared, readShared, sharedTest } from '../support/shared';

const REAL = 48350598;
let h: Harness;
let server: LlmServer;
let page: Page;
let panel: Page;
beforeAll(async () => {
  if (!hasShared) return;
  const html = readShared('fixtures/hn/item-48350598.html');
  server = await startLlmServer({ personality: 'recorded' });
  h = await launch((path) => (path === `/item?id=${REAL}` ? html : undefined));
  await h.setSettings({ lang: 'en', preset: 'custom', baseUrl: server.url, model: 'gpt-4.1-mini', confirmOver: 1000, exportOverview: true });
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

/** Every citation's comment id, and whether each has its card in the panel. */
const citations = (p: Page) =>
  p.locator('[data-testid="citation"]').evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-comment-id'), card: !!document.querySelector(`[data-testid="card"][data-comment-id="${e.getAttribute('data-comment-id')}"]`) })));

describe('the thread at a glance', () => {
  sharedTest('after summarising, the overview: key points citing their comments; a chip shows the card and the comment on the page', async () => {
    page = await h.openThread(`/item?id=${REAL}`);
    panel = await h.openPanel(await h.tabIdOf(page.url()));
    await panel.getByTestId('summarize').click();
    await expect.poll(() => panel.locator('[data-testid="overview"][data-status="idle"] [data-testid="overview-point"]').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    expect(await panel.getByTestId('progress').textContent()).toMatch(/^All 124 summarised/);
    expect(await panel.getByTestId('overview-point').count()).toBeLessThanOrEqual(7);
    expect(await panel.getByTestId('overview-mood').textContent()).toMatch(/^Mood: /);
    // Every chip names a user and leads to a card of this thread.
    const cites = await citations(panel);
    expect(cites.length).toBeGreaterThanOrEqual(3);
    expect(cites.every((c) => c.card)).toBe(true);
    const chip = panel.getByTestId('overview-point').last().getByTestId('citation').first();
    const id = await chip.getAttribute('data-comment-id');
    const user = await chip.textContent();
    expect(user).toBe(await panel.locator(`[data-testid="card"][data-comment-id="${id}"] .user`).textContent());
    await panel.screenshot({ path: artifactPath('overview.png') });
    await chip.click();
    await expect.poll(() => panel.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.commentId)).toBe(id);
    await expect.poll(() => panel.locator(`[data-testid="card"][data-comment-id="${id}"]`).evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().top < innerHeight)).toBe(true);
    await expect.poll(() => page.evaluate((cid) => {
      const r = document.getElementById(cid!)!.getBoundingClientRect();
      return window.scrollY > 0 && r.top >= 0 && r.top < innerHeight;
    }, id)).toBe(true);
  });

  sharedTest('a question: its cost before sending, then a cited answer in Japanese; "not in the thread" when it is not; kept after closing the panel', async () => {
    const before = server.requests.length;
    await panel.getByTestId('ask').fill('Does Linux run on it?');
    await expect.poll(() => panel.getByTestId('ask-estimate').textContent()).toMatch(/^≈ [\d,]+ tokens \(≈ \$[\d.]+\) · 124 comments \(the whole thread\)$/);
    expect(server.requests.length).toBe(before);
    await panel.getByTestId('ask-send').click();
    await expect.poll(() => panel.getByTestId('answer').count(), { timeout: 20_000 }).toBe(1);
    const answer = panel.getByTestId('answer').first();
    expect(await answer.getAttribute('data-found')).toBe('true');
    expect(await answer.getByTestId('citation').count()).toBeGreaterThan(0);
    expect((await citations(panel)).every((c) => c.card)).toBe(true);
    expect(server.requests.filter((r) => r.kind === 'answer')).toHaveLength(1);
    // The question went with the thread's comments, the English text (the whole thread fits).
    expect(server.requests.find((r) => r.kind === 'answer')!.body.messages[1].content).toContain('Question: Does Linux run on it?');
    await panel.getByTestId('ask').fill('Can it play the saxophone?');
    await panel.getByTestId('ask-send').click();
    await expect.poll(() => panel.getByTestId('answer').count(), { timeout: 20_000 }).toBe(2);
    expect(await panel.getByTestId('answer').first().getAttribute('data-found')).toBe('false');
    await panel.screenshot({ path: artifactPath('ask.png') });

    // Closed and opened again: the overview and both answers, and not one request.
    const points = await panel.getByTestId('overview-point').allTextContents();
    await panel.close();
    server.reset();
    panel = await h.openPanel(await h.tabIdOf(page.url()));
    await expect.poll(() => panel.getByTestId('answer').count()).toBe(2);
    expect(await panel.getByTestId('overview-point').allTextContents()).toEqual(points);
    expect(server.requests).toHaveLength(0);
  });

  sharedTest('starred, then opened from the favourites offline: the overview and the answers are there, exported with the article', async () => {
    await panel.locator('header [data-testid="favorite"]').click();
    await expect.poll(() => panel.locator('header [data-testid="favorite"]').getAttribute('data-on')).toBe('true');
    const points = await panel.getByTestId('overview-point').allTextContents();
    await panel.close();
    await page.close();
    await server.close();
    const shelf = await h.openPanel(-1);
    await shelf.getByTestId('open-favorites').click();
    await shelf.locator('[data-testid="fav-item"][data-kind="thread"] .fav-open').click();
    await expect.poll(() => shelf.getByTestId('overview-point').allTextContents()).toEqual(points);
    expect(await shelf.getByTestId('answer').count()).toBe(2);
    // Nothing to ask without a model, nothing to write again.
    expect(await shelf.getByTestId('ask').count()).toBe(0);
    expect(await shelf.getByTestId('overview-rewrite').count()).toBe(0);
    await shelf.getByTestId('export').click();
    const md = await shelf.getByTestId('export-output').inputValue();
    expect(md).toMatch(/\{\{< matomeOverview mood="[^"]+" disagreement="[^"]*" >\}\}\n/);
    expect(md.indexOf('matomeOverview')).toBeLessThan(md.indexOf('matomeQuote'));
    await shelf.close();
  });
});

// The README's pictures, made the way a user meets the product: a real saved HN thread (../shared), the built
// extension from a fresh profile, a reader in Japan (Japanese UI, JST). The model is the test server replaying the
// Japanese recorded for this thread (`recorded` personality): the captions say so.
// `npm run screenshots` writes them to docs/screenshots/; otherwise they go to test-results/readme/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, launch, ROOT, type Harness } from './harness';
import { startLlmServer, type LlmServer } from '../llm-server/server';
import { hasShared, readShared, sharedTest } from '../support/shared';

const REAL = 48350598;
const OUT = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs/screenshots') : join(ARTIFACTS, 'readme');
const shot = (name: string) => join(OUT, name);

let h: Harness;
let server: LlmServer;
let page: Page;
let panel: Page;
beforeAll(async () => {
  if (!hasShared) return;
  mkdirSync(OUT, { recursive: true });
  const html = readShared('fixtures/hn/item-48350598.html');
  server = await startLlmServer({ personality: 'recorded' });
  h = await launch((path) => (path === `/item?id=${REAL}` ? html : undefined), { timezoneId: 'Asia/Tokyo', locale: 'ja-JP' });
  await h.setSettings({ lang: 'ja' });
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

const done = () => panel.locator('[data-testid="card"][data-summary="done"]').count();

describe('README screenshots', () => {
  sharedTest('first contact: the setup card in place of Summarise, then connected in one click', async () => {
    page = await h.openThread(`/item?id=${REAL}`);
    panel = await h.openPanel(await h.tabIdOf(page.url()));
    await panel.getByTestId('setup').waitFor();
    await panel.screenshot({ path: shot('setup.png') });
    await panel.getByTestId('setup').getByTestId('preset').selectOption('custom');
    await panel.getByTestId('setup').getByTestId('base-url').fill(server.url);
    await panel.getByTestId('setup').getByTestId('model').fill('gpt-4.1-mini');
    await panel.getByTestId('connect').click();
    await panel.getByTestId('summarize').waitFor();
    expect(await panel.getByTestId('connected').textContent()).toMatch(/gpt-4\.1-mini/);
  });

  sharedTest('the summaries streaming in, then done: light and dark', async () => {
    server.options.tokensPerSecond = 300;
    await panel.getByTestId('summarize').click();
    await expect.poll(done, { timeout: 60_000 }).toBeGreaterThanOrEqual(12);
    await panel.screenshot({ path: shot('panel-streaming.png') });
    server.options.tokensPerSecond = 0;
    await expect.poll(() => panel.getByTestId('progress').textContent(), { timeout: 60_000 }).toMatch(/^124件すべて要約済み/);
    expect(await panel.getByTestId('title-ja').inputValue()).toBe('Chuwi Minibook X、現代に蘇ったネットブックの実力とは？');
    await panel.evaluate(() => scrollTo(0, 0));
    await panel.screenshot({ path: shot('panel-done.png') });
    await panel.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: shot('panel-done-dark.png') });
    await panel.emulateMedia({ colorScheme: 'light' });
  });

  sharedTest('the thread at a glance: the key points citing their comments, and a question answered from the thread', async () => {
    await panel.locator('[data-testid="overview"][data-status="idle"]').waitFor({ timeout: 30_000 });
    await panel.getByTestId('ask').fill('結局、Linuxは動くの？');
    await panel.getByTestId('ask-estimate').waitFor();
    await panel.getByTestId('ask-send').click();
    await panel.getByTestId('answer').first().waitFor({ timeout: 30_000 });
    await panel.evaluate(() => document.querySelector('[data-testid="overview"]')!.scrollIntoView({ block: 'start' }));
    await panel.evaluate(() => scrollBy(0, -40));
    await panel.screenshot({ path: shot('overview.png') });
  });

  sharedTest('the digest and its Hugo export', async () => {
    await panel.getByTestId('filter-digest').click();
    await panel.getByTestId('export').click();
    await expect.poll(() => panel.getByTestId('export-output').inputValue()).toContain(`news.ycombinator.com/item?id=${REAL}`);
    await panel.evaluate(() => scrollTo(0, 0));
    await panel.screenshot({ path: shot('export.png') });
    await panel.getByTestId('filter-all').click();
  });

  sharedTest('the HN page with the Japanese under each comment, beside the panel', async () => {
    await panel.getByTestId('page-toggle').check();
    await expect.poll(() => page.locator('.hn-matome-ja').count()).toBeGreaterThan(100);
    await page.setViewportSize({ width: 1000, height: 820 });
    await page.locator('.hn-matome-ja').nth(2).scrollIntoViewIfNeeded();
    await page.evaluate(() => scrollBy(0, -120));
    const pageImage = await page.screenshot();
    writeFileSync(shot('page-overlay.png'), pageImage);
    // The product as a user sees it: the page, and the panel at its side.
    await panel.evaluate(() => scrollTo(0, 0));
    const panelImage = await panel.screenshot();
    const compose = await h.context.newPage();
    await compose.setViewportSize({ width: 1420, height: 820 });
    await compose.setContent(
      `<body style="margin:0;display:flex;background:#ccc"><img style="width:1000px" src="data:image/png;base64,${pageImage.toString('base64')}"><img style="width:420px;border-left:1px solid #999;box-sizing:border-box" src="data:image/png;base64,${panelImage.toString('base64')}"></body>`,
    );
    await compose.screenshot({ path: shot('hero.png') });
    await compose.close();
  });

  sharedTest('favourites: a starred thread and cards on the shelf', async () => {
    await panel.getByTestId('favorite').first().click();
    const highlighted = panel.locator('[data-testid="card"].highlighted');
    for (const i of [0, 3]) await highlighted.nth(i).getByTestId('favorite').click();
    await panel.getByTestId('open-favorites').click();
    await expect.poll(() => panel.getByTestId('fav-item').count()).toBe(3);
    await expect.poll(() => panel.getByTestId('fav-count').textContent()).not.toContain('…');
    await panel.screenshot({ path: shot('favorites.png') });
    await panel.getByTestId('open-favorites').click();
  });

  sharedTest('Settings: the provider presets, with the key links', async () => {
    await panel.getByTestId('open-settings').click();
    await panel.getByTestId('preset').selectOption('openai');
    await panel.evaluate(() => scrollTo(0, 0));
    await panel.screenshot({ path: shot('settings.png') });
    await panel.getByTestId('open-settings').click();
    await panel.close();
    await page.close();
  });
});

// Shaping the digest and exporting it, in the built extension: cards, editing, colours, the page overlay, Hugo export.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { artifactPath, launch, type Harness } from './harness';
import { generateThread } from '../support/generate-thread';
import { renderItemPage } from '../support/hn-page';
import { startLlmServer, type LlmServer } from '../llm-server/server';

const thread = generateThread({ comments: 30, seed: 31, storyId: 44000000 });
// A thread whose comments and model answers are hostile: the page overlay must show them as text.
const hostileId = 44100000;
const hostile = renderItemPage({ id: hostileId, title: 'Hostile', by: 'x', time: '2026-10-03T00:00:00', points: 1, commentCount: 1 }, [
  { id: hostileId + 1, depth: 0, by: 'evil', time: '2026-10-03T00:00:01', html: '&lt;img src=x onerror="window.__pwned=1"&gt; {{&lt; x &gt;}}' },
]);

/** What the clipboard holds, read the way a user would: pasted into a text field (on the HN page). */
async function pasted(): Promise<string> {
  const page = await h.openThread(`/item?id=${thread.story.id}`);
  await page.evaluate(() => document.body.prepend(Object.assign(document.createElement('textarea'), { id: 'paste-here' })));
  await page.locator('#paste-here').focus();
  await page.keyboard.press('ControlOrMeta+V');
  const text = await page.locator('#paste-here').inputValue();
  await page.close();
  return text;
}

let h: Harness;
let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer();
  h = await launch((path) => (path === `/item?id=${thread.story.id}` ? thread.pages[0] : path === `/item?id=${hostileId}` ? hostile : undefined));
  await h.setSettings({ preset: 'custom', baseUrl: server.url, model: 'matome-test-1', confirmOver: 1000, digestSize: 10, lang: 'en' });
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

test('summarise, deselect two, edit one, recolour one, export: the clipboard holds exactly that article', async () => {
  const page = await h.openThread(`/item?id=${thread.story.id}`);
  const panel = await h.openPanel(await h.tabIdOf(page.url()));
  await panel.getByTestId('summarize').click();
  await expect.poll(() => panel.locator('[data-summary="done"]').count(), { timeout: 20_000 }).toBe(30);
  const picked = () => panel.locator('[data-testid="card"][data-selected="true"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-comment-id'))));
  const before = await picked();
  expect(before).toHaveLength(10);

  // Deselect two.
  const [out1, out2, kept, recoloured] = before as [number, number, number, number];
  for (const id of [out1, out2]) await panel.locator(`[data-testid="card"][data-comment-id="${id}"] [data-testid="pick"]`).click();
  // Edit one, with text that needs escaping.
  await panel.locator(`[data-testid="card"][data-comment-id="${kept}"] [data-testid="edit"]`).click();
  await panel.locator(`[data-testid="card"][data-comment-id="${kept}"] [data-testid="card-edit"]`).fill('直した本文だよ。\n"引用" と }} と <b>');
  await panel.locator(`[data-testid="card"][data-comment-id="${kept}"] [data-testid="edit"]`).click();
  // Recolour one.
  await panel.locator(`[data-testid="card"][data-comment-id="${recoloured}"] [data-testid="color-#ff5733"]`).click();
  expect(await panel.locator(`[data-testid="card"][data-comment-id="${recoloured}"]`).getAttribute('data-color')).toBe('#ff5733');

  await panel.bringToFront();
  await panel.getByTestId('export').click();
  await expect.poll(() => panel.getByTestId('export-result').textContent()).toMatch(/Copied: a Hugo article with 8 quotes/);
  const md = await pasted();
  expect(md.match(/\{\{<matomeQuote /g)).toHaveLength(8);
  expect(md).toContain(`引用元：[https://news.ycombinator.com/item?id=${thread.story.id}]`);
  expect(md).toContain('body="直した本文だよ。<br>”引用” と &#125;&#125; と &lt;b&gt;"');
  for (const id of [out1, out2]) expect(md).not.toContain(`コメント${id}の要約`);
  const recolouredLine = md.split('\n').find((l) => l.includes(`コメント${recoloured}の要約`))!;
  expect(recolouredLine).toMatch(/color="#ff5733">\}\}$/);
  // The quotes keep thread order.
  const order = [...md.matchAll(/コメント(\d+)の要約/g)].map((m) => Number(m[1]));
  expect(order).toEqual([...order].sort((a, b) => thread.comments.findIndex((c) => c.id === a) - thread.comments.findIndex((c) => c.id === b)));
  await panel.screenshot({ path: artifactPath('sidepanel-digest.png') });

  // The edits are kept: a panel opened again shows them.
  await panel.close();
  const again = await h.openPanel(await h.tabIdOf(page.url()));
  await expect.poll(() => again.locator(`[data-testid="card"][data-comment-id="${kept}"] [data-testid="card-ja"]`).textContent()).toBe('直した本文だよ。\n"引用" と }} と <b>');
  expect(await again.locator('[data-testid="card"][data-selected="true"]').count()).toBe(8);
  await again.close();
  await page.close();
});

test('the page toggle puts the Japanese under each comment on HN, as text, is remembered, and takes it away', async () => {
  const page = await h.openThread(`/item?id=${hostileId}`);
  let panel = await h.openPanel(await h.tabIdOf(page.url()));
  await panel.getByTestId('summarize').click();
  await expect.poll(() => panel.locator('[data-summary="done"]').count(), { timeout: 20_000 }).toBe(1);
  await panel.getByTestId('page-toggle').check();
  const ja = page.locator('.hn-matome-ja');
  await expect.poll(() => ja.count()).toBe(1);
  expect(await ja.textContent()).toContain(`コメント${hostileId + 1}の要約`);
  expect(await ja.textContent()).toContain('<img src=x');
  expect(await page.locator('.hn-matome-ja img').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.bringToFront();
  await page.screenshot({ path: artifactPath('hn-page-japanese.png') });
  // Remembered: the panel closed and opened again finds it on, and the page keeps the Japanese.
  await panel.close();
  panel = await h.openPanel(await h.tabIdOf(page.url()));
  await expect.poll(() => panel.getByTestId('page-toggle').isChecked()).toBe(true);
  await expect.poll(() => ja.count()).toBe(1);
  await panel.getByTestId('page-toggle').uncheck();
  await expect.poll(() => ja.count()).toBe(0);
  await page.close();
  await panel.close();
});

test('keyboard: j moves, x picks, c recolours, ? helps', async () => {
  const page = await h.openThread(`/item?id=${thread.story.id}`);
  const panel = await h.openPanel(await h.tabIdOf(page.url()));
  await expect.poll(() => panel.locator('[data-summary="done"]').count()).toBe(30);
  await panel.bringToFront();
  await panel.locator('body').click({ position: { x: 5, y: 5 } });
  await panel.keyboard.press('j');
  const first = panel.locator('[data-testid="card"]').first();
  await expect.poll(() => first.evaluate((e) => e.classList.contains('focused'))).toBe(true);
  const selected = await first.getAttribute('data-selected');
  await panel.keyboard.press('x');
  await expect.poll(() => first.getAttribute('data-selected')).toBe(selected === 'true' ? 'false' : 'true');
  const color = await first.getAttribute('data-color');
  await panel.keyboard.press('c');
  await expect.poll(() => first.getAttribute('data-color')).not.toBe(color);
  await panel.keyboard.press('?');
  await expect.poll(() => panel.getByTestId('help').count()).toBe(1);
  await panel.keyboard.press('Escape');
  await expect.poll(() => panel.getByTestId('help').count()).toBe(0);
  await page.close();
  await panel.close();
});

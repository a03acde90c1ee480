// Favourites in the built extension: star a thread and a card, then come back offline and after an extension reload.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { artifactPath, launch, type Harness } from './harness';
import { generateThread } from '../support/generate-thread';
import { startLlmServer, type LlmServer } from '../llm-server/server';

const thread = generateThread({ comments: 12, seed: 41, storyId: 45000000 });

let h: Harness;
let server: LlmServer | null;
let hnUp = true;
beforeAll(async () => {
  server = await startLlmServer();
  h = await launch((path) => (hnUp && path === `/item?id=${thread.story.id}` ? thread.pages[0] : undefined));
  await h.setSettings({ preset: 'custom', baseUrl: server.url, model: 'matome-test-1', confirmOver: 1000, lang: 'en' });
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

test('star a thread and a card; with HN and the endpoint gone, reopen from Favourites and export Hugo', async () => {
  const page = await h.openThread(`/item?id=${thread.story.id}`);
  const panel = await h.openPanel(await h.tabIdOf(page.url()));
  await panel.getByTestId('summarize').click();
  await expect.poll(() => panel.locator('[data-summary="done"]').count(), { timeout: 20_000 }).toBe(12);
  // An edit first, so the favourite must carry it.
  const edited = thread.comments[2]!.id;
  await panel.locator(`[data-testid="card"][data-comment-id="${edited}"] [data-testid="edit"]`).click();
  await panel.locator(`[data-testid="card"][data-comment-id="${edited}"] [data-testid="card-edit"]`).fill('お気に入りの編集だよ');
  await panel.locator(`[data-testid="card"][data-comment-id="${edited}"] [data-testid="edit"]`).click();
  await new Promise((r) => setTimeout(r, 400));
  await panel.locator('header [data-testid="favorite"]').click();
  const starredCard = thread.comments[5]!.id;
  await panel.locator(`[data-testid="card"][data-comment-id="${starredCard}"] [data-testid="favorite"]`).click();
  await expect.poll(() => panel.locator('header [data-testid="favorite"]').getAttribute('data-on')).toBe('true');
  await expect.poll(() => panel.locator(`[data-testid="card"][data-comment-id="${starredCard}"] [data-testid="favorite"]`).getAttribute('data-on')).toBe('true');
  await panel.close();
  await page.close();

  // Everything closed; HN and the model endpoint gone.
  hnUp = false;
  await server!.close();
  server = null;
  const offline = await h.openThread('/news');
  const shelf = await h.openPanel(await h.tabIdOf(offline.url()));
  await shelf.getByTestId('open-favorites').click();
  await expect.poll(() => shelf.getByTestId('fav-item').count()).toBe(2);
  expect(await shelf.getByTestId('fav-count').textContent()).toMatch(/^2 favourites/);
  // Search: the card's user is in both (the thread has that comment too); the edit only in the thread.
  await shelf.getByTestId('fav-search').fill(thread.comments[5]!.by!);
  await expect.poll(() => shelf.getByTestId('fav-item').count()).toBe(2);
  await shelf.getByTestId('fav-search').fill('お気に入りの編集');
  await expect.poll(() => shelf.locator('[data-testid="fav-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['thread']);
  await shelf.getByTestId('fav-search').fill('');
  await shelf.locator(`[data-testid="fav-item"][data-kind="thread"] .fav-open`).click();
  await expect.poll(() => shelf.locator('[data-summary="done"]').count()).toBe(12);
  expect(await shelf.getByTestId('offline').count()).toBe(1);
  // No page and no model here: neither the page toggle nor Summarise is offered.
  expect(await shelf.getByTestId('page-toggle').count()).toBe(0);
  expect(await shelf.getByTestId('summarize').count()).toBe(0);
  expect(await shelf.locator(`[data-testid="card"][data-comment-id="${edited}"] [data-testid="card-ja"]`).textContent()).toBe('お気に入りの編集だよ');
  await shelf.bringToFront();
  await shelf.getByTestId('export').click();
  await expect.poll(() => shelf.getByTestId('export-output').inputValue()).toContain(`item?id=${thread.story.id}`);
  const md = await shelf.getByTestId('export-output').inputValue();
  expect(md).toContain('body="お気に入りの編集だよ"');
  await shelf.screenshot({ path: artifactPath('sidepanel-favorite-offline.png') });
  await shelf.close();
  await offline.close();
});

test('the browser restarted and the extension loaded again from disk: every favourite is there; remove with undo', async () => {
  await h.close(true);
  h = await launch(() => undefined, { profile: h.profile });
  // A panel with no tab to follow: the shelf needs neither a page nor the worker.
  const panel = await h.openPanel(-1);
  await panel.getByTestId('open-favorites').click();
  await expect.poll(() => panel.getByTestId('fav-item').count()).toBe(2);
  // A starred card opens alone: its card, and no made-up "0 points · 1 comments".
  await panel.locator('[data-testid="fav-item"][data-kind="card"] .fav-open').click();
  await expect.poll(() => panel.locator('[data-summary="done"]').count()).toBe(1);
  expect(await panel.getByTestId('story-meta').textContent()).not.toMatch(/points|comments/);
  await panel.getByTestId('open-favorites').click();
  await panel.locator('[data-testid="fav-item"][data-kind="card"] [data-testid="fav-remove"]').click();
  await expect.poll(() => panel.getByTestId('fav-item').count()).toBe(1);
  await panel.getByTestId('undo').click();
  await expect.poll(() => panel.getByTestId('fav-item').count()).toBe(2);
  await panel.close();
});

// Hardening, in the built extension: what a hostile page can do from the content script's own context, two panels
// editing one thread, a summary the page cannot show, a story link that is not http(s).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { launch, type Harness } from './harness';
import { generateThread } from '../support/generate-thread';
import { renderItemPage } from '../support/hn-page';
import { startLlmServer, type LlmServer } from '../llm-server/server';

const thread = generateThread({ comments: 20, seed: 71, storyId: 47000000 });
const edited = generateThread({ comments: 20, seed: 72, storyId: 47200000 });
const overlaid = generateThread({ comments: 20, seed: 73, storyId: 47300000 });
const hostileId = 47100000;
const hostile = renderItemPage({ id: hostileId, title: 'Click the title', url: 'javascript:window.__pwned=1', by: 'x', time: '2026-10-03T00:00:00', points: 1, commentCount: 1 }, [
  { id: hostileId + 1, depth: 0, by: 'a', time: '2026-10-03T00:00:01', html: 'hello' },
]);
const pages = new Map([
  ...[thread, edited, overlaid].map((t) => [t.story.id, t.pages[0]!] as const),
  [hostileId, hostile],
]);

/** The extension's own `chrome` global, inside `worker.evaluate` callbacks. */
declare const chrome: typeof import('wxt/browser').browser;

let h: Harness;
let server: LlmServer;
/** Another origin: where a rewritten base URL would send requests. */
let evil: LlmServer;
const KEY = 'sk-the-real-secret-0123';
beforeAll(async () => {
  server = await startLlmServer({ apiKey: KEY });
  evil = await startLlmServer();
  h = await launch((path) => pages.get(Number(new URL(path, 'https://news.ycombinator.com').searchParams.get('id'))));
  await h.setSettings({ lang: 'en', preset: 'custom', baseUrl: server.url, model: 'matome-test-1', confirmOver: 1000 });
  await h.setApiKey(server.url, KEY);
});
afterAll(async () => {
  await h?.close();
  await server?.close();
  await evil?.close();
});

/** Runs code in the HN page's content script world (the extension's isolated world), as a hostile page could make it. */
async function inContentScript(page: Page): Promise<{ run: (expression: string) => Promise<unknown>; cdp: CDPSession }> {
  const cdp = await h.context.newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  await expect.poll(() => contexts.some((c) => c.auxData?.type === 'isolated' && c.name === 'HN Matome')).toBe(true);
  const id = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'HN Matome')!.id;
  const run = async (expression: string) => {
    const r = await cdp.send('Runtime.evaluate', { expression, contextId: id, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
  return { run, cdp };
}

test('the content script context can read no key, start no job, set no key; a base URL it rewrites never gets the key', async () => {
  const page = await h.openThread(`/item?id=${thread.story.id}`);
  const { run, cdp } = await inContentScript(page);
  // Everything the content script can reach in storage: no key anywhere.
  const everything = (await run('chrome.storage.local.get(null).then((x) => JSON.stringify(x))')) as string;
  expect(everything.length).toBeGreaterThan(2);
  expect(everything).not.toContain(KEY);
  expect(await run(`new Promise((resolve) => { const r = indexedDB.open('hn-matome-keys'); r.onsuccess = () => resolve([...r.result.objectStoreNames].length); r.onerror = () => resolve(-1); })`)).toBe(0);
  // A job port from here is refused at once: no snapshot, no request.
  const refused = await run(`new Promise((resolve) => {
    const port = chrome.runtime.connect({ name: 'hn-matome/job' });
    const got = [];
    port.onMessage.addListener((m) => got.push(m.type));
    port.onDisconnect.addListener(() => resolve({ disconnected: true, got }));
    port.postMessage({ type: 'open', story: { id: ${thread.story.id}, title: 'x', url: 'https://x/', site: null, by: null, time: null, points: 0, commentCount: 1, text: null }, comments: [{ id: 1, parentId: ${thread.story.id}, text: 'x' }] });
    port.postMessage({ type: 'start', confirmed: true });
    setTimeout(() => resolve({ disconnected: false, got }), 1500);
  })`);
  expect(refused).toEqual({ disconnected: true, got: [] });
  // Setting the key (or asking for its hint) from here gets no answer.
  expect(await run(`chrome.runtime.sendMessage({ type: 'key:set', key: 'sk-evil', baseUrl: '${evil.url}' }).then((r) => r ?? null, (e) => 'refused: ' + e.message)`)).not.toMatchObject({ set: true });
  expect(await run(`chrome.runtime.sendMessage({ type: 'key:status' }).then((r) => r ?? null, (e) => 'refused')`)).not.toMatchObject({ hint: expect.anything() });
  expect(server.requests).toHaveLength(0);

  // What the content script can do: rewrite the base URL in storage.local. A job then goes there without the key.
  await run(`chrome.storage.local.get('settings').then(({ settings }) => chrome.storage.local.set({ settings: { ...settings, baseUrl: '${evil.url}' } }))`);
  await cdp.detach();
  const panel = await h.openPanel(await h.tabIdOf(page.url()));
  await panel.getByTestId('summarize').click();
  await expect.poll(() => evil.requests.length, { timeout: 15_000 }).toBeGreaterThan(0);
  expect(evil.requests.every((r) => !r.authorization?.includes(KEY))).toBe(true);
  // Back to the real endpoint: its key is still there, and still works.
  await h.setSettings({ lang: 'en', preset: 'custom', baseUrl: server.url, model: 'matome-test-1', confirmOver: 1000 });
  await panel.close();
  await page.close();
});

test('two panels editing one thread at once: both edits kept, in the thread and in its favourite', async () => {
  await h.setSettings({ lang: 'en', preset: 'custom', baseUrl: server.url, model: 'matome-test-1', confirmOver: 1000 });
  const page = await h.openThread(`/item?id=${edited.story.id}`);
  const tab = await h.tabIdOf(page.url());
  const one = await h.openPanel(tab);
  await one.getByTestId('summarize').click();
  await expect.poll(() => one.locator('[data-summary="done"]').count(), { timeout: 20_000 }).toBe(20);
  await one.locator('header [data-testid="favorite"]').click();
  await expect.poll(() => one.locator('header [data-testid="favorite"]').getAttribute('data-on')).toBe('true');
  const two = await h.openPanel(tab);
  await expect.poll(() => two.locator('[data-summary="done"]').count()).toBe(20);
  const [a, b] = [edited.comments[2]!.id, edited.comments[9]!.id];
  const edit = async (p: Page, id: number, text: string) => {
    await p.locator(`[data-testid="card"][data-comment-id="${id}"] [data-testid="edit"]`).click();
    await p.locator(`[data-testid="card"][data-comment-id="${id}"] [data-testid="card-edit"]`).fill(text);
  };
  // Both typing at the same time; each writes when it pauses.
  await Promise.all([edit(one, a, 'パネル1の編集'), edit(two, b, 'パネル2の編集')]);
  await new Promise((r) => setTimeout(r, 800));
  // Each panel shows the other's edit too.
  await expect.poll(() => one.locator(`[data-testid="card"][data-comment-id="${b}"] [data-testid="card-ja"]`).textContent()).toBe('パネル2の編集');
  await one.close();
  await two.close();
  const three = await h.openPanel(tab);
  await expect.poll(() => three.locator(`[data-testid="card"][data-comment-id="${a}"] [data-testid="card-ja"]`).textContent()).toBe('パネル1の編集');
  await expect.poll(() => three.locator(`[data-testid="card"][data-comment-id="${b}"] [data-testid="card-ja"]`).textContent()).toBe('パネル2の編集');
  // The starred thread's favourite has both.
  const fav = (await (await h.worker()).evaluate(() => chrome.storage.local.get(null))) as Record<string, { edits?: { bodies: Record<string, string> } }>;
  expect(fav[`fav:t:${edited.story.id}`]?.edits?.bodies).toMatchObject({ [a]: 'パネル1の編集', [b]: 'パネル2の編集' });
  await three.close();
  await page.close();
});

test('a summary too long for the page is left out of the overlay, said so; the others are placed', async () => {
  const page = await h.openThread(`/item?id=${overlaid.story.id}`);
  const panel = await h.openPanel(await h.tabIdOf(page.url()));
  await panel.getByTestId('summarize').click();
  await expect.poll(() => panel.locator('[data-summary="done"]').count(), { timeout: 20_000 }).toBe(20);
  const long = overlaid.comments[4]!.id;
  await panel.locator(`[data-testid="card"][data-comment-id="${long}"] [data-testid="edit"]`).click();
  await panel.locator(`[data-testid="card"][data-comment-id="${long}"] [data-testid="card-edit"]`).fill('長'.repeat(100_500));
  await panel.locator(`[data-testid="card"][data-comment-id="${long}"] [data-testid="edit"]`).click();
  await panel.getByTestId('page-toggle').check();
  await expect.poll(() => page.locator('.hn-matome-ja').count()).toBe(19);
  await expect.poll(() => panel.getByTestId('overlay-left-out').textContent()).toMatch(/^1 summaries could not be shown/);
  expect(await page.locator(`tr.comtr[id="${long}"] .hn-matome-ja`).count()).toBe(0);
  await panel.getByTestId('page-toggle').uncheck();
  await panel.close();
  await page.close();
});

test('a story link that is not http(s) is shown as text, not as a link', async () => {
  const page = await h.openThread(`/item?id=${hostileId}`);
  const panel = await h.openPanel(await h.tabIdOf(page.url()));
  await expect.poll(() => panel.getByTestId('story-title').textContent()).toBe('Click the title');
  expect(await panel.evaluate(() => document.querySelector('[data-testid="story-title"]')!.tagName)).toBe('SPAN');
  expect(await panel.locator('a[href^="javascript"]').count()).toBe(0);
  await panel.close();
  await page.close();
});

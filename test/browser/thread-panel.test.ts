import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { artifactPath, inViewport, launch, type Harness } from './harness';
import { generateThread } from '../support/generate-thread';
import { renderItemPage } from '../support/hn-page';
import { hasShared, readShared, sharedTest } from '../support/shared';

const own = (name: string) => readFileSync(new URL(`../fixtures/hn/${name}`, import.meta.url), 'utf8');
const paged = generateThread({ comments: 620, seed: 11, storyId: 42000000, pageSize: 200 });
const empty = renderItemPage({ id: 42100000, title: 'Quiet story', url: 'https://example.com/q', site: 'example.com', by: 'x', time: '2026-10-03T00:00:00', points: 3, commentCount: 0 }, []);

/** Pages a test adds for itself, by path and query. */
const extra = new Map<string, string>();

/** The HN site as the tests know it: fixture pages at their real URLs. */
function hn(path: string): string | undefined {
  if (extra.has(path)) return extra.get(path);
  const u = new URL(path, 'https://news.ycombinator.com');
  if (u.pathname === '/news') return own('listing.html');
  if (u.pathname !== '/item') return undefined;
  const id = Number(u.searchParams.get('id'));
  const p = Number(u.searchParams.get('p') ?? 1);
  if (id === 47000001) return own('states.html');
  if (id === 47100001) return own('ask-hn.html');
  if (id === 42100000) return empty;
  if (id === paged.story.id) return paged.pages[p - 1];
  if (hasShared && [49891290, 49575859, 48350598].includes(id)) return readShared(`fixtures/hn/item-${id}.html`);
  return undefined;
}

let h: Harness;
beforeAll(async () => {
  h = await launch(hn);
});
afterAll(async () => {
  await h?.close();
});

async function panelFor(path: string) {
  const page = await h.openThread(path);
  const tabId = await h.tabIdOf(page.url());
  const panel = await h.openPanel(tabId);
  return { page, tabId, panel };
}

describe('the side panel reads the thread in the tab', () => {
  sharedTest('a saved HN thread: every comment shown; a click scrolls the page to it and flashes it', async () => {
    const { page, panel } = await panelFor('/item?id=49891290');
    await expect.poll(() => panel.getByTestId('story-title').textContent()).toBe('Jeeves. Reasoning improves Jev-like decision models');
    await expect.poll(() => panel.getByTestId('card').count()).toBe(69);
    const ids = await panel.getByTestId('card').evaluateAll((els) => els.map((e) => e.getAttribute('data-comment-id')));
    const pageIds = await page.locator('tr.comtr').evaluateAll((els) => els.map((e) => e.id));
    expect(ids).toEqual(pageIds);
    await panel.screenshot({ path: artifactPath('sidepanel-49891290.png'), fullPage: false });

    const target = ids.at(-5)!;
    const row = `tr.comtr[id="${target}"]`;
    expect(await inViewport(page, row)).toBe(false);
    await panel.locator(`[data-testid="card"][data-comment-id="${target}"]`).click();
    await expect.poll(() => page.locator(row).getAttribute('data-hn-matome-flash')).toBe('');
    await expect.poll(() => inViewport(page, row)).toBe(true);
    await expect.poll(() => page.locator(row).getAttribute('data-hn-matome-flash'), { timeout: 5000 }).toBeNull();
    await page.close();
    await panel.close();
  });

  test('every comment state, and a click on a comment inside a collapsed subtree expands it on the page', async () => {
    const { page, panel } = await panelFor('/item?id=47000001');
    await expect.poll(() => panel.getByTestId('card').count()).toBe(12);
    expect(await panel.locator('[data-testid="card"][data-comment-id="47000011"]').getAttribute('data-state')).toBe('deleted');
    expect(await panel.locator('[data-testid="card"][data-comment-id="47000023"]').getAttribute('data-state')).toBe('flagged');
    expect(await panel.locator('[data-testid="card"][data-comment-id="47000031"]').getAttribute('data-state')).toBe('dead');
    await expect.poll(() => panel.locator('[data-testid="card"][data-comment-id="47000010"] .card-text').textContent()).toBe('Entities: & <tag> "quoted" café \'single\' 🎉 日本語 مرحبا');
    await panel.screenshot({ path: artifactPath('sidepanel-states.png') });
    const row = 'tr.comtr[id="47000022"]';
    expect(await page.locator(row).isVisible()).toBe(false);
    await panel.locator('[data-testid="card"][data-comment-id="47000022"]').click();
    await expect.poll(() => page.locator(row).isVisible()).toBe(true);
    await expect.poll(() => inViewport(page, row)).toBe(true);
    await page.close();
    await panel.close();
  });

  test('a thread HN splits over pages: the pages are fetched one by one, shown as they come, merged whole', async () => {
    await h.setSettings({ maxPages: 20, pageDelayMs: 400 });
    const before = h.hnRequests.length;
    const { page, panel } = await panelFor(`/item?id=${paged.story.id}`);
    await expect.poll(() => panel.getByTestId('progress').textContent(), { timeout: 10_000 }).toMatch(/fetching the next page/);
    await expect.poll(() => panel.getByTestId('cards').getAttribute('data-count'), { timeout: 20_000 }).toBe('620');
    // A long list renders what is near the view: the first cards now, the last ones once scrolled to.
    const ids = await panel.getByTestId('card').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-comment-id'))));
    expect(ids.length).toBeLessThan(200);
    expect(ids).toEqual(paged.comments.slice(0, ids.length).map((c) => c.id));
    await panel.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => panel.locator(`[data-testid="card"][data-comment-id="${paged.comments.at(-1)!.id}"]`).count()).toBe(1);
    const asked = h.hnRequests.slice(before).filter((u) => u.includes(`id=${paged.story.id}`));
    expect(asked).toEqual([`/item?id=${paged.story.id}`, `/item?id=${paged.story.id}&p=2`, `/item?id=${paged.story.id}&p=3`, `/item?id=${paged.story.id}&p=4`]);
    await h.setSettings({});
    await page.close();
    await panel.close();
  });

  test('clear states: not a thread, no comments yet, and the panel follows its tab to another thread', async () => {
    const { page, panel } = await panelFor('/news');
    await expect.poll(() => panel.getByTestId('status').locator('h2').textContent()).toBe('Not an HN thread');
    await page.goto('https://news.ycombinator.com/item?id=42100000');
    await expect.poll(() => panel.getByTestId('story-title').textContent()).toBe('Quiet story');
    await expect.poll(() => panel.getByText('No comments yet').count()).toBe(1);
    await page.goto('https://news.ycombinator.com/item?id=47100001');
    await expect.poll(() => panel.getByTestId('story-title').textContent()).toBe('Ask HN: How do you read long threads?');
    await expect.poll(() => panel.getByTestId('card').count()).toBe(2);
    await expect.poll(() => panel.locator('.story-text').textContent()).toMatch(/^Threads with 1,000 comments/);
    await panel.screenshot({ path: artifactPath('sidepanel-ask-hn.png') });
    await page.close();
    await panel.close();
  });

  test('no HTML from the page is ever rendered as HTML in the panel', async () => {
    const hostile = renderItemPage({ id: 42200000, title: '<img src=x onerror=alert(1)>', by: 'x', time: '2026-10-03T00:00:00', points: 1, commentCount: 1 }, [
      { id: 42200001, depth: 0, by: 'evil', time: '2026-10-03T00:00:01', html: '&lt;script&gt;window.__pwned=1&lt;/script&gt; &lt;img src=x onerror="window.__pwned=2"&gt;' },
    ]);
    extra.set('/item?id=42200000', hostile);
    const { page, panel } = await panelFor('/item?id=42200000');
    await expect.poll(() => panel.locator('[data-testid="card"][data-comment-id="42200001"] .card-text').textContent()).toBe('<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2">');
    expect(await panel.getByTestId('story-title').textContent()).toBe('<img src=x onerror=alert(1)>');
    expect(await panel.locator('main img, main script').count()).toBe(0);
    expect(await panel.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
    await panel.close();
  });
});

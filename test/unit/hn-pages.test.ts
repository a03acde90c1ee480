import { describe, expect, test } from 'vitest';
import { readThread, type ReadProgress } from '@/lib/hn/pages';
import { Thread } from '@/lib/hn/thread';
import { htmlDoc } from '../support/dom';
import { generateThread } from '../support/generate-thread';
import { renderItemPage } from '../support/hn-page';

const ID = 41000000;
const g = generateThread({ comments: 700, seed: 3, storyId: ID, pageSize: 250 });
const pageUrl = (p: number) => `https://news.ycombinator.com/item?id=${ID}${p > 1 ? `&p=${p}` : ''}`;

/** Serves the generated pages like HN, recording what was asked. */
function server(pages: string[], fail?: (p: number) => boolean) {
  const asked: string[] = [];
  const fetchPage = async (u: string) => {
    asked.push(u);
    const p = Number(new URL(u).searchParams.get('p') ?? 1);
    if (fail?.(p)) throw new Error('HN answered 503');
    return htmlDoc(pages[p - 1]!, u);
  };
  return { asked, fetchPage };
}

describe('readThread: HN threads split over pages', () => {
  test('the generator split the thread at top-level comments into 3 pages', () => {
    expect(g.pages).toHaveLength(3);
  });

  test('follows every "More" link once, in order, and merges all comments', async () => {
    const s = server(g.pages);
    const progress: ReadProgress[] = [];
    const { thread, stopped } = await readThread(htmlDoc(g.pages[0]!, pageUrl(1)), pageUrl(1), { maxPages: 20, delayMs: 0, fetchPage: s.fetchPage, onProgress: (p) => progress.push(p) });
    expect(stopped).toBeNull();
    expect(s.asked).toEqual([pageUrl(2), pageUrl(3)]);
    expect(Thread.parse(thread).pages).toBe(3);
    expect(thread.comments.map((c) => c.id)).toEqual(g.comments.map((c) => c.id));
    expect(thread.nextPage).toBeNull();
    expect(progress.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(progress.at(-1)).toMatchObject({ comments: 700, next: null });
    expect(progress[0]!.next).toBe(pageUrl(2));
  });

  test('waits between pages', async () => {
    const s = server(g.pages);
    const t0 = performance.now();
    await readThread(htmlDoc(g.pages[0]!, pageUrl(1)), pageUrl(1), { maxPages: 20, delayMs: 60, fetchPage: s.fetchPage });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(2 * 60 - 5);
  });

  test('stops at the page limit and says so, keeping what it read', async () => {
    const s = server(g.pages);
    const { thread, stopped } = await readThread(htmlDoc(g.pages[0]!, pageUrl(1)), pageUrl(1), { maxPages: 2, delayMs: 0, fetchPage: s.fetchPage });
    expect(stopped).toEqual({ reason: 'limit', pages: 2 });
    expect(thread.pages).toBe(2);
    expect(thread.nextPage).toBe(pageUrl(3));
    expect(s.asked).toEqual([pageUrl(2)]);
  });

  test('a page that fails ends reading with what was read and the reason', async () => {
    const s = server(g.pages, (p) => p === 3);
    const { thread, stopped } = await readThread(htmlDoc(g.pages[0]!, pageUrl(1)), pageUrl(1), { maxPages: 20, delayMs: 0, fetchPage: s.fetchPage });
    expect(stopped).toEqual({ reason: 'error', page: 3, detail: 'HN answered 503' });
    expect(thread.pages).toBe(2);
    expect(thread.comments.length).toBeGreaterThan(400);
    expect(thread.nextPage).toBe(pageUrl(3));
  });

  test('overlapping pages (the thread moved between fetches) give no duplicates', async () => {
    const overlap = [g.pages[0]!, renderItemPage(g.story, [...g.comments.slice(200, 260)], { nextPage: undefined })];
    overlap[0] = renderItemPage(g.story, g.comments.slice(0, 250), { nextPage: `item?id=${ID}&p=2` });
    const s = server(overlap);
    const { thread } = await readThread(htmlDoc(overlap[0], pageUrl(1)), pageUrl(1), { maxPages: 20, delayMs: 0, fetchPage: s.fetchPage });
    const ids = thread.comments.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(g.comments.slice(0, 260).map((c) => c.id));
  });

  test('never follows a "More" link to another item or site', async () => {
    for (const next of [`item?id=${ID + 1}&p=2`, 'https://evil.example/item?id=41000000&p=2']) {
      const s = server(g.pages);
      const first = renderItemPage(g.story, g.comments.slice(0, 10), { nextPage: next });
      const { thread, stopped } = await readThread(htmlDoc(first, pageUrl(1)), pageUrl(1), { maxPages: 20, delayMs: 0, fetchPage: s.fetchPage });
      expect(s.asked).toEqual([]);
      expect(stopped).toBeNull();
      expect(thread.comments).toHaveLength(10);
    }
  });

  test('cancelling stops between pages', async () => {
    const s = server(g.pages);
    const ctl = new AbortController();
    const run = readThread(htmlDoc(g.pages[0]!, pageUrl(1)), pageUrl(1), { maxPages: 20, delayMs: 50, fetchPage: s.fetchPage, signal: ctl.signal });
    ctl.abort(new Error('panel closed'));
    await expect(run).rejects.toThrow('panel closed');
    expect(s.asked).toEqual([]);
  });
});

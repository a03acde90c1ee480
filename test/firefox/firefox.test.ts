// The built extension in the real Firefox (Debian's firefox-esr): the real toolbar button, the real sidebar, a
// fixture thread, the test endpoint, a restart on the same profile. Any error the add-on itself logs fails the test.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { launchFirefox, poll, type FirefoxHarness } from './harness';
import { generateThread } from '../support/generate-thread';
import { hasShared, readShared } from '../support/shared';
import { startLlmServer, type LlmServer } from '../llm-server/server';

// The real 124-comment thread where ../shared is there; a generated one of the same size where it is not.
const REAL = 48350598;
const real = hasShared ? readShared('fixtures/hn/item-48350598.html') : generateThread({ comments: 124, seed: 81, storyId: REAL }).pages[0]!;
const second = generateThread({ comments: 30, seed: 82, storyId: 48400000 });
const pages = new Map([
  [REAL, real],
  [second.story.id, second.pages[0]!],
]);
const hn = (path: string) => pages.get(Number(new URL(path, 'https://news.ycombinator.com').searchParams.get('id')));

let server: LlmServer;
let h: FirefoxHarness;
beforeAll(async () => {
  server = await startLlmServer();
  h = await launchFirefox(hn);
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});
// The add-on's own errors (its console.error, its uncaught errors) fail the test that caused them.
afterEach(() => expect(h.ownErrors().map((l) => l.text)).toEqual([]));

const settings = (lang: 'en' | 'ja' = 'en') => ({ settings: { lang, preset: 'custom', baseUrl: server.url, model: 'matome-test-1', confirmOver: 1000 } });
const cards = () => h.inSidebar(() => [...document.querySelectorAll('[data-testid="card"]')].map((e) => ({ id: Number((e as HTMLElement).dataset.commentId), summary: (e as HTMLElement).dataset.summary })));
const done = async () => (await cards()).filter((c) => c.summary === 'done').length;

test('the sidebar stays closed at install; the first click on the real toolbar button opens it on the thread; a card click scrolls the page', async () => {
  await h.setStorage(settings());
  // Nothing opened by itself: the user's first click is the one that opens it.
  await new Promise((r) => setTimeout(r, 1000));
  expect((await h.sidebar()).open).toBe(false);
  await h.tab.goto(`https://news.ycombinator.com/item?id=${REAL}`);
  const rows = await h.tab.evaluate(() => [...document.querySelectorAll('tr.athing.comtr')].map((r) => Number(r.id)));
  await h.clickToolbarButton();
  await poll(async () => {
    const s = await h.sidebar();
    return s.open && s.ours;
  }, 'the sidebar to open');
  await poll(async () => (await cards()).length === rows.length, 'every comment in the sidebar');
  expect((await cards()).map((c) => c.id)).toEqual(rows);
  // A click on a card near the end: the HN page scrolls to that comment.
  const target = rows.at(-5)!;
  await h.inSidebar((id: number) => (document.querySelector(`[data-testid="card"][data-comment-id="${id}"]`) as HTMLElement).click(), target);
  await poll(
    () =>
      h.tab.evaluate((id) => {
        const r = document.getElementById(String(id))!.getBoundingClientRect();
        return window.scrollY > 0 && r.top >= 0 && r.bottom <= innerHeight;
      }, target),
    'the HN page to scroll to the comment',
  );
});

test('Summarise fills every card from the test endpoint; Export gives the Hugo article', async () => {
  const total = (await cards()).length;
  await poll(() => h.inSidebar(() => !!document.querySelector('[data-testid="summarize"]')), 'Summarise');
  await h.inSidebar(() => (document.querySelector('[data-testid="summarize"]') as HTMLElement).click());
  await poll(async () => (await done()) === total, 'every card summarised', 60_000);
  expect(new Set(server.requests.flatMap((r) => r.askedIds)).size).toBe(total);
  await h.inSidebar(() => (document.querySelector('[data-testid="export"]') as HTMLElement).click());
  const md = await poll(() => h.inSidebar(() => (document.querySelector('[data-testid="export-output"]') as HTMLTextAreaElement | null)?.value ?? ''), 'the exported article');
  expect(md.startsWith("+++\ndate = '")).toBe(true);
  expect(md).toContain(`引用元：[https://news.ycombinator.com/item?id=${REAL}]`);
  // The digest's 80 cards, as the site's articles have.
  expect(md.match(/\{\{<matomeQuote /g)).toHaveLength(80);
  // The README's picture: the Japanese UI over the summarised thread, the sidebar as wide as a user would make it.
  await h.setStorage(settings('ja'));
  await h.chrome(() => {
    // @ts-expect-error chrome-scope globals
    document.getElementById('sidebar-box').style.width = '440px';
  });
  await h.inSidebar(() => {
    (document.querySelector('[data-testid="export-result"] button.small') as HTMLElement | null)?.click();
    return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  await new Promise((r) => setTimeout(r, 300));
  await h.screenshot('firefox-sidebar.png');
  await h.setStorage(settings());
});

test('a panel port opened and closed around its snapshot never leaves the thread stuck: the next Summarise runs', async () => {
  // What a quick tab switch does in Firefox, many times over: a port opens, asks for the thread, and is gone.
  const probe = await h.probe();
  const story = { id: second.story.id, title: second.story.title, url: 'https://example.com/', site: null, by: null, time: null, points: 0, commentCount: 30, text: null };
  const comments = second.comments.map((c) => ({ id: c.id, parentId: second.story.id, text: second.texts.get(c.id)! }));
  await probe.evaluate(
    async (story, comments) => {
      const rt = (globalThis as unknown as { browser: { runtime: { connect(o: object): { postMessage(m: object): void; disconnect(): void } } } }).browser.runtime;
      for (let i = 0; i < 30; i++) {
        const port = rt.connect({ name: 'hn-matome/job' });
        port.postMessage({ type: 'open', story, comments });
        if (i % 2) port.disconnect();
        else await new Promise((r) => setTimeout(() => r(port.disconnect()), i % 3));
      }
    },
    story,
    comments,
  );
  server.reset();
  await h.tab.goto(`https://news.ycombinator.com/item?id=${second.story.id}`);
  await poll(async () => (await cards()).length === 30, 'the second thread in the sidebar');
  // Summarise shows once the background's snapshot of the thread has come (the cards come from the page first).
  await poll(() => h.inSidebar(() => !!document.querySelector('[data-testid="summarize"]')), 'Summarise');
  await h.inSidebar(() => (document.querySelector('[data-testid="summarize"]') as HTMLElement).click());
  await poll(async () => (await done()) === 30, 'every card of the second thread', 30_000);
  expect(h.log.some((l) => l.text.includes('Attempt to postMessage on disconnected port'))).toBe(false);
});

test('a favourite survives a restart on the same profile, and opens with no page and no model', async () => {
  await h.tab.goto(`https://news.ycombinator.com/item?id=${REAL}`);
  await poll(async () => (await done()) === (await cards()).length && (await cards()).length > 100, 'the summarised thread again');
  await h.inSidebar(() => (document.querySelector('header [data-testid="favorite"]') as HTMLElement).click());
  await poll(() => h.inSidebar(() => document.querySelector('header [data-testid="favorite"]')?.getAttribute('data-on') === 'true'), 'the star');
  expect(h.ownErrors()).toEqual([]);
  const profile = h.profile;
  await h.close(true);
  await server.close();
  // A restart: the same profile, the add-on installed again (a temporary add-on does not survive a restart itself).
  h = await launchFirefox(() => undefined, { profile });
  await h.clickToolbarButton();
  await poll(async () => (await h.sidebar()).open, 'the sidebar after the restart');
  await poll(() => h.inSidebar(() => !!document.querySelector('[data-testid="open-favorites"]')), 'the panel');
  await h.inSidebar(() => (document.querySelector('[data-testid="open-favorites"]') as HTMLElement).click());
  await poll(() => h.inSidebar(() => document.querySelectorAll('[data-testid="fav-item"][data-kind="thread"]').length === 1), 'the starred thread on the shelf');
  await h.inSidebar(() => (document.querySelector('[data-testid="fav-item"] .fav-open') as HTMLElement).click());
  await poll(async () => (await done()) > 100, 'the favourite opened offline, every card');
  await h.screenshot('firefox-favourite-after-restart.png');
});

/**
 * The built extension in Debian's Chromium, with HN answered from fixtures at its real URLs and every other request
 * to the internet refused. The side panel is opened as a page (automation cannot open the real panel) pinned to the
 * HN tab with `?tab=`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

/** The extension's own `chrome` global, inside `worker.evaluate` callbacks. */
declare const chrome: typeof import('wxt/browser').browser;

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION = join(ROOT, '.output/chrome-mv3');
export const ARTIFACTS = join(ROOT, 'test-results');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** HTML for an HN URL (path and query, e.g. `/item?id=1&p=2`), or undefined for a 404. */
export type HnPages = (pathAndQuery: string) => string | undefined;

/** The rules of HN's news.css that decide what shows: collapsed subtrees are hidden by them. */
const HN_CSS = '.noshow { display: none; } .nosee { visibility: hidden; pointer-events: none; cursor: default; } .comment { max-width: 1215px; overflow-wrap: anywhere; }';

export interface Harness {
  context: BrowserContext;
  /** The extension's service worker as it is now (a new one starts after `stopServiceWorker`). */
  worker(): Promise<Worker>;
  extensionId: string;
  /** Every HN URL the browser asked for, page loads and the content script's fetches alike. */
  hnRequests: string[];
  openThread(path: string): Promise<Page>;
  tabIdOf(url: string): Promise<number>;
  openPanel(tabId: number): Promise<Page>;
  setSettings(settings: Record<string, unknown>): Promise<void>;
  /** Writes keys of the extension's storage.local directly. */
  setStorage(items: Record<string, unknown>): Promise<void>;
  /** Gives the background an API key for the endpoint at `baseUrl`, as the Settings view does (from an extension page). */
  setApiKey(baseUrl: string, key: string): Promise<void>;
  /** Stops the extension's service worker, as Chrome does to idle workers, through the DevTools protocol. */
  stopServiceWorker(extensionPage: Page): Promise<void>;
  /** Closes the browser; `keep` leaves its profile (storage and all) for a later `launch`. */
  close(keep?: boolean): Promise<void>;
  profile: string;
}

/**
 * `profile`: a browser profile to start from (one a previous harness kept), as a browser restarting would.
 * `timezoneId`, `locale`: the reader's (default: the machine's).
 */
export async function launch(pages: HnPages, opts: { profile?: string; timezoneId?: string; locale?: string; args?: string[] } = {}): Promise<Harness> {
  if (!existsSync(join(EXTENSION, 'manifest.json'))) throw new Error(`No built extension at ${EXTENSION}: run \`npm run build\` first.`);
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  const profile = opts.profile ?? mkdtempSync(join(tmpdir(), 'hn-matome-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    viewport: { width: 1100, height: 800 },
    timezoneId: opts.timezoneId,
    locale: opts.locale,
    args: [
      '--headless=new',
      `--disable-extensions-except=${EXTENSION}`,
      `--load-extension=${EXTENSION}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...(opts.args ?? []),
    ],
  });
  const hnRequests: string[] = [];
  // Nothing leaves the machine: HN comes from fixtures, loopback is the tests' own servers, the rest is refused.
  await context.route(/^https?:\/\//, (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.fallback();
    if (url.origin !== 'https://news.ycombinator.com') return route.abort('blockedbyclient');
    if (url.pathname === '/news.css') return route.fulfill({ status: 200, contentType: 'text/css', body: HN_CSS });
    hnRequests.push(url.pathname + url.search);
    const body = pages(url.pathname + url.search);
    return body == null
      ? route.fulfill({ status: 404, contentType: 'text/html', body: 'Unknown.' })
      : route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(first.url()).host;

  const h: Harness = {
    context,
    async worker() {
      // Evaluating in a stopped worker wakes nothing: wait for a running one (the panel's reconnection starts it).
      for (let i = 0; i < 100; i++) {
        const w = context.serviceWorkers().filter((x) => x.url().includes(extensionId)).at(-1);
        if (w && (await w.evaluate(() => true).catch(() => false))) return w;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the extension service worker did not come back');
    },
    extensionId,
    profile,
    hnRequests,
    async openThread(path) {
      const page = await context.newPage();
      await page.goto(`https://news.ycombinator.com${path}`); // answered by the route above from fixtures, never the network
      return page;
    },
    async tabIdOf(url) {
      return (await h.worker()).evaluate(async (u) => {
        const tabs = await chrome.tabs.query({});
        const tab = tabs.find((t) => t.url === u);
        if (!tab?.id) throw new Error(`no tab at ${u} among ${tabs.map((t) => t.url).join(', ')}`);
        return tab.id;
      }, url);
    },
    async openPanel(tabId) {
      const page = await context.newPage();
      // About the width of Chrome's side panel.
      await page.setViewportSize({ width: 420, height: 820 });
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
      return page;
    },
    async setSettings(settings) {
      await h.setStorage({ settings });
    },
    async setStorage(items) {
      await (await h.worker()).evaluate((i) => chrome.storage.local.set(i), items);
    },
    async setApiKey(baseUrl, key) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=-1`);
      await page.evaluate((m) => chrome.runtime.sendMessage(m), { type: 'key:set', key, baseUrl });
      await page.close();
    },
    async stopServiceWorker(extensionPage) {
      // A mark in the worker's globals: a worker that really stopped comes back without it.
      await (await h.worker()).evaluate(() => ((globalThis as { __hnMatomeMark?: number }).__hnMatomeMark = 1));
      const cdp = await context.newCDPSession(extensionPage);
      const versions: string[] = [];
      cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
        for (const v of e.versions) if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`) && v.runningStatus === 'running') versions.push(v.versionId);
      });
      await cdp.send('ServiceWorker.enable');
      await new Promise((r) => setTimeout(r, 200));
      if (!versions.length) throw new Error('the extension has no running service worker');
      for (const versionId of new Set(versions)) await cdp.send('ServiceWorker.stopWorker', { versionId });
      await cdp.detach();
      const marked = async () => (await h.worker()).evaluate(() => (globalThis as { __hnMatomeMark?: number }).__hnMatomeMark === 1).catch(() => true);
      for (let i = 0; i < 50 && (await marked()); i++) await new Promise((r) => setTimeout(r, 100));
      if (await marked()) throw new Error('the service worker did not stop');
    },
    async close(keep = false) {
      await context.close();
      if (!keep) rmSync(profile, { recursive: true, force: true });
    },
  };
  return h;
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Whether the element's box lies within the page's viewport. */
export async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  }, selector);
}

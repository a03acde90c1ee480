/**
 * The built extension in Debian's Firefox ESR, driven over WebDriver BiDi with `puppeteer-core` (Playwright cannot
 * drive a stock Firefox). The unpacked build is installed as a temporary add-on; the real toolbar button and the real
 * sidebar are reached in the browser window's chrome scope. HN is answered from fixtures by request interception; every
 * other request from the browser goes to a dead proxy, so nothing reaches the internet.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION = join(ROOT, '.output/firefox-mv3');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const ARTIFACTS = join(ROOT, 'test-results');
const GECKO_ID = 'hn-matome@hn-matome.dev';
/** Fixed by a pref, so the add-on's URLs (and its storage) are the same after a restart. */
export const UUID = '6f1c1f0e-2a3b-4c5d-8e9f-0a1b2c3d4e5f';
export const EXT_ORIGIN = `moz-extension://${UUID}`;
/** Firefox's ids for the add-on's toolbar button and sidebar: the gecko id with `@` and `.` as `_`. */
const WIDGET = 'hn-matome_hn-matome_dev-browser-action';
const SIDEBAR_ID = 'hn-matome_hn-matome_dev-sidebar-action';

const PREFS = {
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
  // Save asks for the endpoint's origin: granted without the prompt nothing here could click.
  'extensions.webextOptionalPermissionPrompts': false,
  'devtools.console.stdout.chrome': true,
  'devtools.console.stdout.content': true,
  'browser.dom.window.dump.enabled': true,
  // Requests the interception cannot see (the add-on's own, Firefox's) go to a dead proxy; loopback stays direct.
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.share_proxy_settings': true,
  'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
  'network.proxy.allow_hijacking_localhost': false,
};

/** HTML for an HN URL (path and query), or undefined for a 404. */
export type HnPages = (pathAndQuery: string) => string | undefined;

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function poll<T>(fn: () => Promise<T | null | undefined | false>, what: string, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last as T;
    } catch (err) {
      last = err;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

/**
 * Runs in every content and extension process: copies the add-on's own console calls to stdout with their file, so
 * its errors can be told apart from the page's (Firefox's own console lines carry no origin).
 */
function consoleTagger(geckoId: string) {
  // @ts-expect-error chrome-scope globals
  Cc['@mozilla.org/consoleAPI-storage;1'].getService(Ci.nsIConsoleAPIStorage).addLogEventListener(
    (m: { addonId?: string; level: string; filename: string; lineNumber: number; arguments?: unknown[] }) => {
      if (m.addonId !== geckoId) return;
      const text = (m.arguments ?? []).map((a) => (typeof a === 'string' ? a : a && typeof (a as Error).stack === 'string' ? `${a} ${(a as Error).stack}` : JSON.stringify(a))).join(' ').replace(/\n/g, ' | ');
      // @ts-expect-error chrome-scope globals
      dump(`[ext-console] ${m.level} ${m.filename}:${m.lineNumber} ${text}\n`);
    },
    // @ts-expect-error chrome-scope globals
    Services.scriptSecurityManager.getSystemPrincipal(),
  );
}

export interface FirefoxHarness {
  browser: Browser;
  profile: string;
  /** Every line Firefox printed. */
  log: LogLine[];
  /** The HN tab (the first one), answered from fixtures. */
  tab: Page;
  /** HN URLs the tab asked for. */
  hnRequests: string[];
  /** Runs `fn` in the browser window's chrome scope; the result goes through JSON. */
  chrome<T>(fn: (...args: never[]) => T | Promise<T>, ...args: unknown[]): Promise<T>;
  /** An extension page in a background tab (it must not become the active tab: the sidebar follows that one). */
  probe(): Promise<Page>;
  /** Writes the add-on's storage.local. */
  setStorage(items: Record<string, unknown>): Promise<void>;
  sidebar(): Promise<{ open: boolean; ours: boolean; url: string | null }>;
  /** A click on the add-on's real toolbar button (placed on the navigation bar first). */
  clickToolbarButton(): Promise<void>;
  /** Runs `fn` in the sidebar's own document (the panel). */
  inSidebar<T>(fn: (...args: never[]) => T | Promise<T>, ...args: unknown[]): Promise<T>;
  /** The whole window (toolbar, sidebar and tab), as Firefox paints it, to `test-results/<name>`. */
  screenshot(name: string): Promise<Buffer>;
  /** What the add-on itself logged as an error (its console.error and its uncaught errors), not the page's. */
  ownErrors(): LogLine[];
  /** Closes the browser; `keep` leaves its profile for a later launch (a restart). */
  close(keep?: boolean): Promise<void>;
}

export async function launchFirefox(pages: HnPages, opts: { profile?: string } = {}): Promise<FirefoxHarness> {
  const profile = opts.profile ?? mkdtempSync(join(tmpdir(), 'hn-matome-ff-'));
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, defaultViewport: null, userDataDir: profile, args: ['--remote-allow-system-access'], extraPrefsFirefox: PREFS });
  const log: LogLine[] = [];
  const proc = browser.process();
  for (const [stream, input] of [['stdout', proc?.stdout], ['stderr', proc?.stderr]] as const) if (input) createInterface({ input }).on('line', (text) => log.push({ stream, text }));
  // The raw BiDi connection (public on the BiDi browser, not in its declared type).
  const conn = (browser as unknown as { connection: { send(method: string, params: object): Promise<unknown> } }).connection;
  const tree = (await conn.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })) as { result: { contexts: { url: string; context: string }[] } };
  const chromeCtx = tree.result.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml')!.context;
  const chrome = async <T,>(fn: (...args: never[]) => T | Promise<T>, ...args: unknown[]): Promise<T> => {
    const expression = `(async () => JSON.stringify(await (${fn.toString()})(...${JSON.stringify(args)})))()`;
    const r = (await conn.send('script.evaluate', { expression, target: { context: chromeCtx }, awaitPromise: true, resultOwnership: 'none' })) as {
      result: { type: string; result?: { value?: string }; exceptionDetails?: { text?: string } };
    };
    if (r.result.type !== 'success') throw new Error(`chrome scope: ${r.result.exceptionDetails?.text}`);
    const v = r.result.result?.value;
    return (v === undefined ? undefined : JSON.parse(v)) as T;
  };

  // The add-on's console, tagged, from every process; then the add-on itself.
  await chrome((src: string, id: string) => {
    // @ts-expect-error chrome-scope globals
    Services.ppmm.loadProcessScript(`data:,${encodeURIComponent(`(${src})(${JSON.stringify(id)})`)}`, true);
  }, consoleTagger.toString(), GECKO_ID);
  await browser.installExtension(EXTENSION);

  const tab = (await browser.pages())[0]!;
  const hnRequests: string[] = [];
  await tab.setRequestInterception(true);
  tab.on('request', (req) => {
    const u = new URL(req.url());
    if (!/^https?:$/.test(u.protocol) || u.hostname === '127.0.0.1' || u.hostname === 'localhost') return void req.continue();
    if (u.origin !== 'https://news.ycombinator.com') return void req.abort('blockedbyclient');
    hnRequests.push(u.pathname + u.search);
    const body = pages(u.pathname + u.search);
    return void req.respond(body == null ? { status: 404, contentType: 'text/html', body: 'Unknown.' } : { status: 200, contentType: 'text/html; charset=utf-8', body });
  });

  let probePage: Page | null = null;
  const h: FirefoxHarness = {
    browser,
    profile,
    log,
    tab,
    hnRequests,
    chrome,
    async probe() {
      if (probePage && !probePage.isClosed()) return probePage;
      const p = await browser.newPage({ background: true });
      // page.goto() waits forever on moz-extension: under BiDi; a static file of the add-on runs none of its code.
      await (p.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: string): Promise<unknown> } }).browsingContext.navigate(`${EXT_ORIGIN}/icon/16.png`, 'none');
      await poll(() => p.evaluate(() => document.readyState === 'complete' && typeof (globalThis as { browser?: unknown }).browser === 'object'), 'the probe page');
      probePage = p;
      return p;
    },
    async setStorage(items) {
      await (await h.probe()).evaluate((i) => (globalThis as unknown as { browser: { storage: { local: { set(x: unknown): Promise<void> } } } }).browser.storage.local.set(i), items);
    },
    sidebar: () =>
      chrome((sid: string) => {
        // @ts-expect-error chrome-scope globals
        const inner = document.getElementById('sidebar')?.contentDocument?.getElementById('webext-panels-browser');
        // @ts-expect-error chrome-scope globals
        return { open: SidebarController.isOpen as boolean, ours: SidebarController.currentID === sid, url: (inner?.currentURI?.spec as string | undefined) ?? null };
      }, SIDEBAR_ID),
    async clickToolbarButton() {
      await chrome((widget: string) => {
        // @ts-expect-error chrome-scope globals
        const ui = CustomizableUI;
        if (ui.getPlacementOfWidget(widget)?.area !== ui.AREA_NAVBAR) ui.addWidgetToArea(widget, ui.AREA_NAVBAR);
        // @ts-expect-error chrome-scope globals
        document.getElementById(widget).querySelector('.unified-extensions-item-action-button').click();
      }, WIDGET);
    },
    async inSidebar(fn, ...args) {
      const v = await (await h.probe()).evaluate(
        (src, a) => {
          const views = (globalThis as unknown as { browser: { extension: { getViews(o: object): (Window & typeof globalThis)[] } } }).browser.extension.getViews({ type: 'sidebar' });
          if (!views[0]) throw new Error('no sidebar');
          return Promise.resolve(new views[0].Function(`return (${src})(...arguments)`)(...a)).then((x: unknown) => JSON.stringify(x));
        },
        fn.toString(),
        args,
      );
      return (v === undefined ? undefined : JSON.parse(v)) as never;
    },
    async screenshot(name) {
      const url = await chrome(async () => {
        // @ts-expect-error chrome-scope globals
        const snap = await window.browsingContext.currentWindowGlobal.drawSnapshot(null, 1, 'white');
        const c = document.createElementNS('http://www.w3.org/1999/xhtml', 'canvas') as HTMLCanvasElement;
        c.width = snap.width;
        c.height = snap.height;
        c.getContext('2d')!.drawImage(snap, 0, 0);
        return c.toDataURL('image/png');
      });
      const png = Buffer.from(url.split(',')[1]!, 'base64');
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, name), png);
      return png;
    },
    ownErrors: () =>
      log.filter((l) => /^\[ext-console\] error /.test(l.text) || (l.text.includes('JavaScript error: ') && l.text.includes(`${EXT_ORIGIN}/`))),
    async close(keep = false) {
      await browser.close().catch(() => undefined);
      if (!keep) rmSync(profile, { recursive: true, force: true });
    },
  };
  return h;
}

import type { Browser } from 'wxt/browser';
import { threadIdFromUrl } from '@/lib/hn/url';
import { READ_PORT, RevealResult, type ReadRequest, type RevealRequest } from '@/lib/messages/content';
import { readReadEvent } from '@/lib/messages/read';
import type { PanelView } from '@/lib/panel/view';
import { loadSettings } from '@/lib/storage/settings';

/** The tab this panel serves: pinned by `?tab=ID` (a panel opened as a page), else the active tab of its window. */
const pinnedTab = Number(new URLSearchParams(location.search).get('tab')) || null;

/**
 * Keeps the panel on the thread in front of the user: follows tab switches and navigation in its window, asks the
 * content script to read the thread, and reports every step as a PanelView. Returns a function that stops it.
 */
export function followThread(onView: (v: PanelView) => void): () => void {
  let tabId: number | null = null;
  let generation = 0;
  let port: ReturnType<typeof browser.tabs.connect> | null = null;

  const drop = () => {
    port?.disconnect();
    port = null;
  };

  async function read(tab: Browser.tabs.Tab, gen: number, attempt = 0) {
    const settings = await loadSettings();
    if (gen !== generation) return;
    const p = browser.tabs.connect(tab.id!, { name: READ_PORT });
    port = p;
    let finished = false;
    p.onMessage.addListener((raw: unknown) => {
      if (gen !== generation) return;
      const parsed = readReadEvent(raw);
      if ('error' in parsed) {
        finished = true;
        return onView({ kind: 'error', code: 'bad-answer', detail: parsed.error });
      }
      const e = parsed.event;
      if (e.type === 'progress') return onView({ kind: 'reading', page: e.page, comments: e.comments, next: e.next });
      finished = true;
      drop();
      if (e.type === 'done') onView({ kind: 'ready', tabId: tab.id!, thread: e.thread, stopped: e.stopped, leftOut: parsed.dropped });
      else if (e.code === 'not-item-page') onView({ kind: 'not-thread', url: tab.url ?? null });
      else onView({ kind: 'error', code: e.code, detail: e.detail ?? null });
    });
    p.onDisconnect.addListener(() => {
      if (finished || gen !== generation) return;
      // Right after a navigation the content script may not be listening yet: try again once before giving up.
      if (attempt < 2) setTimeout(() => gen === generation && void read(tab, gen, attempt + 1), 400);
      else onView({ kind: 'unreachable', tabId: tab.id! });
    });
    p.postMessage({ type: 'read', maxPages: settings.maxPages, delayMs: settings.pageDelayMs } satisfies ReadRequest);
  }

  function show(tab: Browser.tabs.Tab) {
    const gen = ++generation;
    drop();
    tabId = tab.id ?? null;
    if (threadIdFromUrl(tab.url) == null) return onView({ kind: 'not-thread', url: tab.url ?? null });
    if (tab.status === 'loading') return onView({ kind: 'loading' });
    onView({ kind: 'reading', page: 1, comments: 0, next: null });
    void read(tab, gen);
  }

  const onActivated = async (info: Browser.tabs.OnActivatedInfo) => {
    if (pinnedTab != null) return;
    const win = await browser.windows.getCurrent();
    if (info.windowId === win.id) show(await browser.tabs.get(info.tabId));
  };
  const onUpdated = (id: number, change: Browser.tabs.OnUpdatedInfo, tab: Browser.tabs.Tab) => {
    if (id === tabId && (change.status || change.url)) show(tab);
  };
  browser.tabs.onActivated.addListener(onActivated);
  browser.tabs.onUpdated.addListener(onUpdated);

  // Inside a promise: Firefox throws at once (not a rejection) for a tab id it does not know, like -1.
  const start = Promise.resolve().then(() => (pinnedTab != null ? browser.tabs.get(pinnedTab) : browser.tabs.query({ active: true, currentWindow: true }).then((t) => t[0])));
  start.then(
    (tab) => (tab ? show(tab) : onView({ kind: 'not-thread', url: null })),
    (err: Error) => onView({ kind: 'error', code: 'no-tab', detail: err.message }),
  );

  return () => {
    generation++;
    drop();
    browser.tabs.onActivated.removeListener(onActivated);
    browser.tabs.onUpdated.removeListener(onUpdated);
  };
}

/** Reload the panel's tab (when the content script is not there yet, e.g. the page was open before install). */
export function reloadTab(tabId: number) {
  void browser.tabs.reload(tabId);
}

/** Asks the page to show comment `commentId`; false when that comment is not on the open page. */
export async function revealOnPage(tabId: number, commentId: number): Promise<boolean> {
  const raw: unknown = await browser.tabs.sendMessage(tabId, { type: 'reveal', commentId } satisfies RevealRequest);
  return RevealResult.parse(raw).found;
}

import '@/lib/boot-mark';
import '@/lib/zod-config';
import { JOB_PORT, readPanelMessage, type BackgroundToPanel } from '@/lib/messages/job';
import { isExtensionPage } from '@/lib/messages/sender';
import { SettingsRequest, type KeyStatus, type TestResult } from '@/lib/messages/settings';
import { ApiKeys, indexedDbVault, keyHint } from '@/lib/storage/api-key';
import { saveProfile } from '@/lib/storage/endpoints';
import { activeJobIds } from '@/lib/storage/jobs';
import { loadSettings, watchSettings } from '@/lib/storage/settings';
import { SummaryStore } from '@/lib/storage/summaries';
import { testConnection } from '@/lib/summarize/connection';
import { SummaryManager } from '@/lib/summarize/manager';
import { chatConfig, makeProvider, modelOf } from '@/lib/summarize/providers';

const RESUME_ALARM = 'hn-matome/resume';
const MB = 1024 * 1024;

export default defineBackground(() => {
  // Chrome: the toolbar icon opens the side panel for the tab it was clicked in.
  if (import.meta.env.CHROME) {
    browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch((err: unknown) => console.error('setPanelBehavior', err));
  }
  // Firefox: the icon toggles the sidebar (the call must happen inside the click's user gesture).
  if (import.meta.env.FIREFOX) {
    // Firefox-only API, absent from the Chrome types WXT gives `browser`.
    const { sidebarAction } = browser as unknown as { sidebarAction: { toggle(): Promise<void> } };
    browser.action.onClicked.addListener(() => void sidebarAction.toggle());
  }

  // Keys live in this worker's own IndexedDB (content scripts cannot read it), one per endpoint origin.
  const keys = new ApiKeys(indexedDbVault());
  const store = new SummaryStore(4 * MB);
  const manager = new SummaryManager({
    store,
    settings: loadSettings,
    modelOf,
    provider: async (s, hooks) => makeProvider(s, await keys.forEndpoint(s.baseUrl), hooks),
  });
  void loadSettings().then((s) => {
    store.capBytes = s.cacheMB * MB;
    // A key an earlier version left in storage.local moves out of it at once.
    return keys.migrate(s.baseUrl);
  });
  watchSettings((s) => {
    store.capBytes = s.cacheMB * MB;
    // Open panels show their threads as they stand for the new settings, every summary kept.
    void manager.settingsChanged();
  });

  // The panel's port to one thread: a snapshot, then every change. The job goes on when the port closes. Only the
  // extension's own pages may open one: a content script (or a page that got hold of one) is refused.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== JOB_PORT) return;
    if (!isExtensionPage(port.sender)) return port.disconnect();
    let storyId: number | null = null;
    let unsubscribe: (() => void) | null = null;
    let closed = false;
    const listener = (out: BackgroundToPanel) => port.postMessage(out);
    port.onDisconnect.addListener(() => {
      closed = true;
      unsubscribe?.();
    });
    port.onMessage.addListener(async (raw: unknown) => {
      const msg = readPanelMessage(raw);
      if (!msg) return console.warn('ignored a message from the panel');
      if (msg.dropped) console.warn(`left out ${msg.dropped} comments the panel sent that do not validate`);
      const m = msg.message;
      if (m.type === 'open') {
        unsubscribe?.();
        storyId = m.story.id;
        const off = await manager.open(m.story, m.comments, listener);
        if (closed) off();
        else unsubscribe = off;
        void keepAwake();
      } else if (m.type === 'texts') {
        if (storyId != null) manager.texts(storyId, m.comments, listener);
      } else if (m.type === 'focus') {
        if (storyId != null) manager.focus(storyId, m.ids);
      } else if (storyId != null) {
        if (m.type === 'start') await manager.start(storyId, m.confirmed, m.ids);
        else if (m.type === 'cancel') manager.cancel(storyId);
        else if (m.type === 'retry') await manager.retry(storyId, m.ids);
        else if (m.type === 'overview') void manager.overview(storyId);
        else if (m.type === 'ask') void manager.ask(storyId, m.question, m.send);
        else await manager.clearAnswers(storyId, m.id);
        void keepAwake();
      }
    });
  });

  // Settings and the key: from the extension's own pages only.
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    if (!isExtensionPage(sender)) return undefined;
    const req = SettingsRequest.safeParse(raw);
    if (!req.success) return undefined;
    return answer(req.data);
  });

  async function answer(req: SettingsRequest): Promise<KeyStatus | TestResult> {
    if (req.type === 'key:set') await keys.save(req.baseUrl, req.key);
    const s = await loadSettings();
    if (req.type === 'endpoint:test') {
      if (s.provider !== 'openai') return { ok: true, problem: null, models: [], model: 'chrome-built-in', mode: 'schema', ignoresFormat: false, contextWindow: null, contextSource: 'none' };
      // A fresh probe from the preset's first step: what the endpoint takes today, remembered for the jobs.
      return testConnection({
        ...chatConfig(s, await keys.forEndpoint(s.baseUrl)),
        timeoutMs: Math.min(s.timeoutMs, 15_000),
        profile: null,
        remember: (p, model) => void saveProfile(s.baseUrl, model, p),
      });
    }
    const key = await keys.forEndpoint(s.baseUrl);
    return { set: !!key, hint: keyHint(key) };
  }

  // Chrome stops idle workers: while a job is unfinished, a timer wakes the worker to resume it.
  async function keepAwake() {
    if ((await activeJobIds()).length) await browser.alarms.create(RESUME_ALARM, { periodInMinutes: 0.5 });
    else await browser.alarms.clear(RESUME_ALARM);
  }
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RESUME_ALARM) void manager.resumeAll().then(keepAwake);
  });
  void manager.resumeAll().then(keepAwake);
  performance.mark('hn-matome:worker-ready');
});

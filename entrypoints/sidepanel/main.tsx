import '@/lib/zod-config';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Panel, type PanelActions } from '@/components/Panel';
import { SettingsView } from '@/components/SettingsView';
import { resolveLang, setLang, t } from '@/lib/i18n';
import type { KeyStatus } from '@/lib/messages/settings';
import { visibleItems } from '@/lib/digest/digest';
import { keyAction } from '@/lib/panel/keys';
import type { PanelView } from '@/lib/panel/view';
import { followThread, reloadTab, revealOnPage } from './follow-thread';
import { keyStatus, saveAll, testEndpoint, useBuiltIn, useSettings } from './settings-glue';
import { useDigest } from './use-digest';
import { useSummaries } from './use-summaries';
import './style.css';

function App() {
  const [view, setView] = useState<PanelView>({ kind: 'starting' });
  const [notice, setNotice] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [key, setKey] = useState<KeyStatus>({ set: false, hint: null });
  const [models, setModels] = useState<string[]>([]);
  const settings = useSettings();
  setLang(resolveLang(settings?.lang ?? 'auto'));
  const builtIn = useBuiltIn();
  const summaries = useSummaries();
  const thread = view.kind === 'ready' ? view.thread : null;
  const tabId = view.kind === 'ready' ? view.tabId : null;
  const digest = useDigest(thread, tabId, summaries.state, settings);

  useEffect(
    () =>
      followThread((v) => {
        // Another thread (or none): its summaries are asked for before the panel renders the thread.
        if (v.kind === 'ready' || v.kind === 'not-thread' || v.kind === 'reading') summaries.follow(v.kind === 'ready' ? v.thread : null);
        setNotice(null);
        setView(v);
      }),
    [],
  );
  useEffect(() => void keyStatus().then(setKey, () => undefined), [settingsOpen]);

  const reveal = (tab: number, commentId: number) =>
    revealOnPage(tab, commentId).then(
      (found) => setNotice(found ? null : t('notOnPage')),
      (err: Error) => setNotice(t('revealFailed', { error: err.message })),
    );

  const actions: PanelActions = {
    ...digest.actions,
    reveal,
    reload: reloadTab,
    start: summaries.start,
    cancel: summaries.cancel,
    retry: summaries.retry,
    openSettings: () => setSettingsOpen(true),
  };

  // The keyboard: j/k move between cards, x picks, e edits, c recolours, Enter reveals, Ctrl/⌘+E exports, ? helps.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const action = keyAction({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, targetTag: target?.tagName, targetEditable: target?.isContentEditable });
      if (!action || settingsOpen || !thread) return;
      const ids = visibleItems(digest.view.items, digest.view.filter).map((i) => i.comment.id);
      const at = digest.view.focused == null ? -1 : ids.indexOf(digest.view.focused);
      const focusOn = (id: number | undefined) => {
        if (id == null) return;
        digest.actions.focus(id);
        // A long list renders the card once it is scrolled to (VirtualList follows `focused`).
        requestAnimationFrame(() => {
          const el = document.querySelector<HTMLElement>(`[data-testid="card"][data-comment-id="${id}"]`);
          el?.focus({ preventScroll: true });
          el?.scrollIntoView({ block: 'nearest' });
        });
      };
      const id = digest.view.focused;
      e.preventDefault();
      switch (action) {
        case 'next':
          return focusOn(ids[Math.min(ids.length - 1, at + 1)]);
        case 'prev':
          return focusOn(ids[Math.max(0, at - 1)]);
        case 'toggle':
          return id != null && digest.actions.toggle(id);
        case 'edit':
          return id != null && digest.actions.edit(id);
        case 'color':
          return id != null && digest.actions.cycleColor(id);
        case 'reveal':
          return id != null && tabId != null && void reveal(tabId, id);
        case 'export':
          return digest.actions.export();
        case 'help':
          return digest.actions.help(true);
        case 'close':
          digest.actions.help(false);
          return digest.actions.edit(null);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  return (
    <>
      <nav class="toolbar">
        <span class="brand">HN Matome</span>
        <button type="button" class="icon" aria-label={t('settings')} aria-pressed={settingsOpen} data-testid="open-settings" onClick={() => setSettingsOpen(!settingsOpen)}>
          ⚙
        </button>
      </nav>
      {settingsOpen && settings ? (
        <SettingsView
          settings={settings}
          keyStatus={key}
          builtIn={builtIn}
          models={models}
          onSave={async (patch, k) => {
            const msg = await saveAll(patch, k);
            setKey(await keyStatus());
            return msg;
          }}
          onTest={async () => {
            const r = await testEndpoint();
            setModels(r.models);
            return r;
          }}
          onDownloadBuiltIn={builtIn.download}
          onClose={() => setSettingsOpen(false)}
        />
      ) : (
        <Panel view={view} notice={notice} digest={digest.view} actions={actions} />
      )}
    </>
  );
}

render(<App />, document.getElementById('app')!);

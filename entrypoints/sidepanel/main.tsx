import '@/lib/zod-config';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Panel, type PanelActions } from '@/components/Panel';
import { SettingsView } from '@/components/SettingsView';
import type { KeyStatus } from '@/lib/messages/settings';
import type { PanelView } from '@/lib/panel/view';
import { followThread, reloadTab, revealOnPage } from './follow-thread';
import { keyStatus, saveAll, testEndpoint, useBuiltIn, useSettings } from './settings-glue';
import { useSummaries } from './use-summaries';
import './style.css';

function App() {
  const [view, setView] = useState<PanelView>({ kind: 'starting' });
  const [notice, setNotice] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [key, setKey] = useState<KeyStatus>({ set: false, hint: null });
  const [models, setModels] = useState<string[]>([]);
  const settings = useSettings();
  const builtIn = useBuiltIn();
  const summaries = useSummaries();
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

  const actions: PanelActions = {
    reveal: (tabId, commentId) =>
      revealOnPage(tabId, commentId).then(
        (found) => setNotice(found ? null : 'That comment is not on the open HN page (it is on another page of the thread).'),
        (err: Error) => setNotice(`Could not show the comment on the page: ${err.message}`),
      ),
    reload: reloadTab,
    start: summaries.start,
    cancel: summaries.cancel,
    retry: summaries.retry,
    openSettings: () => setSettingsOpen(true),
  };

  return (
    <>
      <nav class="toolbar">
        <span class="brand">HN Matome</span>
        <button type="button" class="icon" aria-label="Settings" aria-pressed={settingsOpen} data-testid="open-settings" onClick={() => setSettingsOpen(!settingsOpen)}>
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
        <Panel view={view} notice={notice} summaries={summaries.state} digestSize={settings?.digestSize ?? 60} actions={actions} />
      )}
    </>
  );
}

render(<App />, document.getElementById('app')!);

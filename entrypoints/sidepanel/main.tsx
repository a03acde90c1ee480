import '@/lib/zod-config';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Panel, type PanelActions } from '@/components/Panel';
import type { PanelView } from '@/lib/panel/view';
import { followThread, reloadTab, revealOnPage } from './follow-thread';
import './style.css';

function App() {
  const [view, setView] = useState<PanelView>({ kind: 'starting' });
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => followThread((v) => (setNotice(null), setView(v))), []);
  const actions: PanelActions = {
    reveal: (tabId, commentId) =>
      revealOnPage(tabId, commentId).then(
        (found) => setNotice(found ? null : 'That comment is not on the open HN page (it is on another page of the thread).'),
        (err: Error) => setNotice(`Could not show the comment on the page: ${err.message}`),
      ),
    reload: reloadTab,
  };
  return <Panel view={view} notice={notice} actions={actions} />;
}

render(<App />, document.getElementById('app')!);

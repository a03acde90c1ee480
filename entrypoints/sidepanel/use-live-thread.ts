import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { PanelView } from '@/lib/panel/view';
import { followThread, reloadTab, revealOnPage } from './follow-thread';
import { useSummaries } from './use-summaries';

/**
 * The thread in the panel's tab: read from the page as the user moves between tabs and threads, its summaries from
 * the background, and the page to show a comment on.
 */
export function useLiveThread() {
  const [view, setView] = useState<PanelView>({ kind: 'starting' });
  const [notice, setNotice] = useState<string | null>(null);
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

  const tabId = view.kind === 'ready' ? view.tabId : null;
  return {
    view,
    notice,
    summaries,
    tabId,
    thread: view.kind === 'ready' ? view.thread : null,
    /** Shows the comment on the page; says so when it is not on the open page. */
    reveal: (tab: number, commentId: number) =>
      void revealOnPage(tab, commentId).then(
        (found) => setNotice(found ? null : t('notOnPage')),
        (err: Error) => setNotice(t('revealFailed', { error: err.message })),
      ),
    reload: reloadTab,
  };
}

import '@/lib/zod-config';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Panel, type PanelActions } from '@/components/Panel';
import { FavoritesView } from '@/components/FavoritesView';
import { SettingsView } from '@/components/SettingsView';
import { noEdits } from '@/lib/digest/edits';
import { openFavorite, withEdit } from '@/lib/favorites/open';
import type { Favorite } from '@/lib/favorites/schema';
import { idleJob } from '@/lib/summarize/card';
import { getFavorite, updateFavorite } from '@/lib/storage/favorites';
import type { EditOp } from '@/lib/digest/edits';
import { resolveLang, setLang, t } from '@/lib/i18n';
import type { KeyStatus } from '@/lib/messages/settings';
import { visibleItems } from '@/lib/digest/digest';
import { keyAction } from '@/lib/panel/keys';
import type { PanelView } from '@/lib/panel/view';
import { followThread, reloadTab, revealOnPage } from './follow-thread';
import { keyStatus, saveAll, testEndpoint, useBuiltIn, useSettings } from './settings-glue';
import { useDigest } from './use-digest';
import { useFavorites } from './use-favorites';
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
  const favorites = useFavorites();
  const [favOpen, setFavOpen] = useState(false);
  const [opened, setOpened] = useState<Favorite | null>(null);
  const shelf = useMemo(() => (opened ? openFavorite(opened) : null), [opened]);
  const live = view.kind === 'ready' ? view.thread : null;
  const thread = shelf?.thread ?? live;
  const tabId = !shelf && view.kind === 'ready' ? view.tabId : null;
  // A favourite opened from the shelf brings its own cards and edits: no page, no model, no background job.
  const summariesState = useMemo(
    () =>
      shelf
        ? { storyId: shelf.thread.story.id, cards: shelf.cards, drafts: new Map(), meta: shelf.meta, model: null, job: { ...idleJob(shelf.cards.size), status: 'done' as const, done: shelf.cards.size }, connected: false }
        : summaries.state,
    [shelf, summaries.state],
  );
  const source = useMemo(
    () =>
      opened && shelf
        ? { edits: shelf.edits, apply: async (op: EditOp) => { const f = await updateFavorite(opened.kind, opened.id, (x) => withEdit(x, op)); return f ? openFavorite(f).edits : null; } }
        : null,
    [opened, shelf],
  );
  const digest = useDigest(thread, tabId, summariesState, settings, source, (op) => live && !opened && void favorites.updateThread(live.story.id, op));

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
    resummarise: summaries.resummarise,
    cancel: summaries.cancel,
    retry: summaries.retry,
    openSettings: () => setSettingsOpen(true),
    starThread: () => {
      if (!thread) return;
      if (opened) {
        // Unstarring what is open from the shelf: back to the shelf, with undo there.
        favorites.remove(opened.kind, opened.id);
        setOpened(null);
        return;
      }
      favorites.toggleThread(thread, summariesState.cards, summariesState.meta, digest.edits ?? noEdits(thread.story.id));
    },
    starCard: (id) => {
      const item = digest.items.find((i) => i.comment.id === id);
      if (thread && item) favorites.toggleCard(thread, item);
    },
  };
  const digestView = {
    ...digest.view,
    starredThread: !!thread && (opened ? true : favorites.isStarred('thread', thread.story.id)),
    starredCards: new Set(digest.items.filter((i) => favorites.isStarred('card', i.comment.id)).map((i) => i.comment.id)),
    offline: !!opened,
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
        <span>
        <button
          type="button"
          class="icon"
          aria-label={t('favorites')}
          aria-pressed={favOpen || !!opened}
          data-testid="open-favorites"
          onClick={() => {
            if (opened) setOpened(null);
            else {
              setFavOpen(!favOpen);
              if (!favOpen) void favorites.loadSearch();
            }
            setSettingsOpen(false);
          }}
        >
          ★
        </button>
        <button type="button" class="icon" aria-label={t('settings')} aria-pressed={settingsOpen} data-testid="open-settings" onClick={() => setSettingsOpen(!settingsOpen)}>
          ⚙
        </button>
        </span>
      </nav>
      {settingsOpen && settings ? (
        <SettingsView
          settings={settings}
          keyStatus={key}
          builtIn={builtIn}
          models={models}
          onSave={async (patch, k) => {
            const saved = await saveAll(patch, k);
            setKey(await keyStatus());
            return saved;
          }}
          onTest={async () => {
            const r = await testEndpoint();
            setModels(r.models);
            return r;
          }}
          onDownloadBuiltIn={builtIn.download}
          onClose={() => setSettingsOpen(false)}
        />
      ) : opened && shelf ? (
        <Panel view={{ kind: 'ready', tabId: -1, thread: shelf.thread, notice: null }} notice={notice} digest={digestView} actions={actions} />
      ) : favOpen ? (
        <FavoritesView
          {...favorites.view}
          onOpen={async (e) => {
            const f = await getFavorite(e.kind, e.id);
            if (f) setOpened(f);
          }}
          onClose={() => setFavOpen(false)}
        />
      ) : (
        <Panel view={view} notice={notice} digest={digestView} actions={actions} />
      )}
    </>
  );
}

render(<App />, document.getElementById('app')!);

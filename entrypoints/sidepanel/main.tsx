import '@/lib/zod-config';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { FavoritesView } from '@/components/FavoritesView';
import { Panel, type PanelActions, type PanelProps } from '@/components/Panel';
import { SettingsView } from '@/components/SettingsView';
import { visibleItems } from '@/lib/digest/digest';
import { noEdits } from '@/lib/digest/edits';
import { overviewMarkdown } from '@/lib/export/overview-markdown';
import { resolveLang, setLang, t } from '@/lib/i18n';
import { CardRegistry } from '@/lib/panel/cards';
import { useSettings } from './settings-glue';
import { useDigest } from './use-digest';
import { useEndpoint } from './use-endpoint';
import { useFavorites } from './use-favorites';
import { useKeyboard } from './use-keyboard';
import { useReaderFocus } from './use-reader-focus';
import { useLiveThread } from './use-live-thread';
import { useOpenedFavorite } from './use-opened-favorite';
import './style.css';

/** The side panel: the thread in its tab (or a favourite opened from the shelf), the shelf, and Settings. */
function App() {
  const settings = useSettings();
  setLang(resolveLang(settings?.lang ?? 'auto'));
  const endpoint = useEndpoint(settings);
  const live = useLiveThread();
  const fav = useOpenedFavorite();
  const favorites = useFavorites();
  const cards = useMemo(() => new CardRegistry(), []);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [shelfOpen, setShelfOpen] = useState(false);

  const view = fav.view ?? live.view;
  const thread = fav.view?.thread ?? live.thread;
  const tabId = fav.view ? null : live.tabId;
  const summaries = fav.summaries ?? live.summaries.state;
  // A starred thread's favourite follows the edits made on the live thread.
  const digest = useDigest(thread, tabId, summaries, settings, fav.source, (op) => live.thread && !fav.opened && void favorites.updateThread(live.thread.story.id, op));
  const threadShown = !settingsOpen && (!!fav.opened || !shelfOpen);
  // A starred thread's favourite keeps its overview and answers as they are written, asked or cleared.
  const liveInsights = fav.opened ? null : live.summaries.state;
  useEffect(() => {
    if (liveInsights?.storyId != null) void favorites.updateInsights(liveInsights.storyId, liveInsights.overview.entry, liveInsights.ask.answers);
  }, [liveInsights?.overview.entry, liveInsights?.ask.answers]);
  // Editor mode: a scored card the reader puts in the digest (a click or `x`) is written in Japanese.
  const toggle = (id: number) => {
    const item = digest.view.items.find((i) => i.comment.id === id);
    digest.actions.toggle(id);
    if (!fav.opened && item && !item.selected && item.card?.status === 'scored') live.summaries.resummarise([id]);
  };
  const picking = { ...digest, actions: { ...digest.actions, toggle } };
  useKeyboard(threadShown && !!thread, picking, cards, tabId == null ? null : (id) => live.reveal(tabId, id));
  useReaderFocus(
    !fav.opened && summaries.job.status === 'running',
    cards,
    () => digest.view.items.filter((i) => i.selected).map((i) => i.comment.id),
    live.summaries.focus,
  );

  const actions: PanelActions = {
    ...picking.actions,
    reveal: live.reveal,
    reload: live.reload,
    start: live.summaries.start,
    resummarise: live.summaries.resummarise,
    cancel: live.summaries.cancel,
    retry: live.summaries.retry,
    openSettings: () => setSettingsOpen(true),
    jump: (id) => {
      digest.actions.focus(id);
      void cards.show(id, 'start');
    },
    writeOverview: live.summaries.writeOverview,
    question: live.summaries.question,
    ask: live.summaries.ask,
    clearAnswer: live.summaries.clearAnswer,
    cite: (id) => {
      // A card the filter hides is shown: the citation must lead somewhere.
      if (!visibleItems(digest.view.items, digest.view.filter).some((i) => i.comment.id === id)) digest.actions.filter('all');
      digest.actions.focus(id);
      void cards.show(id, 'start');
      if (tabId != null) live.reveal(tabId, id);
    },
    copyOverview: async () => {
      const e = summaries.overview.entry;
      if (!e || !thread) return false;
      const users = new Map(thread.comments.map((c) => [c.id, c.by]));
      const md = overviewMarkdown({ title: digest.view.title ?? thread.story.title, storyId: thread.story.id, mood: e.mood, disagreement: e.disagreement, points: e.points, nameOf: (id) => users.get(id) ?? null });
      return navigator.clipboard.writeText(md).then(
        () => true,
        () => false,
      );
    },
    starThread: () => {
      if (!thread) return;
      if (fav.opened) {
        // Unstarring what is open from the shelf: back to the shelf, with undo there.
        favorites.remove(fav.opened.kind, fav.opened.id);
        return fav.close();
      }
      favorites.toggleThread(thread, summaries, digest.edits ?? noEdits(thread.story.id));
    },
    starCard: (id) => {
      const item = digest.items.find((i) => i.comment.id === id);
      if (thread && item) favorites.toggleCard(thread, item);
    },
  };
  const digestView = {
    ...digest.view,
    starredThread: !!thread && (fav.opened ? true : favorites.isStarred('thread', thread.story.id)),
    starredCards: new Set(digest.items.filter((i) => favorites.isStarred('card', i.comment.id)).map((i) => i.comment.id)),
  };
  const setup: PanelProps['setup'] =
    endpoint.usable === null || !settings
      ? 'checking'
      : endpoint.usable
        ? null
        : {
            settings,
            keyStatus: endpoint.key,
            builtIn: endpoint.builtIn,
            models: endpoint.models,
            onConnect: endpoint.connect,
            onUseBuiltIn: endpoint.useBuiltIn,
            onDownloadBuiltIn: endpoint.builtIn.download,
            onSettings: () => setSettingsOpen(true),
          };

  return (
    <>
      <nav class="toolbar">
        <span class="brand">HN Matome</span>
        <span>
          <button
            type="button"
            class="icon"
            aria-label={t('favorites')}
            aria-pressed={shelfOpen || !!fav.opened}
            data-testid="open-favorites"
            onClick={() => {
              setSettingsOpen(false);
              // From an opened favourite: back to the shelf.
              if (fav.opened) return fav.close();
              setShelfOpen(!shelfOpen);
              if (!shelfOpen) void favorites.loadSearch();
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
          keyStatus={endpoint.key}
          builtIn={endpoint.builtIn}
          models={endpoint.models}
          onSave={endpoint.save}
          onConnect={endpoint.connect}
          onDownloadBuiltIn={endpoint.builtIn.download}
          onClose={() => setSettingsOpen(false)}
        />
      ) : threadShown ? (
        <Panel view={view} notice={live.notice} digest={digestView} actions={actions} setup={setup} cards={cards} connected={endpoint.connected} />
      ) : (
        <FavoritesView {...favorites.view} onOpen={(e) => void fav.open(e.kind, e.id)} onClose={() => setShelfOpen(false)} />
      )}
    </>
  );
}

render(<App />, document.getElementById('app')!);

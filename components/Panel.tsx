import { visibleItems, type DigestItem } from '@/lib/digest/digest';
import type { Thread } from '@/lib/hn/thread';
import { t } from '@/lib/i18n';
import type { SummariesState } from '@/lib/panel/summaries';
import type { PanelView } from '@/lib/panel/view';
import { CommentCard } from './CommentCard';
import { DigestToolbar, type Filter } from './DigestToolbar';
import { ExportResult } from './ExportResult';
import { HelpOverlay } from './HelpOverlay';
import { Legend } from './Legend';
import { StatusView } from './StatusView';
import { SummaryBar } from './SummaryBar';
import { ThreadHeader } from './ThreadHeader';
import { ThreadMap } from './ThreadMap';
import { VirtualList } from './VirtualList';

/** Longer lists render only what is near the view. */
export const VIRTUAL_OVER = 150;

/** A first guess at a card's height from its text, until it is measured. */
const estimate = (i: DigestItem) => 62 + Math.ceil((i.body ?? i.comment.text).length / 26) * 22;

export interface PanelActions {
  reveal: (tabId: number, commentId: number) => void;
  reload: (tabId: number) => void;
  start: (confirmed: boolean) => void;
  cancel: () => void;
  retry: (ids: number[]) => void;
  openSettings: () => void;
  toggle: (id: number) => void;
  edit: (id: number | null) => void;
  body: (id: number, body: string) => void;
  color: (id: number, color: string) => void;
  title: (title: string) => void;
  tags: (tags: string[]) => void;
  filter: (f: Filter) => void;
  pageOverlay: (on: boolean) => void;
  export: () => void;
  closeExport: () => void;
  help: (open: boolean) => void;
  focus: (id: number) => void;
  starThread: () => void;
  starCard: (id: number) => void;
  /** Back to the automatic pick: the user's ticks and unticks forgotten. */
  automatic: () => void;
  /** Re-summarises exactly these comments with the model set now. */
  resummarise: (ids: number[]) => void;
}

/** Everything the panel shows for a thread beyond the thread itself. */
export interface DigestView {
  summaries: SummariesState;
  items: DigestItem[];
  title: string | null;
  tags: string[] | null;
  filter: Filter;
  pageOverlay: boolean;
  focused: number | null;
  editing: number | null;
  exported: { message: string; markdown: string | null; fileName: string; leftOut: number } | null;
  help: boolean;
  /** A moment's word on a card (a change put it into the digest). */
  notes: ReadonlyMap<number, string>;
  /** How many ticks and unticks are over the automatic pick (0: it is the automatic pick). */
  overrides: number;
  /** Summaries the HN page could not show under their comments (e.g. too long): said, the rest placed. */
  overlayLeftOut: number;
  starredThread: boolean;
  starredCards: ReadonlySet<number>;
  /** Opened from the favourites: there is no page to reveal comments on. */
  offline: boolean;
}

export interface PanelProps {
  view: PanelView;
  notice: string | null;
  digest: DigestView;
  actions: PanelActions;
}

/** The whole side panel for one view of its tab. Renders only; the entrypoint wires the actions. */
export function Panel({ view, notice, digest, actions }: PanelProps) {
  switch (view.kind) {
    case 'starting':
      return <StatusView title={t('starting')} busy />;
    case 'not-thread':
      return <StatusView title={t('notThread')}>{t('notThreadBody')}</StatusView>;
    case 'loading':
      return <StatusView title={t('loading')} busy />;
    case 'unreachable':
      return (
        <StatusView title={t('unreachable')} action={{ label: t('reload'), run: () => actions.reload(view.tabId) }}>
          {t('unreachableBody')}
        </StatusView>
      );
    case 'reading':
      return (
        <StatusView title={t('reading')} busy>
          <span data-testid="progress">{view.next ? t('readingPages', { page: view.page, comments: view.comments }) : t('readingCount', { comments: view.comments })}</span>
        </StatusView>
      );
    case 'error':
      return (
        <StatusView title={t('readFailed')} error>
          <pre class="error-detail">{view.message}</pre>
        </StatusView>
      );
    case 'ready':
      return <ThreadView thread={view.thread} tabId={view.tabId} notes={[view.notice, notice]} d={digest} actions={actions} />;
  }
}

function ThreadView({ thread, tabId, notes, d, actions }: { thread: Thread; tabId: number; notes: (string | null)[]; d: DigestView; actions: PanelActions }) {
  const s = d.summaries;
  const pending = s.job.total - s.job.done;
  const stale = d.items.filter((i) => i.card?.status === 'done' && (i.card.stale === 'model' || i.card.stale === 'prompt')).map((i) => i.comment.id);
  const shown = visibleItems(d.items, d.filter);
  const picked = d.items.filter((i) => i.selected).length;
  return (
    <main>
      <ThreadHeader story={thread.story} shown={thread.comments.length} title={d.title} tags={d.tags} onTitle={actions.title} onTags={actions.tags} starred={d.starredThread} onStar={actions.starThread} />
      {d.offline && (
        <p class="notice" role="status" data-testid="offline">
          {t('offline')}
        </p>
      )}
      {notes.filter(Boolean).map((n) => (
        <p class="notice" role="status">
          {n}
        </p>
      ))}
      {thread.comments.length > 0 && !d.offline && (
        <SummaryBar
          job={s.job}
          pending={pending}
          connected={s.connected}
          onStart={actions.start}
          onCancel={actions.cancel}
          onSettings={actions.openSettings}
          stale={stale.length}
          model={s.model}
          onResummarise={() => actions.resummarise(stale)}
        />
      )}
      {s.job.done > 0 && (
        <>
          <Legend />
          <ThreadMap items={d.items} onJump={actions.focus} />
          <DigestToolbar
            filter={d.filter}
            onFilter={actions.filter}
            pageOverlay={d.pageOverlay}
            onPageOverlay={actions.pageOverlay}
            picked={picked}
            overrides={d.overrides}
            onAutomatic={actions.automatic}
            onExport={actions.export}
            onHelp={() => actions.help(true)}
          />
        </>
      )}
      {d.overlayLeftOut > 0 && (
        <p class="notice" role="status" data-testid="overlay-left-out">
          {t('overlayLeftOut', { n: d.overlayLeftOut })}
        </p>
      )}
      {d.exported && <ExportResult {...d.exported} onClose={actions.closeExport} />}
      {d.help && <HelpOverlay onClose={() => actions.help(false)} />}
      {thread.comments.length === 0 ? (
        <StatusView title={t('noComments')}>{t('noCommentsBody')}</StatusView>
      ) : (
        (() => {
          const card = (item: DigestItem) => (
            <CommentCard
              item={item}
              draft={s.drafts.get(item.comment.id)}
              focused={d.focused === item.comment.id}
              editing={d.editing === item.comment.id}
              onReveal={(id) => {
                actions.focus(id);
                if (!d.offline) actions.reveal(tabId, id);
              }}
              onRetry={(id) => actions.retry([id])}
              onToggle={actions.toggle}
              onEdit={actions.edit}
              onBody={actions.body}
              onColor={actions.color}
              starred={d.starredCards.has(item.comment.id)}
              onStar={actions.starCard}
              note={d.notes.get(item.comment.id)}
              onResummarise={d.offline ? undefined : (id) => actions.resummarise([id])}
            />
          );
          return shown.length > VIRTUAL_OVER ? (
            <VirtualList items={shown} keyOf={(i) => i.comment.id} estimate={estimate} render={card} scrollTo={d.focused} />
          ) : (
            <ol class="cards" data-testid="cards" data-count={shown.length}>
              {shown.map((item) => (
                <li key={item.comment.id}>{card(item)}</li>
              ))}
            </ol>
          );
        })()
      )}
    </main>
  );
}

import { visibleItems, type DigestItem } from '@/lib/digest/digest';
import type { Thread } from '@/lib/hn/thread';
import { problemText, t, testResultText } from '@/lib/i18n';
import type { TestResult } from '@/lib/messages/settings';
import type { SummariesState } from '@/lib/panel/summaries';
import type { ReadStop } from '@/lib/hn/pages';
import type { CardRegistry } from '@/lib/panel/cards';
import type { PanelView, ViewProblem } from '@/lib/panel/view';
import type { Problem } from '@/lib/messages/problem';
import { CommentCard } from './CommentCard';
import { DigestToolbar, type Filter } from './DigestToolbar';
import { ExportResult } from './ExportResult';
import { HelpOverlay } from './HelpOverlay';
import { Legend } from './Legend';
import { AskBox } from './AskBox';
import { OverviewPanel } from './OverviewPanel';
import { MIN_SUMMARIES } from '@/lib/overview/state';
import { SetupCard, type SetupCardProps } from './SetupCard';
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
  /** Brings a card (a subtree, from the thread map) to the top of the view. */
  jump: (id: number) => void;
  starThread: () => void;
  starCard: (id: number) => void;
  /** Back to the automatic pick: the user's ticks and unticks forgotten. */
  automatic: () => void;
  /** Re-summarises exactly these comments with the model set now. */
  resummarise: (ids: number[]) => void;
  writeOverview: () => void;
  /** A question as it is typed (estimated), and sent. */
  question: (q: string) => void;
  ask: (q: string) => void;
  clearAnswer: (id: string | null) => void;
  /** Shows a cited comment: its card, and the comment on the page. */
  cite: (id: number) => void;
  /** The overview as Markdown on the clipboard; false when the clipboard refused. */
  copyOverview: () => Promise<boolean>;
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
}

export interface PanelProps {
  view: PanelView;
  notice: string | null;
  digest: DigestView;
  actions: PanelActions;
  /** Until a model is usable, the setup card stands where *Summarise* would; `checking` while that is not known yet. */
  setup: SetupCardProps | 'checking' | null;
  /** Where the cards register, for focus and scrolling. */
  cards: CardRegistry;
  /** A connection just set up and tested: said until the first job starts. */
  connected?: TestResult | null;
}

const stopText = (s: ReadStop) => (s.reason === 'limit' ? t('readStopLimit', { pages: s.pages }) : t('readStopError', { page: s.page, detail: s.detail }));
const viewProblemText = (p: ViewProblem) => t(`read_${p.code}`, { detail: p.detail ?? '' });

/** Failed cards by what failed them, leaving out the job's own stop (said once, in the bar). */
function failureGroups(items: readonly DigestItem[], stop: Problem | null): { problem: Problem; ids: number[] }[] {
  const groups = new Map<string, { problem: Problem; ids: number[] }>();
  for (const i of items) {
    if (i.card?.status !== 'error' || i.card.problem.code === stop?.code) continue;
    const g = groups.get(i.card.problem.code) ?? { problem: i.card.problem, ids: [] };
    g.ids.push(i.comment.id);
    groups.set(i.card.problem.code, g);
  }
  return [...groups.values()];
}

/** The whole side panel for one view of its tab. Renders only; the entrypoint wires the actions. */
export function Panel({ view, notice, digest, actions, setup, cards, connected }: PanelProps) {
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
          <pre class="error-detail">{viewProblemText(view)}</pre>
        </StatusView>
      );
    case 'ready':
      return (
        <ThreadView
          thread={view.thread}
          tabId={view.tabId}
          notes={[view.stopped && stopText(view.stopped), view.leftOut ? t('commentsLeftOut', { n: view.leftOut }) : null, notice]}
          d={digest}
          actions={actions}
          setup={setup}
          cards={cards}
          connected={connected}
        />
      );
    case 'favorite':
      return <ThreadView thread={view.thread} tabId={null} favorite={view.favorite} notes={[notice]} d={digest} actions={actions} setup={null} cards={cards} />;
  }
}

interface ThreadViewProps {
  thread: Thread;
  /** The page's tab; null for a favourite (no page, no model). */
  tabId: number | null;
  favorite?: 'thread' | 'card';
  notes: (string | null)[];
  d: DigestView;
  actions: PanelActions;
  setup: PanelProps['setup'];
  cards: CardRegistry;
  connected?: TestResult | null;
}

function ThreadView({ thread, tabId, favorite, notes, d, actions, setup, cards, connected }: ThreadViewProps) {
  const offline = tabId == null;
  const s = d.summaries;
  // A job under way (from another window, or just started) shows as such whatever the setup says.
  const busy = s.job.status === 'running' || s.job.status === 'confirm';
  const pending = s.job.total - s.job.done;
  const stale = d.items.filter((i) => i.card?.status === 'done' && (i.card.stale === 'model' || i.card.stale === 'prompt')).map((i) => i.comment.id);
  const shown = visibleItems(d.items, d.filter);
  // What the export holds: picks with their Japanese (a scored pick counts once it is written).
  const picked = d.items.filter((i) => i.selected && i.body != null).length;
  // The overview and questions need a model: not in a favourite, not before one is set up.
  const online = !offline && setup === null;
  const summarised = d.items.filter((i) => i.card?.status === 'done').length;
  const users = new Map(thread.comments.map((c) => [c.id, c.by]));
  const cite = { nameOf: (id: number) => users.get(id) ?? null, onCite: actions.cite };
  return (
    <main>
      <ThreadHeader
        story={thread.story}
        shown={thread.comments.length}
        card={favorite === 'card'}
        title={d.title}
        tags={d.tags}
        onTitle={actions.title}
        onTags={actions.tags}
        starred={d.starredThread}
        onStar={actions.starThread}
      />
      {offline && (
        <p class="notice" role="status" data-testid="offline">
          {t('offline')}
        </p>
      )}
      {notes.filter(Boolean).map((n) => (
        <p class="notice" role="status">
          {n}
        </p>
      ))}
      {connected && setup === null && s.job.status === 'idle' && (
        <p class="ok-note" role="status" data-testid="connected">
          {testResultText(connected)}
        </p>
      )}
      {thread.comments.length > 0 && !offline && (setup === null || busy) && (
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
          failures={failureGroups(d.items, s.job.status === 'stopped' ? s.job.problem : null)}
          onRetry={actions.retry}
        />
      )}
      {thread.comments.length > 0 && !offline && setup !== null && setup !== 'checking' && !busy && <SetupCard {...setup} />}
      <OverviewPanel
        view={s.overview}
        {...cite}
        onWrite={online && summarised >= MIN_SUMMARIES && s.job.status !== 'running' ? actions.writeOverview : undefined}
        onCopy={actions.copyOverview}
      />
      {thread.comments.length > 0 && (
        <AskBox
          view={s.ask}
          {...cite}
          onQuestion={online ? actions.question : undefined}
          onSend={online ? actions.ask : undefined}
          onRemove={offline ? undefined : actions.clearAnswer}
        />
      )}
      {d.items.some((i) => i.body != null) && (
        <>
          <Legend />
          <ThreadMap items={d.items} onJump={actions.jump} />
          <DigestToolbar
            filter={d.filter}
            onFilter={actions.filter}
            pageOverlay={offline ? null : d.pageOverlay}
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
              cardRef={cards.ref(item.comment.id)}
              onReveal={(id) => {
                actions.focus(id);
                if (tabId != null) actions.reveal(tabId, id);
              }}
              onToggle={actions.toggle}
              onEdit={actions.edit}
              onBody={actions.body}
              onColor={actions.color}
              starred={d.starredCards.has(item.comment.id)}
              onStar={actions.starCard}
              note={d.notes.get(item.comment.id)}
              onResummarise={offline ? undefined : (id) => actions.resummarise([id])}
              onRetry={offline ? undefined : (id) => actions.retry([id])}
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

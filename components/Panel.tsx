import type { ComponentChildren } from 'preact';
import type { Thread } from '@/lib/hn/thread';
import type { PanelView } from '@/lib/panel/view';
import type { SummariesState } from '@/lib/panel/summaries';
import { pickDigest } from '@/lib/summarize/digest';
import { CommentCard } from './CommentCard';
import { Legend } from './Legend';
import { StatusView } from './StatusView';
import { StoryHeader } from './StoryHeader';
import { SummaryBar } from './SummaryBar';

export interface PanelActions {
  reveal: (tabId: number, commentId: number) => void;
  reload: (tabId: number) => void;
  start: (confirmed: boolean) => void;
  cancel: () => void;
  retry: (ids: number[]) => void;
  openSettings: () => void;
}

export interface PanelProps {
  view: PanelView;
  notice: string | null;
  summaries: SummariesState;
  digestSize: number;
  actions: PanelActions;
}

/** The whole side panel for one view of its tab. Renders only; the entrypoint wires the actions. */
export function Panel({ view, notice, summaries, digestSize, actions }: PanelProps) {
  switch (view.kind) {
    case 'starting':
      return <StatusView title="Starting…" busy />;
    case 'not-thread':
      return (
        <StatusView title="Not an HN thread">
          Open a Hacker News discussion (news.ycombinator.com/item?id=…) and its comments appear here.
        </StatusView>
      );
    case 'loading':
      return <StatusView title="The page is still loading…" busy />;
    case 'unreachable':
      return (
        <StatusView title="Can't read this page yet" action={{ label: 'Reload the page', run: () => actions.reload(view.tabId) }}>
          This tab was open before HN Matome was installed or updated. Reload it once and the thread appears here.
        </StatusView>
      );
    case 'reading':
      return (
        <StatusView title="Reading the thread…" busy>
          <span data-testid="progress">
            {view.next ? `Read page ${view.page} (${view.comments} comments), fetching the next page from HN…` : `${view.comments} comments read`}
          </span>
        </StatusView>
      );
    case 'error':
      return (
        <StatusView title="Reading failed" error>
          <pre class="error-detail">{view.message}</pre>
        </StatusView>
      );
    case 'ready':
      return <ThreadView thread={view.thread} tabId={view.tabId} notes={[view.notice, notice]} summaries={summaries} digestSize={digestSize} actions={actions} />;
  }
}

function ThreadView(p: { thread: Thread; tabId: number; notes: (string | null)[]; summaries: SummariesState; digestSize: number; actions: PanelActions }) {
  const { thread, summaries: s, actions } = p;
  const order = thread.comments.map((c) => c.id);
  const digest = pickDigest(order, s.cards, p.digestSize);
  const pending = s.job.total - s.job.done;
  return (
    <main>
      <StoryHeader story={thread.story} shown={thread.comments.length} meta={s.meta} />
      {p.notes.filter(Boolean).map((n) => (
        <p class="notice" role="status">
          {n}
        </p>
      ))}
      {thread.comments.length > 0 && (
        <SummaryBar job={s.job} pending={pending} connected={s.connected} onStart={actions.start} onCancel={actions.cancel} onSettings={actions.openSettings} />
      )}
      {s.job.done > 0 && <Legend />}
      {thread.comments.length === 0 ? (
        <StatusView title="No comments yet">Nobody has commented on this story so far. Reload the page later to see new ones.</StatusView>
      ) : (
        <Cards>
          {thread.comments.map((c) => (
            <li key={c.id}>
              <CommentCard
                comment={c}
                summary={s.cards.get(c.id)}
                draft={s.drafts.get(c.id)}
                inDigest={digest.has(c.id)}
                onReveal={(id) => actions.reveal(p.tabId, id)}
                onRetry={(id) => actions.retry([id])}
              />
            </li>
          ))}
        </Cards>
      )}
    </main>
  );
}

const Cards = ({ children }: { children: ComponentChildren }) => (
  <ol class="cards" data-testid="cards">
    {children}
  </ol>
);

import type { PanelView } from '@/lib/panel/view';
import { CommentCard } from './CommentCard';
import { StatusView } from './StatusView';
import { StoryHeader } from './StoryHeader';

export interface PanelActions {
  reveal: (tabId: number, commentId: number) => void;
  reload: (tabId: number) => void;
}

/** The whole side panel for one view of its tab. Renders only; the entrypoint wires the actions. */
export function Panel({ view, notice, actions }: { view: PanelView; notice: string | null; actions: PanelActions }) {
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
    case 'ready': {
      const { thread, tabId } = view;
      const notes = [view.notice, notice].filter(Boolean);
      return (
        <main>
          <StoryHeader story={thread.story} shown={thread.comments.length} />
          {notes.map((n) => (
            <p class="notice" role="status">
              {n}
            </p>
          ))}
          {thread.comments.length === 0 ? (
            <StatusView title="No comments yet">Nobody has commented on this story so far. Reload the page later to see new ones.</StatusView>
          ) : (
            <ol class="cards" data-testid="cards">
              {thread.comments.map((c) => (
                <li key={c.id}>
                  <CommentCard comment={c} onReveal={(id) => actions.reveal(tabId, id)} />
                </li>
              ))}
            </ol>
          )}
        </main>
      );
    }
  }
}

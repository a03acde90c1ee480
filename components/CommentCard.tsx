import type { Comment } from '@/lib/hn/thread';
import type { Card } from '@/lib/summarize/card';
import { colorOf } from '@/lib/summarize/schema';
import { KIND_LABELS } from './Legend';

const STATE_LABEL = { ok: '', deleted: '[deleted]', flagged: '[flagged]', dead: '[dead]' } as const;

export interface CommentCardProps {
  comment: Comment;
  summary?: Card;
  /** The summary being written, as it streams. */
  draft?: string;
  inDigest?: boolean;
  onReveal: (id: number) => void;
  onRetry?: (id: number) => void;
}

/**
 * One comment: its Japanese summary (coloured when highlighted), or the original while there is none. Activating the
 * card reveals the comment on the HN page; the original English is one click away.
 */
export function CommentCard({ comment: c, summary, draft, inDigest, onReveal, onRetry }: CommentCardProps) {
  const reveal = () => onReveal(c.id);
  const done = summary?.status === 'done' ? summary : null;
  const color = done ? colorOf(done.kind) : '';
  return (
    <article
      class={`card state-${c.state}${color ? ' highlighted' : ''}`}
      data-testid="card"
      data-comment-id={c.id}
      data-state={c.state}
      data-color={color}
      data-summary={summary?.status ?? (draft != null ? 'writing' : 'none')}
      style={{ '--depth': Math.min(c.depth, 8), ...(color && { '--accent-color': color }) }}
      tabIndex={0}
      aria-label={`${c.by ?? 'deleted'}, depth ${c.depth}: show on the page`}
      onClick={reveal}
      onKeyDown={(e) => {
        if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault();
          reveal();
        }
      }}
    >
      <div class="card-head">
        <span class="user">{c.by ?? '—'}</span>
        {c.time && <time dateTime={`${c.time}Z`}>{c.time.replace('T', ' ')}</time>}
        {c.state !== 'ok' && <span class="badge">{STATE_LABEL[c.state]}</span>}
        {c.replies > 0 && <span class="replies">↳ {c.replies}</span>}
        {done && done.kind !== 'none' && <span class="kind">{KIND_LABELS[done.kind]}</span>}
        {inDigest && <span class="digest-mark" title="In the digest">★</span>}
      </div>
      {done ? (
        <>
          <p class="card-ja" lang="ja" data-testid="card-ja">
            {done.ja}
          </p>
          <details class="original" onClick={(e) => e.stopPropagation()}>
            <summary>Original</summary>
            <p class="card-text" lang="en">
              {c.text}
            </p>
          </details>
        </>
      ) : (
        <>
          {draft != null && (
            <p class="card-ja draft" lang="ja" aria-live="polite">
              {draft}
              <span class="cursor" aria-hidden="true">▍</span>
            </p>
          )}
          {summary?.status === 'error' && (
            <p class="card-error" role="alert">
              {summary.message}{' '}
              {onRetry && (
                <button
                  type="button"
                  data-testid="retry"
                  onClick={(e) => {
                    e.stopPropagation();
                    onRetry(c.id);
                  }}
                >
                  Retry
                </button>
              )}
            </p>
          )}
          {c.text && (
            <p class="card-text" lang="en" style={c.fade ? { opacity: Math.max(0.45, 1 - c.fade / 255) } : undefined}>
              {c.text}
            </p>
          )}
        </>
      )}
    </article>
  );
}

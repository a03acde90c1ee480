import type { Comment } from '@/lib/hn/thread';

const STATE_LABEL = { ok: '', deleted: '[deleted]', flagged: '[flagged]', dead: '[dead]' } as const;

/** One comment as read from the page; activating it reveals the comment on the HN page. */
export function CommentCard({ comment, onReveal }: { comment: Comment; onReveal: (id: number) => void }) {
  const c = comment;
  const reveal = () => onReveal(c.id);
  return (
    <article
      class={`card state-${c.state}`}
      data-testid="card"
      data-comment-id={c.id}
      data-state={c.state}
      style={{ '--depth': Math.min(c.depth, 8) }}
      tabIndex={0}
      aria-label={`${c.by ?? 'deleted'}, depth ${c.depth}: show on the page`}
      onClick={reveal}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
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
      </div>
      {c.text && <p class="card-text" lang="en" style={c.fade ? { opacity: Math.max(0.45, 1 - c.fade / 255) } : undefined}>{c.text}</p>}
    </article>
  );
}

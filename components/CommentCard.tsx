import type { DigestItem } from '@/lib/digest/digest';
import { lang, modelName, problemText, t } from '@/lib/i18n';
import { kindOfColor, PALETTE, symbolOf } from '@/lib/palette';
import { localTime } from '@/lib/panel/time';
import { KindChip } from './KindChip';
import { StarButton } from './StarButton';

const STATE_LABEL = { ok: '', deleted: '[deleted]', flagged: '[flagged]', dead: '[dead]' } as const;

export interface CommentCardProps {
  item: DigestItem;
  /** The summary being written, as it streams. */
  draft?: string;
  focused?: boolean;
  editing?: boolean;
  onReveal: (id: number) => void;
  onRetry?: (id: number) => void;
  onToggle?: (id: number) => void;
  onEdit?: (id: number | null) => void;
  onBody?: (id: number, body: string) => void;
  onColor?: (id: number, color: string) => void;
  starred?: boolean;
  onStar?: (id: number) => void;
  /** A moment's word on the card (e.g. a change put it in the digest). */
  note?: string;
  /** Re-run this card's summary with the model set now (shown for one written by another). */
  onResummarise?: (id: number) => void;
  /** Registers the card's element (the panel's CardRegistry), for focus and scrolling. */
  cardRef?: (el: HTMLElement | null) => void;
}

const stop = (e: Event) => e.stopPropagation();

/** The colour picker: no highlight, then the six in the palette's order. */
const SWATCHES = [{ kind: 'none', color: '' } as const, ...PALETTE];

/**
 * One comment as a quote card: the Japanese summary in its colour (or the original while there is none), a checkbox
 * for the digest, inline editing and a colour picker. Activating the card reveals the comment on the HN page; the
 * original English is one click away. Every text is rendered as text.
 */
export function CommentCard({ item, draft, focused, editing, onReveal, onRetry, onToggle, onEdit, onBody, onColor, starred, onStar, note, onResummarise, cardRef }: CommentCardProps) {
  const { comment: c, card, body, color, selected } = item;
  const done = card?.status === 'done' ? card : null;
  // Whatever wrote it, a summary or the user's own edit is what the card shows.
  const written = body != null;
  const reveal = () => onReveal(c.id);
  const kind = color ? kindOfColor(color) : 'none';
  const staleText = done?.stale === 'model' && done.model ? t('staleModel', { model: modelName(done.model) }) : done?.stale === 'prompt' ? t('stalePrompt') : done?.stale === 'text' ? t('staleText') : null;
  return (
    <article
      ref={cardRef}
      class={`card state-${c.state}${color ? ' highlighted' : ''}${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
      data-testid="card"
      data-comment-id={c.id}
      data-state={c.state}
      data-color={color}
      data-selected={selected ? 'true' : 'false'}
      data-summary={card?.status ?? (draft != null ? 'writing' : written ? 'edited' : 'none')}
      data-stale={done?.stale ?? ''}
      style={{ '--depth': Math.min(c.depth, 8), ...(color && { '--accent-color': color }) }}
      tabIndex={focused ? 0 : -1}
      aria-label={`${c.by ?? t('deleted')}, ${t('depth', { n: c.depth })}: ${t('showOnPage')}`}
      onClick={reveal}
      onKeyDown={(e) => {
        if (e.target === e.currentTarget && e.key === ' ') {
          e.preventDefault();
          reveal();
        }
      }}
    >
      <div class="card-head">
        {(written || card?.status === 'scored') && onToggle && (
          <input type="checkbox" class="pick" checked={selected} aria-label={t('inDigest')} data-testid="pick" onClick={stop} onChange={() => onToggle(c.id)} />
        )}
        <span class="user">{c.by ?? '—'}</span>
        {c.time && (
          <time dateTime={`${c.time}Z`} title={`${c.time.replace('T', ' ')} UTC`}>
            {localTime(c.time, lang())}
          </time>
        )}
        {c.state !== 'ok' && <span class="badge">{STATE_LABEL[c.state]}</span>}
        {c.replies > 0 && <span class="replies">↳ {c.replies}</span>}
        {kind !== 'none' && <KindChip kind={kind} />}
        {item.edited && <span class="edited">✎</span>}
        {staleText && (
          <span class="stale" data-testid="stale">
            {staleText}
          </span>
        )}
        {written && onStar && <StarButton on={!!starred} onToggle={() => onStar(c.id)} label={c.by ?? ''} />}
      </div>
      {note && (
        <p class="card-note" role="status" data-testid="card-note">
          {note}
        </p>
      )}
      {written ? (
        <>
          {editing ? (
            <textarea
              class="card-edit"
              lang="ja"
              data-testid="card-edit"
              value={body ?? ''}
              ref={(el) => el?.focus()}
              onClick={stop}
              onKeyDown={(e) => {
                e.stopPropagation();
                if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) onEdit?.(null);
              }}
              onInput={(e) => onBody?.(c.id, e.currentTarget.value)}
            />
          ) : (
            <p class="card-ja" lang="ja" data-testid="card-ja">
              {body}
            </p>
          )}
          <div class="card-tools" onClick={stop}>
            {onEdit && (
              <button type="button" class="small" data-testid="edit" onClick={() => onEdit(editing ? null : c.id)}>
                {editing ? t('done') : t('edit')}
              </button>
            )}
            {staleText && onResummarise && (
              <button type="button" class="small" data-testid="resummarise" onClick={() => onResummarise(c.id)}>
                {t('resummarise')}
              </button>
            )}
            {onColor && (
              <span class="colors" role="radiogroup" aria-label={t('color')}>
                {SWATCHES.map(({ kind: k, color: col }) => (
                  <button
                    type="button"
                    key={k}
                    role="radio"
                    aria-checked={color === col}
                    class={`swatch-button${color === col ? ' on' : ''}`}
                    style={col ? { background: col } : undefined}
                    title={t(k)}
                    aria-label={t(k)}
                    data-testid={`color-${col || 'none'}`}
                    onClick={() => onColor(c.id, col)}
                  >
                    {col && <span aria-hidden="true">{symbolOf(k)}</span>}
                  </button>
                ))}
              </span>
            )}
            <details class="original">
              <summary>{t('original')}</summary>
              <p class="card-text" lang="en">
                {c.text}
              </p>
            </details>
          </div>
        </>
      ) : (
        <>
          {draft != null && (
            <p class="card-ja draft" lang="ja" aria-live="polite">
              {draft}
              <span class="cursor" aria-hidden="true">▍</span>
            </p>
          )}
          {card?.status === 'error' && (
            // Short on the card (the bar says the problem once, for all); the whole sentence on hover.
            <p class="card-error" title={problemText(card.problem)} data-testid="card-error" data-problem={card.problem.code}>
              {t('cardFailed')}{' '}
              {onRetry && (
                <button
                  type="button"
                  data-testid="retry"
                  onClick={(e) => {
                    e.stopPropagation();
                    onRetry(c.id);
                  }}
                >
                  {t('retry')}
                </button>
              )}
            </p>
          )}
          {card?.status === 'scored' && (
            // Editor mode: the score is in, the Japanese is written when the card is picked or asked for here.
            <p class="card-scored" data-testid="card-scored" data-score={card.score}>
              {card.kind !== 'none' && <KindChip kind={card.kind} />} {t('scoredCard', { score: card.score })}{' '}
              {onResummarise && (
                <button
                  type="button"
                  data-testid="card-write"
                  onClick={(e) => {
                    e.stopPropagation();
                    onResummarise(c.id);
                  }}
                >
                  {t('writeOne')}
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

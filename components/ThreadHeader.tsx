import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Story } from '@/lib/hn/thread';
import { httpUrl, itemUrl } from '@/lib/hn/url';
import { lang, t } from '@/lib/i18n';
import { localTime } from '@/lib/panel/time';
import { StarButton } from './StarButton';

export interface ThreadHeaderProps {
  story: Story;
  shown: number;
  /** A starred card opened alone: the story's points and comment count are not known, so not shown. */
  card?: boolean;
  /** The Japanese title and tags (the model's, or as the user edited them); null before there are any. */
  title: string | null;
  tags: string[] | null;
  onTitle?: (title: string) => void;
  onTags?: (tags: string[]) => void;
  starred?: boolean;
  onStar?: () => void;
}

/** The title is one line in the article but wraps here: the field grows with its text, and Enter ends editing. */
function TitleField({ value, onInput }: { value: string; onInput?: (title: string) => void }) {
  const el = useRef<HTMLTextAreaElement>(null);
  // Measured when the text or the panel's width changes, not on every render (a streaming job renders often).
  useLayoutEffect(() => {
    const fit = () => {
      const f = el.current;
      if (!f) return;
      f.style.height = 'auto';
      // Border-box: the borders on top of the text's own height.
      f.style.height = `${f.scrollHeight + f.offsetHeight - f.clientHeight}px`;
    };
    fit();
    addEventListener('resize', fit);
    return () => removeEventListener('resize', fit);
  }, [value]);
  return (
    <textarea
      ref={el}
      rows={1}
      class="title-input"
      aria-label={t('title')}
      data-testid="title-ja"
      value={value}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          e.currentTarget.blur();
        }
      }}
      onInput={(e) => onInput?.(e.currentTarget.value.replace(/\s*\n\s*/g, ' '))}
    />
  );
}

/** The story, and the digest's Japanese title and tags, editable in place. */
export function ThreadHeader({ story, shown, card, title, tags, onTitle, onTags, starred, onStar }: ThreadHeaderProps) {
  return (
    <header class="story">
      {title != null && (
        <div class="story-ja" lang="ja">
          <TitleField value={title} onInput={onTitle} />
          <input
            class="tags-input"
            aria-label={t('tags')}
            data-testid="tags"
            value={(tags ?? []).join(', ')}
            onChange={(e) => onTags?.(e.currentTarget.value.split(/[,、]/).map((s) => s.trim()).filter(Boolean))}
          />
        </div>
      )}
      <h1 class="story-title">
        {onStar && <StarButton on={!!starred} onToggle={onStar} label={story.title} />}
        {httpUrl(story.url) ? (
          <a data-testid="story-title" href={httpUrl(story.url)!} target="_blank" rel="noreferrer noopener">
            {story.title}
          </a>
        ) : (
          // A link the page gave that is not http(s) (`javascript:`…) is shown as text, never as a link.
          <span data-testid="story-title">{story.title}</span>
        )}
      </h1>
      <p class="story-meta" data-testid="story-meta">
        {story.site && <span>{story.site}</span>}
        {!card && <span>{t('points', { n: story.points })}</span>}
        {story.by && <span>{t('by', { user: story.by })}</span>}
        {story.time && !card && (
          <time dateTime={`${story.time}Z`} title={`${story.time.replace('T', ' ')} UTC`}>
            {localTime(story.time, lang())}
          </time>
        )}
        <a href={itemUrl(story.id)} target="_blank" rel="noreferrer noopener">
          {card ? t('threadOnHn') : shown === story.commentCount ? t('comments', { n: shown }) : t('commentsOf', { n: shown, total: story.commentCount })}
        </a>
      </p>
      {story.text && <p class="story-text">{story.text}</p>}
    </header>
  );
}

import type { Story } from '@/lib/hn/thread';
import { httpUrl, itemUrl } from '@/lib/hn/url';
import { t } from '@/lib/i18n';
import { StarButton } from './StarButton';

export interface ThreadHeaderProps {
  story: Story;
  shown: number;
  /** The Japanese title and tags (the model's, or as the user edited them); null before there are any. */
  title: string | null;
  tags: string[] | null;
  onTitle?: (title: string) => void;
  onTags?: (tags: string[]) => void;
  starred?: boolean;
  onStar?: () => void;
}

/** The story, and the digest's Japanese title and tags, editable in place. */
export function ThreadHeader({ story, shown, title, tags, onTitle, onTags, starred, onStar }: ThreadHeaderProps) {
  return (
    <header class="story">
      {title != null && (
        <div class="story-ja" lang="ja">
          <input class="title-input" aria-label={t('title')} data-testid="title-ja" value={title} onInput={(e) => onTitle?.(e.currentTarget.value)} />
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
      <p class="story-meta">
        {story.site && <span>{story.site}</span>}
        <span>{t('points', { n: story.points })}</span>
        {story.by && <span>{t('by', { user: story.by })}</span>}
        <a href={itemUrl(story.id)} target="_blank" rel="noreferrer noopener">
          {shown === story.commentCount ? t('comments', { n: shown }) : t('commentsOf', { n: shown, total: story.commentCount })}
        </a>
      </p>
      {story.text && <p class="story-text">{story.text}</p>}
    </header>
  );
}

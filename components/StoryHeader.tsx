import type { Story } from '@/lib/hn/thread';
import { itemUrl } from '@/lib/hn/url';
import type { ThreadMeta } from '@/lib/summarize/schema';

export function StoryHeader({ story, shown, meta }: { story: Story; shown: number; meta?: ThreadMeta | null }) {
  return (
    <header class="story">
      {meta && (
        <p class="story-ja" lang="ja" data-testid="title-ja">
          {meta.title}
          <span class="tags">
            {meta.tags.map((t) => (
              <span class="tag" key={t}>
                {t}
              </span>
            ))}
          </span>
        </p>
      )}
      <h1 class="story-title">
        <a data-testid="story-title" href={story.url} target="_blank" rel="noreferrer noopener">
          {story.title}
        </a>
      </h1>
      <p class="story-meta">
        {story.site && <span>{story.site}</span>}
        <span>{story.points} points</span>
        {story.by && <span>by {story.by}</span>}
        <a href={itemUrl(story.id)} target="_blank" rel="noreferrer noopener">
          {shown === story.commentCount ? `${shown} comments` : `${shown} of ${story.commentCount} comments`}
        </a>
      </p>
      {story.text && <p class="story-text">{story.text}</p>}
    </header>
  );
}

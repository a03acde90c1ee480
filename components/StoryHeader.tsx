import type { Story } from '@/lib/hn/thread';
import { itemUrl } from '@/lib/hn/url';

export function StoryHeader({ story, shown }: { story: Story; shown: number }) {
  return (
    <header class="story">
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

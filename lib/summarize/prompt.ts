import { COMMENTS_PROMPT, SCORE_PROMPT, THREAD_PROMPT } from './prompts/matome';
import { fnv1a } from './hash';

/** A comment as the model sees it. */
export interface PromptComment {
  id: number;
  /** The story id for top-level comments. */
  parentId: number;
  text: string;
}

export interface PromptStory {
  id: number;
  title: string;
}

export const COMMENTS_SYSTEM = COMMENTS_PROMPT.trim();
export const THREAD_SYSTEM = THREAD_PROMPT.trim();
export const SCORE_SYSTEM = SCORE_PROMPT.trim();

/** Editor mode's pass of scores has its own version: a score is not a summary, and neither prompt stales the other. */
export const SCORE_VERSION = `s1-${fnv1a(SCORE_SYSTEM)}`;

/** Changes whenever a prompt's text changes, and with it every cache key: old answers are never served for new prompts. */
export const PROMPT_VERSION = `p2-${fnv1a(COMMENTS_SYSTEM + '\n' + THREAD_SYSTEM)}`;

/** How much of a parent outside the batch is shown for context. */
const EXCERPT_CHARS = 110;

export const excerpt = (text: string, max = EXCERPT_CHARS) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

/**
 * `#id` for a top-level comment, `#id ^` for a reply to the comment just before it (the common case in page order),
 * `#id ^parent` for any other reply: a few tokens each, so the prompt stays close to the size of the text itself.
 */
export function commentHeader(c: PromptComment, storyId: number, previousId: number | null): string {
  if (c.parentId === storyId) return `#${c.id}`;
  return c.parentId === previousId ? `#${c.id} ^` : `#${c.id} ^${c.parentId}`;
}

/**
 * A comment's text as it stands in a prompt: a line of it that starts like a header (`#123`, `^123: …`) is escaped,
 * so no comment can open another comment's item, or plant text under another's id.
 */
export const framedText = (text: string) => text.replace(/^(\s*)([#^\\])/gm, '$1\\$2');

/**
 * The user message for one batch: the thread's title, a line of context for each parent that is not in the batch,
 * then every comment under its header, in page order.
 */
export function batchPrompt(story: PromptStory, items: readonly PromptComment[], parentText: (id: number) => string | undefined): string {
  const inBatch = new Set(items.map((c) => c.id));
  const context: string[] = [];
  const seen = new Set<number>();
  for (const c of items) {
    if (c.parentId === story.id || inBatch.has(c.parentId) || seen.has(c.parentId)) continue;
    seen.add(c.parentId);
    const text = parentText(c.parentId);
    if (text) context.push(`^${c.parentId}: ${excerpt(text)}`);
  }
  const body = items.map((c, i) => `${commentHeader(c, story.id, items[i - 1]?.id ?? null)}\n${framedText(c.text)}`).join('\n');
  return [`Thread: ${story.title}`, context.join('\n'), body].filter(Boolean).join('\n\n');
}

/** The user message for the thread's title and tags: the story and the start of its first top-level comments. */
export function threadPrompt(story: PromptStory & { site?: string | null; text?: string | null }, topComments: readonly string[]): string {
  return [
    `Thread: ${story.title}${story.site ? ` (${story.site})` : ''}`,
    story.text ? `Text: ${excerpt(story.text, 600)}` : '',
    topComments.length ? `Top comments:\n${topComments.map((t) => `- ${excerpt(t, 200)}`).join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

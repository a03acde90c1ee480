import { describe, expect, test } from 'vitest';
import { planBatches, commentTokens } from '@/lib/summarize/batch';
import { batchPrompt, COMMENTS_SYSTEM, PROMPT_VERSION, type PromptComment } from '@/lib/summarize/prompt';
import { countTokens } from '@/lib/summarize/tokens';
import { parseThread } from '@/lib/hn/parse';
import { htmlDoc } from '../support/dom';
import { generateThread } from '../support/generate-thread';

const g = generateThread({ comments: 300, seed: 5 });
const thread = parseThread(htmlDoc(g.pages[0]!, `https://news.ycombinator.com/item?id=${g.story.id}`), `https://news.ycombinator.com/item?id=${g.story.id}`);
const comments: PromptComment[] = thread.comments.map((c) => ({ id: c.id, parentId: c.parentId, text: c.text }));
const story = { id: thread.story.id, title: thread.story.title };
const text = new Map(comments.map((c) => [c.id, c.text]));
const opts = { storyId: story.id, maxTokens: 6000, concurrency: 4, overheadTokens: countTokens(COMMENTS_SYSTEM) + 20 };

describe('batches', () => {
  const batches = planBatches(comments, opts);

  test('cover every comment once, in page order', () => {
    expect(batches.flatMap((b) => b.ids)).toEqual(comments.map((c) => c.id));
  });

  test('keep all requests busy: a multiple of the concurrency, about equal in size, none over the limit', () => {
    expect(batches.length % 4).toBe(0);
    const sizes = batches.map((b) => b.tokens);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(6000);
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeLessThan(1.3);
  });

  test('the whole thread costs at most 1.25 × the tokens of the comments themselves', () => {
    const own = comments.reduce((a, c) => a + countTokens(c.text), 0);
    const prompts = batches.map((b) => countTokens(COMMENTS_SYSTEM) + countTokens(batchPrompt(story, b.ids.map((id) => comments.find((c) => c.id === id)!), (id) => text.get(id))));
    const total = prompts.reduce((a, b) => a + b, 0);
    expect(total / own).toBeLessThanOrEqual(1.25);
    // The plan's own estimate is close to what is sent.
    expect(Math.abs(batches.reduce((a, b) => a + b.tokens, 0) - (total - batches.length * countTokens(COMMENTS_SYSTEM))) / total).toBeLessThan(0.05);
  });

  test('a comment over the limit gets a batch of its own; an empty list, none', () => {
    const big: PromptComment = { id: 5, parentId: 1, text: 'word '.repeat(3000) };
    const small = (id: number): PromptComment => ({ id, parentId: 1, text: 'short one' });
    const b = planBatches([small(2), big, small(3)], { ...opts, storyId: 1, maxTokens: 1000 });
    expect(b.map((x) => x.ids)).toContainEqual([5]);
    expect(b.flatMap((x) => x.ids)).toEqual([2, 5, 3]);
    expect(planBatches([], opts)).toEqual([]);
    expect(commentTokens(big, 1)).toBeGreaterThan(1000);
  });
});

describe('the prompt', () => {
  test('headers carry ids and parents (^ alone: the comment above); parents outside the batch come as one line of context', () => {
    const p = batchPrompt({ id: 1, title: 'Title' }, [
      { id: 10, parentId: 1, text: 'Top level.' },
      { id: 11, parentId: 10, text: 'Reply.\n\nSecond paragraph.' },
      { id: 12, parentId: 9, text: 'Reply to an earlier one.' },
    ], (id) => (id === 9 ? 'The parent comment that was in another batch, and it goes on for quite a while so that it must be cut short somewhere.' : undefined));
    expect(p).toBe(
      'Thread: Title\n\n^9: The parent comment that was in another batch, and it goes on for quite a while so that it must be cut short s…\n\n' +
        '#10\nTop level.\n#11 ^\nReply.\n\nSecond paragraph.\n#12 ^9\nReply to an earlier one.',
    );
  });

  test('the prompt version follows the prompt text', () => {
    expect(PROMPT_VERSION).toMatch(/^p2-[0-9a-f]{8}$/);
  });
});

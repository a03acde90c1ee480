import { commentHeader, excerpt, framedText, type PromptComment } from './prompt';
import { countTokens } from './tokens';

/** Output tokens one comment's answer may take (a long Japanese body and its JSON), and a whole answer's overhead. */
export const ANSWER_TOKENS_PER_ITEM = 200;
export const ANSWER_OVERHEAD = 64;

export interface Batch {
  ids: number[];
  /** Estimated prompt tokens of this batch's comments and context (the system prompt comes on top). */
  tokens: number;
}

export interface BatchPlanOptions {
  storyId: number;
  /** Largest batch, in prompt tokens. */
  maxTokens: number;
  /** Requests that run at once: the plan makes at least this many batches, so none sits idle. */
  concurrency: number;
  /** Tokens each request pays anyway (system prompt, title): batches are not made so small that it dominates. */
  overheadTokens: number;
  /** The model's context window as it bounds a batch: its comments and their answers (`perItem` each) within `tokens`. */
  window?: { tokens: number; perItem: number };
}

/** Prompt tokens of one comment in a batch, as `batchPrompt` writes it after `previousId`. */
export const commentTokens = (c: PromptComment, storyId: number, previousId: number | null = null) =>
  countTokens(`${commentHeader(c, storyId, previousId)}\n${framedText(c.text)}\n`);

/**
 * Splits comments (page order) into batches of about equal token size: enough to keep `concurrency` requests busy
 * (a multiple of it), none over `maxTokens`, none so small that the per-request overhead passes about 1/6 of it. A reply
 * whose parent sits in an earlier batch costs a line of its parent's text too. A comment over the limit goes alone.
 */
export function planBatches(comments: readonly PromptComment[], opts: BatchPlanOptions): Batch[] {
  if (comments.length === 0) return [];
  const cost = comments.map((c, i) => commentTokens(c, opts.storyId, comments[i - 1]?.id ?? null));
  const total = cost.reduce((a, b) => a + b, 0);
  // Within a window, a batch's comments take their share of it (the rest is their answers).
  if (opts.window) {
    const perComment = total / comments.length;
    opts = { ...opts, maxTokens: Math.max(1, Math.min(opts.maxTokens, Math.floor((opts.window.tokens * perComment) / (perComment + opts.window.perItem)))) };
  }
  const floor = Math.min(opts.maxTokens, opts.overheadTokens * 6);
  let count = Math.max(Math.ceil(total / opts.maxTokens), opts.concurrency);
  count = Math.max(1, Math.min(count, Math.floor(total / floor)), Math.ceil(total / opts.maxTokens));
  if (count > opts.concurrency) count = Math.ceil(count / opts.concurrency) * opts.concurrency;

  // Each comment goes to the batch its middle falls in, by running total: `count` batches of near equal size.
  const groups: number[][] = Array.from({ length: count }, () => []);
  let run = 0;
  comments.forEach((_, i) => {
    groups[Math.min(count - 1, Math.floor(((run + cost[i]! / 2) / total) * count))]!.push(i);
    run += cost[i]!;
  });

  const byId = new Map(comments.map((c) => [c.id, c]));
  const batches: Batch[] = [];
  for (const group of groups) {
    let ids: number[] = [];
    let tokens = 0;
    let members = new Set<number>();
    for (const i of group) {
      const c = comments[i]!;
      const parent = byId.get(c.parentId);
      const context = () => (parent && !members.has(parent.id) ? countTokens(`^${parent.id}: ${excerpt(parent.text)}\n`) : 0);
      // Only a group over the limit (a few huge comments), or over the context window with its answers, is cut further.
      const next = tokens + cost[i]! + context();
      const over = next > opts.maxTokens || (opts.window && next + (ids.length + 1) * opts.window.perItem > opts.window.tokens);
      if (ids.length && over) {
        batches.push({ ids, tokens });
        ids = [];
        tokens = 0;
        members = new Set();
      }
      tokens += cost[i]! + context();
      ids.push(c.id);
      members.add(c.id);
    }
    if (ids.length) batches.push({ ids, tokens });
  }
  return batches;
}

/**
 * A comment's text cut to about `maxTokens`, said so at the cut, for a comment that alone would not fit the model's
 * context window: the model reads its start rather than an endpoint cutting the prompt silently elsewhere.
 */
export function fitText(text: string, maxTokens: number): string {
  if (countTokens(text) <= maxTokens) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (countTokens(text.slice(0, mid)) + 8 <= maxTokens) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)} …[truncated]`;
}

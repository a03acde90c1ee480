import { ASK_PROMPT, OVERVIEW_PROMPT } from '../summarize/prompts/matome';
import { fnv1a } from '../summarize/hash';
import { framedText, type PromptStory } from '../summarize/prompt';
import { ANSWER_FORMAT, OVERVIEW_FORMAT, OverviewAnswer, QuestionAnswer } from './schema';

export const OVERVIEW_SYSTEM = OVERVIEW_PROMPT.trim();
export const ASK_SYSTEM = ASK_PROMPT.trim();

/** Part of the overview's cache key: an overview written by an earlier prompt is marked so, not served as new. */
export const OVERVIEW_VERSION = `o1-${fnv1a(OVERVIEW_SYSTEM + '\n' + ASK_SYSTEM)}`;

/** What each kind of cited answer is: its system prompt, its format and schema, and how long its answer may be. */
export const WRITE = {
  overview: { system: OVERVIEW_SYSTEM, format: OVERVIEW_FORMAT, schema: OverviewAnswer, answerTokens: 900 },
  answer: { system: ASK_SYSTEM, format: ANSWER_FORMAT, schema: QuestionAnswer, answerTokens: 700 },
} as const;
export type WriteKind = keyof typeof WRITE;

/** A comment's Japanese summary as the overview is written from it. */
export interface SummaryLine {
  id: number;
  ja: string;
  score: number;
}

/** A comment as a question is answered from it: its own text, and its summary where there is one. */
export interface ThreadLine {
  id: number;
  by: string | null;
  text: string;
  ja: string | null;
  score: number | null;
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** How much of a summary an overview reads: its start carries the point, and more summaries fit the budget. */
export const OVERVIEW_CHARS = 90;

/** A summary as the overview reads it: one line, its start. */
export const summaryStart = (ja: string) => {
  const chars = Array.from(flat(ja));
  return chars.length > OVERVIEW_CHARS ? `${chars.slice(0, OVERVIEW_CHARS).join('')}…` : chars.join('');
};

/** The overview's user message: the title, then each summary's start under `#id (score)`. */
export function overviewPrompt(story: PromptStory, lines: readonly SummaryLine[]): string {
  return [`Thread: ${story.title}`, lines.map((l) => `#${l.id} (${l.score})\n${framedText(summaryStart(l.ja))}`).join('\n')].join('\n\n');
}

/** Longest comment text a question is answered from (a long one is cut: the start carries the point). */
export const ASK_CHARS = 1500;

/** The question's user message: the title, the question, then each comment under `#id user`. */
export function askPrompt(story: PromptStory, question: string, lines: readonly ThreadLine[]): string {
  const body = lines.map((l) => {
    const text = l.text.length > ASK_CHARS ? `${l.text.slice(0, ASK_CHARS)}…` : l.text;
    return `#${l.id} ${l.by ?? '-'}\n${framedText(text)}`;
  });
  return [`Thread: ${story.title}`, `Question: ${flat(question)}`, body.join('\n')].join('\n\n');
}

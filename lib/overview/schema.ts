import * as z from 'zod/mini';
import { readId } from '../summarize/schema';

/**
 * The thread at a glance: the overview's key points and the answers to a reader's questions, each a short text that
 * cites the comments it rests on. One schema per answer is sent as the JSON schema, validates the answer and types the
 * code; the readers take what a lenient endpoint writes (ids as strings, `"#123"`) and give the same types.
 */

/** A sentence or two and the comments it rests on. */
export const Cited = z.object({
  text: z.string().check(z.trim(), z.minLength(1), z.describe('one or two sentences of casual Japanese')),
  cites: z.array(z.int()).check(z.describe('ids of the comments it rests on, from their #id headers')),
});
export type Cited = z.infer<typeof Cited>;

// The points come first: a model writes in the schema's order, and the panel shows the first point as it is written.
export const OverviewAnswer = z.object({
  points: z.array(Cited).check(z.describe('3 to 7 key points, most important first')),
  mood: z.string().check(z.describe('one short line: where the thread leans, and why')),
  disagreement: z.string().check(z.describe('the main disagreement in one sentence, or ""')),
});
export type OverviewAnswer = z.infer<typeof OverviewAnswer>;

export const QuestionAnswer = z.object({
  found: z.boolean().check(z.describe('false when the comments do not answer the question')),
  answer: z.array(Cited).check(z.describe('1 to 4 short paragraphs')),
});
export type QuestionAnswer = z.infer<typeof QuestionAnswer>;

/** The response-format names of the requests. */
export const OVERVIEW_FORMAT = 'thread_overview';
export const ANSWER_FORMAT = 'thread_answer';

const record = (raw: unknown): Record<string, unknown> | null => (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null);
const line = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** One cited text from whatever shape it came in (`cites`, `citations`, `ids`; ids as numbers or strings); null without text. */
export function readCited(raw: unknown): Cited | null {
  const r = record(raw);
  const text = line(r?.text ?? r?.point ?? r?.paragraph);
  if (!r || !text) return null;
  const list = [r.cites, r.citations, r.ids, r.sources].find(Array.isArray) ?? [];
  const cites = [...new Set(list.map(readId).filter((id): id is number => id != null))];
  return { text, cites };
}

/** The overview from a whole answer; null when it has no points at all. */
export function readOverview(raw: unknown): OverviewAnswer | null {
  const r = record(raw);
  const points = (Array.isArray(r?.points) ? r.points : []).map(readCited).filter((p): p is Cited => p != null);
  if (!r || !points.length) return null;
  return { mood: line(r.mood), disagreement: line(r.disagreement), points };
}

/** The answer to a question from a whole answer; null when it has nothing to say. */
export function readQuestionAnswer(raw: unknown): QuestionAnswer | null {
  const r = record(raw);
  const answer = (Array.isArray(r?.answer) ? r.answer : Array.isArray(r?.paragraphs) ? r.paragraphs : []).map(readCited).filter((p): p is Cited => p != null);
  if (!r || !answer.length) return null;
  return { found: r.found !== false, answer };
}

/**
 * Only citations that lead somewhere: ids of comments of this thread (one cited twice, once). A text whose citations
 * all lead nowhere is dropped (`keepUncited`: kept without any, as the answer saying the thread does not say).
 */
export function validCitations(items: readonly Cited[], exists: (id: number) => boolean, keepUncited = false): Cited[] {
  const out: Cited[] = [];
  for (const c of items) {
    const cites = [...new Set(c.cites)].filter(exists);
    if (cites.length || (keepUncited && !c.cites.length)) out.push({ text: c.text, cites });
  }
  return out;
}

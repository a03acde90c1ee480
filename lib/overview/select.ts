import { fnv1a } from '../summarize/hash';
import { ASK_CHARS, summaryStart, type SummaryLine, type ThreadLine } from './prompt';

/**
 * What a cited answer is written from. The overview takes the best summaries by score, as many as its budget holds;
 * a question takes the whole thread when it fits, else the comments that share the most words with it (English
 * words, and runs of kanji or katakana: a Japanese question finds Japanese summaries and the English terms inside it).
 * Either way in the thread's order.
 */

/** The summaries an overview is written from, in thread order. */
export function overviewLines(lines: readonly SummaryLine[], budget: number, count: (s: string) => number): SummaryLine[] {
  const order = new Map(lines.map((l, i) => [l.id, i]));
  const chosen: SummaryLine[] = [];
  let used = 0;
  for (const l of [...lines].sort((a, b) => b.score - a.score || order.get(a.id)! - order.get(b.id)!)) {
    const cost = count(summaryStart(l.ja)) + 6;
    if (used + cost > budget) continue;
    chosen.push(l);
    used += cost;
  }
  return chosen.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/** The cache key of an overview: the summaries it was written from (their ids and text). */
export const overviewKey = (lines: readonly SummaryLine[]) => fnv1a(lines.map((l) => `${l.id}:${l.ja}`).join('\n'));

const STOP = new Set('the and for are but not you your with this that have has was were what when where which who why how does did can could would should about from into than then there their they them its it is be of to in on at by or as an a do any some more most very just also only like will'.split(' '));

/** The words a question is matched by: English words and numbers, and kanji / katakana runs cut into pairs. */
export function questionTerms(question: string): string[] {
  const q = question.toLowerCase();
  const words = (q.match(/[a-z0-9][a-z0-9+#.-]*[a-z0-9+#]|[a-z0-9]/g) ?? []).filter((w) => w.length > 1 && !STOP.has(w));
  const pairs: string[] = [];
  for (const run of q.match(/[\p{Script=Han}\p{Script=Katakana}ー]{2,}/gu) ?? []) for (let i = 0; i + 2 <= run.length; i++) pairs.push(run.slice(i, i + 2));
  return [...new Set([...words, ...pairs])];
}

/** How well a comment matches: the question's terms found in its text and summary (each once), its score breaking ties. */
function relevance(terms: readonly string[], l: ThreadLine): number {
  const hay = `${l.text}\n${l.ja ?? ''}`.toLowerCase();
  let hits = 0;
  for (const t of terms) if (hay.includes(t)) hits++;
  return hits + (l.score ?? 0) / 1000;
}

/** The comments a question is answered from, and whether that is the whole thread. */
export function askLines(question: string, lines: readonly ThreadLine[], budget: number, count: (s: string) => number): { lines: ThreadLine[]; whole: boolean } {
  const costs = lines.map((l) => count(l.text.slice(0, ASK_CHARS)) + 8);
  const total = costs.reduce((a, b) => a + b, 0);
  if (total <= budget) return { lines: [...lines], whole: true };
  const terms = questionTerms(question);
  const ranked = lines.map((l, i) => ({ i, r: relevance(terms, l) })).sort((a, b) => b.r - a.r || a.i - b.i);
  const keep = new Set<number>();
  let used = 0;
  for (const { i } of ranked) {
    if (used + costs[i]! > budget) continue;
    keep.add(i);
    used += costs[i]!;
  }
  return { lines: lines.filter((_, i) => keep.has(i)), whole: false };
}

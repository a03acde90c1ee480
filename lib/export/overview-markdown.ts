import { itemUrl } from '../hn/url';
import type { Cited } from '../overview/schema';
import { markdownText } from './hugo';

export interface OverviewForMarkdown {
  title: string;
  storyId: number;
  mood: string;
  disagreement: string;
  points: readonly Cited[];
  /** A comment's user, for its footnote. */
  nameOf: (id: number) => string | null;
}

/**
 * The overview as plain Markdown for other uses (a post, a note): the points numbered, each citation a footnote that
 * links the comment on HN. Every text is inert Markdown (`markdownText`): what the model wrote shows as written.
 */
export function overviewMarkdown(o: OverviewForMarkdown): string {
  const notes = new Map<number, number>();
  const mark = (id: number) => {
    if (!notes.has(id)) notes.set(id, notes.size + 1);
    return `[^${notes.get(id)}]`;
  };
  const out = [`## 要点：${markdownText(o.title)}`, ''];
  if (o.mood.trim()) out.push(`空気感：${markdownText(o.mood)}`, '');
  o.points.forEach((p, i) => out.push(`${i + 1}. ${markdownText(p.text)}${p.cites.map(mark).join('')}`));
  out.push('');
  if (o.disagreement.trim()) out.push(`対立点：${markdownText(o.disagreement)}`, '');
  out.push(`元スレッド：<${itemUrl(o.storyId)}>`, '');
  for (const [id, n] of notes) out.push(`[^${n}]: [${markdownText(o.nameOf(id) ?? `#${id}`)}](${itemUrl(id)})`);
  out.push('');
  return out.join('\n');
}

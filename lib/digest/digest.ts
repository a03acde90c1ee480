import { pickFeatureImage, type HugoArticle } from '../export/hugo';
import type { OverviewEntry } from '../overview/state';
import { HIGHLIGHT_COLORS } from '../palette';
import type { Comment, Thread } from '../hn/thread';
import type { Settings } from '../settings';
import type { Card } from '../summarize/card';
import { pickDigest } from '../summarize/digest';
import { colorOf, type ThreadMeta } from '../summarize/schema';
import type { ThreadEdits } from './edits';

/** One comment as the digest shows it: its summary with the user's edits applied. */
export interface DigestItem {
  comment: Comment;
  card: Card | undefined;
  /** The Japanese body to show and export (edited, or as the model wrote it). */
  body: string | null;
  color: string;
  selected: boolean;
  edited: boolean;
  /** The user put it in or took it out (over the automatic pick). */
  override: 'in' | 'out' | null;
}

export const COLOR_CYCLE = ['', ...HIGHLIGHT_COLORS] as const;

/** The next colour in the picker's order: none, then the six highlights. */
export const nextColor = (c: string) => COLOR_CYCLE[(COLOR_CYCLE.indexOf(c as (typeof COLOR_CYCLE)[number]) + 1) % COLOR_CYCLE.length]!;

/** The digest: the automatic pick (or a whole pick kept from the first version), with the user's ticks and unticks over it. */
function selectedIds(thread: Thread, cards: ReadonlyMap<number, Card>, edits: ThreadEdits, digestSize: number): Set<number> {
  const base = edits.frozen ? new Set(edits.frozen) : pickDigest(thread.comments.map((c) => c.id), cards, digestSize);
  for (const id of edits.picksIn) base.add(id);
  for (const id of edits.picksOut) base.delete(id);
  return base;
}

export function digestItems(thread: Thread, cards: ReadonlyMap<number, Card>, edits: ThreadEdits, digestSize: number): DigestItem[] {
  const selected = selectedIds(thread, cards, edits, digestSize);
  return thread.comments.map((comment) => {
    const card = cards.get(comment.id);
    const done = card?.status === 'done' ? card : null;
    const edited = edits.bodies[comment.id];
    const body = edited ?? done?.ja ?? null;
    return {
      comment,
      card,
      body,
      color: edits.colors[comment.id] ?? (done ? colorOf(done.kind) : ''),
      // An edited body stands on its own: it is in the digest even before (or without) a summary. A scored card
      // (editor mode) is picked while its Japanese is being written; the export takes it once it has a body.
      selected: (body != null || card?.status === 'scored') && selected.has(comment.id),
      edited: edited != null,
      override: edits.picksIn.includes(comment.id) ? 'in' : edits.picksOut.includes(comment.id) ? 'out' : null,
    };
  });
}

/** The cards a filter shows: all, the digest, or the highlighted ones. */
export type Filter = 'all' | 'digest' | 'highlights';
export const visibleItems = (items: DigestItem[], f: Filter) =>
  f === 'all' ? items : f === 'digest' ? items.filter((i) => i.selected) : items.filter((i) => i.color);

/** The story's UTC date as the article wants it; today when HN gave no time. */
const storyDate = (thread: Thread) => (thread.story.time ?? new Date().toISOString()).slice(0, 10);

/** The Hugo article for the digest: selected summaries in thread order, with every edit. No model call. */
export function digestArticle(
  thread: Thread,
  items: readonly DigestItem[],
  meta: ThreadMeta | null,
  edits: ThreadEdits,
  settings: Pick<Settings, 'featureImages'> & Partial<Pick<Settings, 'exportOverview'>>,
  overview: Pick<OverviewEntry, 'mood' | 'disagreement' | 'points'> | null = null,
): HugoArticle {
  return {
    storyId: thread.story.id,
    date: storyDate(thread),
    title: edits.title ?? meta?.title ?? thread.story.title,
    tags: edits.tags ?? meta?.tags ?? [],
    featureImage: pickFeatureImage(thread.story.id, settings.featureImages),
    quotes: items
      .filter((i) => i.selected && i.body)
      .map((i) => ({ body: i.body!, userName: i.comment.by ?? '', createdAt: i.comment.time ?? '', color: i.color })),
    ...(settings.exportOverview && overview && { overview: { mood: overview.mood, disagreement: overview.disagreement, points: overview.points.map((p) => p.text) } }),
  };
}

/** Cards the user worked on (edited or recoloured) that are not in the digest: the export says so, never silently. */
export const workedOnButLeftOut = (items: readonly DigestItem[], edits: ThreadEdits) =>
  items.filter((i) => !i.selected && i.body != null && (i.edited || i.comment.id in edits.colors)).length;

/** A file name for "save as .md": the story's date and id, e.g. `2025-02-14-43053844.md`. */
export const articleFileName = (thread: Thread) => `${storyDate(thread)}-${thread.story.id}.md`;

import { applyEdit, noEdits, type EditOp, type ThreadEdits } from '../digest/edits';
import type { Thread } from '../hn/thread';
import { itemUrl } from '../hn/url';
import type { Card } from '../summarize/card';
import type { ThreadMeta } from '../summarize/schema';
import type { Favorite } from './schema';
import type { AnswerEntry, OverviewEntry } from '../overview/state';

export interface OpenedFavorite {
  thread: Thread;
  cards: Map<number, Card>;
  meta: ThreadMeta | null;
  edits: ThreadEdits;
  overview: OverviewEntry | null;
  answers: AnswerEntry[];
}

/** A favourite as the panel shows a thread: a starred card becomes a one-card digest of its own. */
export function openFavorite(f: Favorite): OpenedFavorite {
  if (f.kind === 'thread')
    return { thread: { story: f.story, comments: f.comments, pages: 1, nextPage: null }, cards: new Map(f.cards.map((c) => [c.id, c])), meta: f.meta, edits: f.edits, overview: f.overview, answers: f.answers };
  const comment = { ...f.comment, depth: 0, parentId: f.story.id, replies: 0 };
  return {
    thread: {
      story: { id: f.story.id, title: f.story.title, url: itemUrl(f.story.id), site: null, by: null, time: f.comment.time, points: 0, commentCount: 1, text: null },
      comments: [comment],
      pages: 1,
      nextPage: null,
    },
    cards: new Map([[f.id, { id: f.id, status: 'done', ja: f.body, score: 100, kind: 'none' }]]),
    meta: null,
    edits: { ...noEdits(f.story.id), picksIn: [f.id], colors: { [f.id]: f.color }, updatedAt: f.updatedAt },
    overview: null,
    answers: [],
  };
}

/** The favourite after one edit the user made in the panel. */
export function withEdit(f: Favorite, op: EditOp): Favorite {
  const now = Date.now();
  if (f.kind === 'thread') return { ...f, edits: applyEdit(f.edits, op, now), updatedAt: now };
  const edits = applyEdit(openFavorite(f).edits, op, now);
  return { ...f, body: edits.bodies[f.id] ?? f.body, color: edits.colors[f.id] ?? f.color, updatedAt: now };
}

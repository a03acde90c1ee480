import * as z from 'zod/mini';
import { editsFromV1, ThreadEdits } from '../digest/edits';
import { Comment, Story } from '../hn/thread';
import { Card } from '../summarize/card';
import { HighlightKind, ThreadMeta } from '../summarize/schema';
import { AnswerEntry, OverviewEntry } from '../overview/state';

/**
 * Favourites, as stored and as exported. Version 2 is current; version 1 (the first, which kept the user's edits inside
 * each card) is migrated on read, so nothing saved by an older version is ever lost.
 */
export const FAVORITES_VERSION = 4;

/** A starred thread: everything needed to show and export its digest again with no page and no model. */
export const FavoriteThread = z.object({
  kind: z.literal('thread'),
  id: z.int().check(z.positive()),
  story: Story,
  comments: z.array(Comment),
  cards: z.array(Card),
  meta: z.nullable(ThreadMeta),
  edits: ThreadEdits,
  /** The overview and the questions answered, shown offline with the rest. */
  overview: z.nullable(OverviewEntry),
  answers: z.array(AnswerEntry),
  starredAt: z.number(),
  updatedAt: z.number(),
});
export type FavoriteThread = z.infer<typeof FavoriteThread>;

/** A starred card: one comment's summary as the user left it. */
export const FavoriteCard = z.object({
  kind: z.literal('card'),
  id: z.int().check(z.positive()),
  story: z.object({ id: z.int().check(z.positive()), title: z.string() }),
  comment: Comment,
  body: z.string(),
  color: z.string(),
  starredAt: z.number(),
  updatedAt: z.number(),
});
export type FavoriteCard = z.infer<typeof FavoriteCard>;

export const Favorite = z.discriminatedUnion('kind', [FavoriteThread, FavoriteCard]);
export type Favorite = z.infer<typeof Favorite>;

/** The first stored shape of a starred thread: cards carried the user's body, colour and pick themselves. */
export const FavoriteThreadV1 = z.object({
  storyId: z.int().check(z.positive()),
  story: Story,
  comments: z.array(Comment),
  cards: z.array(
    z.object({ id: z.int(), ja: z.string(), score: z.int(), kind: HighlightKind, body: z.optional(z.string()), color: z.optional(z.string()), selected: z.optional(z.boolean()) }),
  ),
  title: z.nullable(z.string()),
  tags: z.array(z.string()),
  savedAt: z.number(),
});
export type FavoriteThreadV1 = z.infer<typeof FavoriteThreadV1>;

/** v1 → v2: the user's edits move out of the cards into the thread's edits, as the panel keeps them now. */
export function migrateThreadV1(old: unknown): FavoriteThread {
  const v1 = FavoriteThreadV1.parse(old);
  const bodies: Record<string, string> = {};
  const colors: Record<string, string> = {};
  const picked = v1.cards.some((c) => c.selected != null) ? v1.cards.filter((c) => c.selected).map((c) => c.id) : null;
  for (const c of v1.cards) {
    if (c.body != null && c.body !== c.ja) bodies[c.id] = c.body;
    if (c.color != null) colors[c.id] = c.color;
  }
  return {
    kind: 'thread',
    id: v1.storyId,
    story: v1.story,
    comments: v1.comments,
    cards: v1.cards.map((c) => ({ id: c.id, status: 'done' as const, ja: c.ja, score: c.score, kind: c.kind })),
    meta: v1.title ? { title: v1.title, tags: v1.tags } : null,
    edits: { storyId: v1.storyId, picksIn: [], picksOut: [], frozen: picked, bodies, colors, title: null, tags: null, updatedAt: v1.savedAt },
    overview: null,
    answers: [],
    starredAt: v1.savedAt,
    updatedAt: v1.savedAt,
  };
}

/** v2 → v3: a starred thread's edits take the digest's picks as overrides (its whole pick, if any, is kept as the base). */
export function migrateThreadV2(old: unknown): unknown {
  if (!old || typeof old !== 'object' || (old as { kind?: unknown }).kind !== 'thread') return old;
  return { ...old, edits: editsFromV1((old as { edits?: unknown }).edits) };
}

/** v3 → v4: a starred thread gains its overview and answers (none yet). */
export function migrateThreadV3(old: unknown): unknown {
  if (!old || typeof old !== 'object' || (old as { kind?: unknown }).kind !== 'thread') return old;
  return { overview: null, answers: [], ...old };
}

/** A favourite stored or exported by any version, in the current shape (still to validate). */
export function migrateFavorite(f: unknown, fromVersion: number): unknown {
  let out = f;
  if (fromVersion < 2 && out && typeof out === 'object' && 'storyId' in out) out = migrateThreadV1(out);
  if (fromVersion < 3) out = migrateThreadV2(out);
  if (fromVersion < 4) out = migrateThreadV3(out);
  return out;
}

/** The export file: every favourite, with the version its shapes follow. */
export const FavoritesFile = z.object({
  app: z.literal('hn-matome'),
  version: z.int().check(z.minimum(1), z.maximum(FAVORITES_VERSION)),
  exportedAt: z.number(),
  favorites: z.array(z.unknown()),
});

import { storage, type StorageItemKey } from '@wxt-dev/storage';
import { setAside } from './aside';
import { exclusive as lockAll } from './lock';
import * as z from 'zod/mini';
import { Favorite, FAVORITES_VERSION, FavoritesFile, migrateFavorite, migrateThreadV1, migrateThreadV2, migrateThreadV3, type FavoriteThread } from '../favorites/schema';

/**
 * The favourites shelf in storage.local. Each favourite is its own item (two panels starring different things never
 * touch the same key), versioned with WXT's storage migrations. A small index lists them for the Favourites view; its
 * read-modify-write is serialised across every panel and the worker with a Web Lock.
 */

export type FavKind = Favorite['kind'];

export const IndexEntry = z.object({
  kind: z.enum(['thread', 'card']),
  id: z.int(),
  title: z.string(),
  /** A line to show under the title: the site, or the card's user and the start of its text. */
  sub: z.string(),
  starredAt: z.number(),
  updatedAt: z.number(),
  bytes: z.number(),
});
export type IndexEntry = z.infer<typeof IndexEntry>;
const Index = z.record(z.string(), IndexEntry);
type Index = z.infer<typeof Index>;

const itemKey = (kind: FavKind, id: number): StorageItemKey => `local:fav:${kind === 'thread' ? 't' : 'c'}:${id}`;
const indexName = (kind: FavKind, id: number) => `${kind}:${id}`;

function item(kind: FavKind, id: number) {
  return storage.defineItem<unknown>(itemKey(kind, id), {
    version: FAVORITES_VERSION,
    // v1 stored threads with the edits inside the cards (card favourites came with v2); v3 made picks overrides.
    migrations: { 2: (old: unknown) => (kind === 'thread' ? migrateThreadV1(old) : old), 3: migrateThreadV2, 4: migrateThreadV3 },
  });
}
const indexItem = storage.defineItem<unknown>('local:fav-index', { fallback: {} });

/** Every change of the shelf's index, in any panel or the worker, one at a time. */
const exclusive = <T>(fn: () => Promise<T>) => lockAll('favorites', fn);

async function readIndex(): Promise<Index> {
  const parsed = Index.safeParse(await indexItem.getValue());
  return parsed.success ? parsed.data : {};
}

function entryOf(f: Favorite): IndexEntry {
  const bytes = JSON.stringify(f).length;
  if (f.kind === 'thread')
    return { kind: 'thread', id: f.id, title: f.edits.title ?? f.meta?.title ?? f.story.title, sub: f.story.title, starredAt: f.starredAt, updatedAt: f.updatedAt, bytes };
  return { kind: 'card', id: f.id, title: f.story.title, sub: `${f.comment.by ?? ''}: ${f.body.slice(0, 80)}`, starredAt: f.starredAt, updatedAt: f.updatedAt, bytes };
}

/** Calls back whenever the shelf changes, in any panel or the worker; returns a function that stops it. */
export function watchFavorites(cb: () => void): () => void {
  return indexItem.watch(cb);
}

/** Every favourite, newest first. */
export async function listFavorites(): Promise<IndexEntry[]> {
  return Object.values(await readIndex()).sort((a, b) => b.starredAt - a.starredAt);
}

/** One favourite, migrated and validated; null when it is not there or no longer reads. */
export async function getFavorite(kind: FavKind, id: number): Promise<Favorite | null> {
  const parsed = Favorite.safeParse(await item(kind, id).getValue());
  return parsed.success && parsed.data.kind === kind ? parsed.data : null;
}

/** Many favourites in one read; only those stored by an older version go through their migration. */
export async function getFavorites(entries: readonly Pick<IndexEntry, 'kind' | 'id'>[]): Promise<Favorite[]> {
  const keys = entries.flatMap((e) => [itemKey(e.kind, e.id), `${itemKey(e.kind, e.id)}$` as StorageItemKey]);
  const values = await storage.getItems(keys);
  const out: Favorite[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const version = (values[2 * i + 1]?.value as { v?: number } | null)?.v ?? 1;
    const parsed = version === FAVORITES_VERSION ? Favorite.safeParse(values[2 * i]!.value) : null;
    const f = parsed?.success ? parsed.data : await getFavorite(e.kind, e.id);
    if (f) out.push(f);
  }
  return out;
}

/** Writes a favourite and its index entry; the caller holds the lock. One stored there that does not read is kept aside. */
async function write(valid: Favorite) {
  const before = await item(valid.kind, valid.id).getValue();
  if (before != null && !Favorite.safeParse(before).success) await setAside(itemKey(valid.kind, valid.id), before);
  await item(valid.kind, valid.id).setValue(valid);
  const index = await readIndex();
  index[indexName(valid.kind, valid.id)] = entryOf(valid);
  await indexItem.setValue(index);
}

/** Stars (or updates) a favourite. Rejects when storage refuses (e.g. full); nothing half-written stays listed. */
export async function saveFavorite(f: Favorite): Promise<void> {
  const valid = Favorite.parse(f);
  await exclusive(() => write(valid));
}

/**
 * Changes a favourite as it is stored now (read, change, write under the shelf's lock): two panels changing one
 * favourite both keep their change. Resolves to the favourite after it, or null when it is not starred.
 */
export function updateFavorite(kind: FavKind, id: number, change: (f: Favorite) => Favorite): Promise<Favorite | null> {
  return exclusive(async () => {
    const f = await getFavorite(kind, id);
    if (!f) return null;
    const changed = change(f);
    // Nothing changed (the same overview told again): nothing written.
    if (changed === f) return f;
    const next = Favorite.parse(changed);
    await write(next);
    return next;
  });
}

/** Unstars; returns what was removed, so it can be put back (undo). */
export async function removeFavorite(kind: FavKind, id: number): Promise<Favorite | null> {
  return exclusive(async () => {
    const removed = await getFavorite(kind, id);
    const index = await readIndex();
    delete index[indexName(kind, id)];
    await indexItem.setValue(index);
    await storage.removeItem(itemKey(kind, id), { removeMeta: true });
    return removed;
  });
}

export async function isFavorite(kind: FavKind, id: number): Promise<boolean> {
  return indexName(kind, id) in (await readIndex());
}

/** All favourites as one JSON file. */
export async function exportFavorites(): Promise<string> {
  const favorites = await getFavorites(await listFavorites());
  return JSON.stringify({ app: 'hn-matome', version: FAVORITES_VERSION, exportedAt: Date.now(), favorites }, null, 1);
}

/** Largest import file accepted: well past any real shelf, short of hanging the panel. */
const MB = 1024 * 1024;
export const MAX_IMPORT_BYTES = 50 * MB;

/** Why a file was refused, for the panel to word (`importProblemText`): what is wrong, and where. */
export type ImportProblem =
  | { code: 'too-big'; mb: string; max: number }
  | { code: 'not-json'; detail: string }
  | { code: 'not-ours'; detail: string }
  | { code: 'bad-item'; n: number; total: number; detail: string };

export class ImportError extends Error {
  override name = 'ImportError';
  constructor(readonly problem: ImportProblem) {
    super(`favourites file refused: ${problem.code}`);
  }
}

/**
 * Reads an export file. Everything is validated first: a bad file changes nothing and the error says what is wrong
 * and where. Favourites already here merge by id, the newer edit winning.
 */
export async function importFavorites(text: string, bytes = text.length): Promise<{ added: number; updated: number; kept: number }> {
  // The file's size and the limit in the same unit (MB of 1,048,576 bytes): "50 MB", not "52.4288 MB".
  if (bytes > MAX_IMPORT_BYTES) throw new ImportError({ code: 'too-big', mb: (bytes / MB).toFixed(1), max: MAX_IMPORT_BYTES / MB });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ImportError({ code: 'not-json', detail: (err as Error).message });
  }
  const file = FavoritesFile.safeParse(raw);
  if (!file.success) throw new ImportError({ code: 'not-ours', detail: z.prettifyError(file.error) });
  const incoming: Favorite[] = [];
  for (const [i, f] of file.data.favorites.entries()) {
    const migrated = tryMigrate(f, file.data.version);
    const parsed = Favorite.safeParse(migrated);
    if (!parsed.success) throw new ImportError({ code: 'bad-item', n: i + 1, total: file.data.favorites.length, detail: z.prettifyError(parsed.error) });
    incoming.push(parsed.data);
  }
  const result = { added: 0, updated: 0, kept: 0 };
  const index = await readIndex();
  for (const f of incoming) {
    const have = index[indexName(f.kind, f.id)];
    if (have && have.updatedAt >= f.updatedAt) result.kept++;
    else {
      await saveFavorite(f);
      if (have) result.updated++;
      else result.added++;
    }
  }
  return result;
}

function tryMigrate(f: unknown, version: number): unknown {
  try {
    return migrateFavorite(f, version);
  } catch {
    return f;
  }
}

/** Bytes the extension's storage holds (favourites, cache and all), where the browser tells; else the favourites' own. */
export async function storageUsed(): Promise<number> {
  const area = (globalThis as { browser?: { storage?: { local?: { getBytesInUse?: (k: null) => Promise<number> } } } }).browser?.storage?.local;
  if (area?.getBytesInUse) return area.getBytesInUse(null);
  return (await listFavorites()).reduce((a, e) => a + e.bytes, 0);
}

export type { FavoriteThread };

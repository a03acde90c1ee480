import { useEffect, useMemo, useState } from 'preact/hooks';
import type { FavoritesViewProps } from '@/components/FavoritesView';
import type { EditOp, ThreadEdits } from '@/lib/digest/edits';
import { withEdit } from '@/lib/favorites/open';
import type { DigestItem } from '@/lib/digest/digest';
import type { Favorite, FavoriteThread } from '@/lib/favorites/schema';
import { haystack, searchFavorites } from '@/lib/favorites/search';
import type { Thread } from '@/lib/hn/thread';
import { importProblemText, t } from '@/lib/i18n';
import type { AnswerEntry, OverviewEntry } from '@/lib/overview/state';
import type { SummariesState } from '@/lib/panel/summaries';
import { exportFavorites, ImportError, watchFavorites, getFavorites, importFavorites, listFavorites, MAX_IMPORT_BYTES, removeFavorite, saveFavorite, storageUsed, updateFavorite, type IndexEntry } from '@/lib/storage/favorites';

/** The favourites shelf for the panel: what is starred (kept in step with other panels), starring, the view's state. */
export function useFavorites() {
  const [entries, setEntries] = useState<IndexEntry[]>([]);
  const [query, setQuery] = useState('');
  const [hay, setHay] = useState<Map<string, string> | null>(null);
  const [bytes, setBytes] = useState<number | null>(null);
  const [message, setMessage] = useState<FavoritesViewProps['message']>(null);

  const refresh = () => void listFavorites().then(setEntries);
  useEffect(() => {
    refresh();
    // Another panel (another window) starring or removing shows here too.
    return watchFavorites(refresh);
  }, []);

  const starred = useMemo(() => new Set(entries.map((e) => `${e.kind}:${e.id}`)), [entries]);
  const fail = (err: unknown) => setMessage({ text: t('favSaveFailed', { error: (err as Error).message }), error: true });

  /** Loads what search needs (all favourites' text) when the view opens, after the list is shown. */
  const loadSearch = async () => {
    // After the list has painted: reading every favourite is the slow part.
    await new Promise((r) => setTimeout(r, 150));
    setBytes(await storageUsed());
    const all = await getFavorites(await listFavorites());
    setHay(new Map(all.map((f) => [`${f.kind}:${f.id}`, haystack(f)])));
  };

  const remove = async (kind: Favorite['kind'], id: number) => {
    const removed = await removeFavorite(kind, id).catch(fail);
    if (!removed) return;
    setMessage({
      text: t('favRemoved', { title: removed.story.title }),
      undo: () => void saveFavorite(removed).then(() => setMessage(null), fail),
    });
  };

  return {
    entries,
    starred,
    isStarred: (kind: Favorite['kind'], id: number) => starred.has(`${kind}:${id}`),
    /** Stars the thread with everything the panel has for it (or unstars it). */
    toggleThread: (thread: Thread, s: Pick<SummariesState, 'cards' | 'meta' | 'overview' | 'ask'>, edits: ThreadEdits) => {
      if (starred.has(`thread:${thread.story.id}`)) return void remove('thread', thread.story.id);
      const now = Date.now();
      const fav: FavoriteThread = {
        kind: 'thread',
        id: thread.story.id,
        story: thread.story,
        comments: thread.comments,
        cards: [...s.cards.values()].filter((c) => c.status === 'done'),
        meta: s.meta,
        edits,
        overview: s.overview.entry,
        answers: s.ask.answers,
        starredAt: now,
        updatedAt: now,
      };
      void saveFavorite(fav).catch(fail);
    },
    /** Keeps a starred thread's favourite in step with its overview and answers (written, asked or cleared). */
    updateInsights: async (storyId: number, overview: OverviewEntry | null, answers: AnswerEntry[]) => {
      if (!starred.has(`thread:${storyId}`)) return;
      const same = (f: FavoriteThread) => JSON.stringify([f.overview, f.answers]) === JSON.stringify([overview ?? f.overview, answers]);
      await updateFavorite('thread', storyId, (f) => (f.kind !== 'thread' || same(f) ? f : { ...f, overview: overview ?? f.overview, answers, updatedAt: Date.now() })).catch(fail);
    },
    /** Keeps a starred thread's favourite in step with the user's edits, one change at a time. */
    updateThread: async (storyId: number, op: EditOp) => {
      if (!starred.has(`thread:${storyId}`)) return;
      await updateFavorite('thread', storyId, (f) => withEdit(f, op)).catch(fail);
    },
    toggleCard: (thread: Thread, item: DigestItem) => {
      const id = item.comment.id;
      if (starred.has(`card:${id}`)) return void remove('card', id);
      if (!item.body) return;
      const now = Date.now();
      void saveFavorite({ kind: 'card', id, story: { id: thread.story.id, title: thread.story.title }, comment: item.comment, body: item.body, color: item.color, starredAt: now, updatedAt: now }).catch(fail);
    },
    view: {
      entries,
      query,
      matches: useMemo(() => (query.trim() && hay ? searchFavorites(hay, query) : null), [query, hay]),
      bytesUsed: bytes,
      message,
      onQuery: setQuery,
      onRemove: (e: IndexEntry) => void remove(e.kind, e.id),
      onExport: async () => {
        const text = await exportFavorites();
        const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
        Object.assign(document.createElement('a'), { href: url, download: `hn-matome-favorites-${new Date().toISOString().slice(0, 10)}.json` }).click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
      onImport: async (file: File) => {
        try {
          // A file over the limit is refused by its size before it is read.
          setMessage({ text: t('imported', await importFavorites(file.size > MAX_IMPORT_BYTES ? '' : await file.text(), file.size)) });
          void loadSearch();
        } catch (err) {
          setMessage({ text: err instanceof ImportError ? importProblemText(err.problem) : t('favSaveFailed', { error: (err as Error).message }), error: true });
        }
      },
    },
    loadSearch,
    remove: (kind: Favorite['kind'], id: number) => void remove(kind, id),
    clearMessage: () => setMessage(null),
  };
}

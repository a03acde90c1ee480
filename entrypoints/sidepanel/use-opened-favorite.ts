import { useMemo, useState } from 'preact/hooks';
import type { EditOp } from '@/lib/digest/edits';
import { openFavorite, withEdit } from '@/lib/favorites/open';
import type { Favorite } from '@/lib/favorites/schema';
import type { SummariesState } from '@/lib/panel/summaries';
import type { PanelView } from '@/lib/panel/view';
import { idleJob } from '@/lib/summarize/card';
import { noAsk, noOverview } from '@/lib/overview/state';
import { getFavorite, updateFavorite, type FavKind } from '@/lib/storage/favorites';
import type { EditsSource } from './use-digest';

/**
 * A favourite opened from the shelf: its own view, with the cards and edits it was starred with. No page, no model,
 * no background job; edits are written to the favourite.
 */
export function useOpenedFavorite() {
  const [opened, setOpened] = useState<Favorite | null>(null);
  const shown = useMemo(() => (opened ? openFavorite(opened) : null), [opened]);

  const view = useMemo<Extract<PanelView, { kind: 'favorite' }> | null>(() => (opened && shown ? { kind: 'favorite', thread: shown.thread, favorite: opened.kind } : null), [opened, shown]);
  const summaries = useMemo<SummariesState | null>(
    () =>
      shown && {
        storyId: shown.thread.story.id,
        cards: shown.cards,
        drafts: new Map(),
        meta: shown.meta,
        model: null,
        job: idleJob(0),
        connected: false,
        overview: { ...noOverview(), entry: shown.overview },
        ask: noAsk(shown.answers),
      },
    [shown],
  );
  const source = useMemo<EditsSource | null>(
    () =>
      opened && shown && {
        edits: shown.edits,
        apply: async (op: EditOp) => {
          const f = await updateFavorite(opened.kind, opened.id, (x) => withEdit(x, op));
          return f ? openFavorite(f).edits : null;
        },
      },
    [opened, shown],
  );

  return {
    opened,
    view,
    summaries,
    source,
    open: async (kind: FavKind, id: number) => {
      const f = await getFavorite(kind, id);
      if (f) setOpened(f);
    },
    close: () => setOpened(null),
  };
}

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DigestView } from '@/components/Panel';
import type { Filter } from '@/components/DigestToolbar';
import { articleFileName, digestArticle, digestItems, nextColor, workedOnButLeftOut } from '@/lib/digest/digest';
import { applyEdit, noEdits, type EditOp, type ThreadEdits } from '@/lib/digest/edits';
import { renderHugoArticle } from '@/lib/export/hugo';
import type { Thread } from '@/lib/hn/thread';
import { t } from '@/lib/i18n';
import { kindOfColor, symbolOf } from '@/lib/palette';
import { OverlayResult, type OverlayRequest } from '@/lib/messages/content';
import type { SummariesState } from '@/lib/panel/summaries';
import type { Settings } from '@/lib/settings';
import { editThread, loadEdits, watchEdits } from '@/lib/storage/edits';
import { saveSettings } from '@/lib/storage/settings';

/** A highlight's symbol and name for the page ('' for none). */
const kindLabel = (color: string) => {
  const kind = kindOfColor(color);
  return kind === 'none' ? '' : `${symbolOf(kind)} ${t(kind)}`;
};

/** Where a digest's edits live: the thread's own record, or a favourite opened from the shelf. */
export interface EditsSource {
  edits: ThreadEdits;
  apply: (op: EditOp) => Promise<ThreadEdits | null>;
}

/**
 * The digest the user shapes: picks, edits, colours, title and tags (kept per thread in storage, one change at a
 * time, so two panels both keep theirs), the filter, the page overlay, keyboard focus, and export.
 */
export function useDigest(
  thread: Thread | null,
  tabId: number | null,
  summaries: SummariesState,
  settings: Settings | null,
  source: EditsSource | null = null,
  /** Told of every change once written (a starred thread's favourite follows them). */
  onSaved?: (op: EditOp) => void,
) {
  const [stored, setStored] = useState<ThreadEdits | null>(null);
  /** Changes made here and not written yet (typing is written once it pauses), shown over what is stored. */
  const [pending, setPending] = useState<EditOp[]>([]);
  const [filter, setFilter] = useState<Filter>('all');
  const pageOverlay = settings?.pageOverlay ?? false;
  const [focused, setFocused] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [exported, setExported] = useState<DigestView['exported']>(null);
  const [help, setHelp] = useState(false);
  /** Cards a change just put into the digest, said on the card for a moment. */
  const [notes, setNotes] = useState<ReadonlyMap<number, string>>(new Map());
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queue = useRef<EditOp[]>([]);
  const storyId = thread?.story.id ?? null;

  useEffect(() => {
    setStored(null);
    setPending([]);
    queue.current = [];
    setFocused(null);
    setEditing(null);
    setExported(null);
    if (source) return setStored(source.edits);
    if (storyId == null) return;
    void loadEdits(storyId).then(setStored);
    // Another panel's changes show here too.
    return watchEdits(storyId, setStored);
  }, [storyId, source]);

  const digestSize = settings?.digestSize ?? 80;
  const current = useMemo(() => {
    const base = stored ?? (storyId != null ? noEdits(storyId) : null);
    return base && pending.reduce((e, op) => applyEdit(e, op), base);
  }, [stored, pending, storyId]);
  const items = useMemo(() => (thread && current ? digestItems(thread, summaries.cards, current, digestSize) : []), [thread, summaries.cards, current, digestSize]);

  const flushing = useRef(false);
  /** Writes what is queued, one change at a time, each applied to what is stored then. */
  const flush = async () => {
    if (flushing.current) return;
    flushing.current = true;
    while (queue.current.length) {
      const op = queue.current[0]!;
      try {
        const after = source ? await source.apply(op) : storyId != null ? await editThread(storyId, op) : null;
        if (after) setStored(after);
        onSaved?.(op);
      } catch (err) {
        setExported({ message: t('editFailed', { error: (err as Error).message }), markdown: null, fileName: '', leftOut: 0 });
      }
      queue.current.shift();
      setPending([...queue.current]);
    }
    flushing.current = false;
  };

  /** Applies a change now and writes it: at once, or for typing once it pauses (the last text of a card wins). */
  const update = (op: EditOp) => {
    const q = queue.current;
    const same = op.op === 'body' ? q.findIndex((x, i) => i > 0 && x.op === 'body' && x.id === op.id) : -1;
    if (same >= 0) q[same] = op;
    else q.push(op);
    setPending([...q]);
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void flush(), op.op === 'body' ? 250 : 0);
  };
  useEffect(() => () => clearTimeout(saveTimer.current), []);

  // The page overlay follows the summaries and edits while it is on; what the page could not show is said.
  const [overlayLeftOut, setOverlayLeftOut] = useState(0);
  useEffect(() => {
    if (tabId == null) return;
    const req: OverlayRequest = { type: 'overlay', items: pageOverlay ? items.filter((i) => i.body).map((i) => ({ id: i.comment.id, text: i.body!, color: i.color, label: kindLabel(i.color) })) : null };
    const timer = setTimeout(
      () =>
        void browser.tabs.sendMessage(tabId, req).then(
          (raw: unknown) => {
            const r = OverlayResult.safeParse(raw);
            setOverlayLeftOut(r.success ? r.data.invalid : 0);
          },
          () => undefined,
        ),
      pageOverlay ? 150 : 0,
    );
    return () => clearTimeout(timer);
  }, [tabId, pageOverlay, items]);

  const byId = (id: number) => items.find((i) => i.comment.id === id);

  const doExport = async () => {
    if (!thread || !current || !settings) return;
    const article = digestArticle(thread, items, summaries.meta, current, settings, summaries.overview.entry);
    // Cards the user edited or recoloured and then took out: said, never dropped without a word.
    const leftOut = workedOnButLeftOut(items, current);
    if (!article.quotes.length) return setExported({ message: t('exportEmpty'), markdown: null, fileName: '', leftOut });
    const markdown = renderHugoArticle(article, { sectionSize: settings.sectionSize, months: settings.months });
    const fileName = articleFileName(thread);
    try {
      await navigator.clipboard.writeText(markdown);
      setExported({ message: t('exported', { n: article.quotes.length }), markdown, fileName, leftOut });
    } catch (err) {
      setExported({ message: t('copyFailed', { error: (err as Error).message }), markdown, fileName, leftOut });
    }
  };

  const view: Omit<DigestView, 'starredThread' | 'starredCards'> = {
    summaries,
    items,
    title: current?.title ?? summaries.meta?.title ?? null,
    tags: current?.tags ?? summaries.meta?.tags ?? null,
    filter,
    pageOverlay,
    focused,
    editing,
    exported,
    help,
    notes,
    overlayLeftOut: pageOverlay ? overlayLeftOut : 0,
    overrides: (current?.picksIn.length ?? 0) + (current?.picksOut.length ?? 0) + (current?.frozen ? 1 : 0),
  };

  /** A change of a card's text or colour puts it in the digest: the card says so for a moment. */
  const noteIfAdded = (id: number) => {
    if (byId(id)?.selected) return;
    setNotes((n) => new Map(n).set(id, t('addedByEdit')));
    setTimeout(() => setNotes((n) => {
      const next = new Map(n);
      next.delete(id);
      return next;
    }), 5000);
  };
  const actions = {
    toggle: (id: number) => {
      const item = byId(id);
      if (item) update({ op: 'pick', id, on: !item.selected });
    },
    automatic: () => update({ op: 'auto' }),
    edit: (id: number | null) => setEditing(id),
    body: (id: number, body: string) => {
      const card = summaries.cards.get(id);
      noteIfAdded(id);
      update({ op: 'body', id, text: card?.status === 'done' && card.ja === body ? null : body });
    },
    color: (id: number, color: string) => {
      noteIfAdded(id);
      update({ op: 'color', id, color });
    },
    cycleColor: (id: number) => {
      const item = byId(id);
      if (!item?.body) return;
      noteIfAdded(id);
      update({ op: 'color', id, color: nextColor(item.color) });
    },
    title: (title: string) => update({ op: 'title', title }),
    tags: (tags: string[]) => update({ op: 'tags', tags }),
    filter: setFilter,
    pageOverlay: (on: boolean) => void saveSettings({ pageOverlay: on }),
    export: () => void doExport(),
    closeExport: () => setExported(null),
    help: setHelp,
    focus: (id: number) => setFocused(id),
  };
  return { view, actions, items, edits: current };
}

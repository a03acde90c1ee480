import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DigestView } from '@/components/Panel';
import type { Filter } from '@/components/DigestToolbar';
import { articleFileName, digestArticle, digestItems, nextColor } from '@/lib/digest/digest';
import { noEdits, setBody, setColor, toggleSelected, type ThreadEdits } from '@/lib/digest/edits';
import { renderHugoArticle } from '@/lib/export/hugo';
import type { Thread } from '@/lib/hn/thread';
import { t } from '@/lib/i18n';
import type { OverlayRequest } from '@/lib/messages/content';
import type { SummariesState } from '@/lib/panel/summaries';
import type { Settings } from '@/lib/settings';
import { loadEdits, saveEdits } from '@/lib/storage/edits';

/**
 * The digest the user shapes: selection, edits, colours, title and tags (kept per thread in storage), the filter,
 * the page overlay, keyboard focus, and export.
 */
export function useDigest(
  thread: Thread | null,
  tabId: number | null,
  summaries: SummariesState,
  settings: Settings | null,
  /** Where edits come from and go: a favourite opened from the shelf, instead of the thread's own record. */
  source: { edits: ThreadEdits; save: (e: ThreadEdits) => Promise<void> } | null = null,
  /** Told of every edit once written (a starred thread's favourite follows them). */
  onSaved?: (e: ThreadEdits) => void,
) {
  const [edits, setEdits] = useState<ThreadEdits | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [pageOverlay, setPageOverlay] = useState(false);
  const [focused, setFocused] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [exported, setExported] = useState<DigestView['exported']>(null);
  const [help, setHelp] = useState(false);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const storyId = thread?.story.id ?? null;

  useEffect(() => {
    setEdits(null);
    setFocused(null);
    setEditing(null);
    setExported(null);
    if (source) setEdits(source.edits);
    else if (storyId != null) void loadEdits(storyId).then(setEdits);
  }, [storyId, source]);

  const digestSize = settings?.digestSize ?? 60;
  const current = edits ?? (storyId != null ? noEdits(storyId) : null);
  const items = useMemo(() => (thread && current ? digestItems(thread, summaries.cards, current, digestSize) : []), [thread, summaries.cards, current, digestSize]);

  /** Applies an edit now and writes it a moment later (typing writes once, not per key). */
  const update = (next: ThreadEdits) => {
    setEdits(next);
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(
      () =>
        void (source ? source.save(next) : saveEdits(next)).then(
          () => onSaved?.(next),
          (err: Error) => setExported({ message: err.message, markdown: null, fileName: '' }),
        ),
      250,
    );
  };
  useEffect(() => () => clearTimeout(saveTimer.current), []);

  // The page overlay follows the summaries and edits while it is on.
  useEffect(() => {
    if (tabId == null) return;
    const req: OverlayRequest = { type: 'overlay', items: pageOverlay ? items.filter((i) => i.body).map((i) => ({ id: i.comment.id, text: i.body!, color: i.color })) : null };
    const timer = setTimeout(() => void browser.tabs.sendMessage(tabId, req).catch(() => undefined), pageOverlay ? 150 : 0);
    return () => clearTimeout(timer);
  }, [tabId, pageOverlay, items]);

  const byId = (id: number) => items.find((i) => i.comment.id === id);

  const doExport = async () => {
    if (!thread || !current || !settings) return;
    const article = digestArticle(thread, items, summaries.meta, current, settings);
    if (!article.quotes.length) return setExported({ message: t('exportEmpty'), markdown: null, fileName: '' });
    const markdown = renderHugoArticle(article, { sectionSize: settings.sectionSize, months: settings.months });
    const fileName = articleFileName(thread);
    try {
      await navigator.clipboard.writeText(markdown);
      setExported({ message: t('exported', { n: article.quotes.length }), markdown, fileName });
    } catch (err) {
      setExported({ message: t('copyFailed', { error: (err as Error).message }), markdown, fileName });
    }
  };

  const view: Omit<DigestView, 'starredThread' | 'starredCards' | 'offline'> = {
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
  };

  const selected = () => new Set(items.filter((i) => i.selected).map((i) => i.comment.id));
  const actions = {
    toggle: (id: number) => current && update(toggleSelected(current, selected(), id)),
    edit: (id: number | null) => setEditing(id),
    body: (id: number, body: string) => {
      const card = summaries.cards.get(id);
      if (current && card?.status === 'done') update(setBody(current, id, body, card.ja));
    },
    color: (id: number, color: string) => current && update(setColor(current, id, color)),
    cycleColor: (id: number) => {
      const item = byId(id);
      if (current && item?.body) update(setColor(current, id, nextColor(item.color)));
    },
    title: (title: string) => current && update({ ...current, title, updatedAt: Date.now() }),
    tags: (tags: string[]) => current && update({ ...current, tags, updatedAt: Date.now() }),
    filter: setFilter,
    pageOverlay: setPageOverlay,
    export: () => void doExport(),
    closeExport: () => setExported(null),
    help: setHelp,
    focus: (id: number) => setFocused(id),
  };
  return { view, actions, items, edits: current };
}

import { t } from '@/lib/i18n';
import type { IndexEntry } from '@/lib/storage/favorites';
import { VirtualList } from './VirtualList';

export interface FavoritesViewProps {
  entries: readonly IndexEntry[];
  /** Keys (`kind:id`) that match the search; null while there is no query. */
  matches: ReadonlySet<string> | null;
  query: string;
  bytesUsed: number | null;
  message: { text: string; error?: boolean; undo?: () => void } | null;
  onQuery: (q: string) => void;
  onOpen: (e: IndexEntry) => void;
  onRemove: (e: IndexEntry) => void;
  onExport: () => void;
  onImport: (file: File) => void;
  onClose: () => void;
}

const size = (b: number | null) => (b == null ? '…' : b < 1024 * 1024 ? `${(b / 1024).toFixed(0)} KB` : `${(b / 1024 / 1024).toFixed(1)} MB`);

/** The shelf: newest first, searchable, each favourite opened or removed (with undo); export and import. */
export function FavoritesView(p: FavoritesViewProps) {
  const shown = p.matches ? p.entries.filter((e) => p.matches!.has(`${e.kind}:${e.id}`)) : p.entries;
  return (
    <section class="favorites" data-testid="favorites">
      <div class="fav-head">
        <h2>{t('favorites')}</h2>
        <button type="button" class="small" onClick={p.onClose}>
          {t('back')}
        </button>
      </div>
      <p class="hint" data-testid="fav-count">
        {t('favCount', { n: p.entries.length, size: size(p.bytesUsed) })}
      </p>
      <input type="search" class="fav-search" placeholder={t('favSearch')} aria-label={t('favSearch')} value={p.query} data-testid="fav-search" onInput={(e) => p.onQuery(e.currentTarget.value)} />
      {p.message && (
        <p class={p.message.error ? 'job-error' : 'notice'} role={p.message.error ? 'alert' : 'status'} data-testid="fav-message">
          {p.message.text}
          {p.message.undo && (
            <>
              {' '}
              <button type="button" class="link" data-testid="undo" onClick={p.message.undo}>
                {t('undo')}
              </button>
            </>
          )}
        </p>
      )}
      {p.entries.length === 0 ? (
        <p class="hint">{t('favEmpty')}</p>
      ) : shown.length === 0 ? (
        <p class="hint">{t('favNone')}</p>
      ) : (
        // A long shelf renders only what is near the view.
        <VirtualList items={shown} keyOf={(e) => `${e.kind}:${e.id}`} estimate={() => 56} render={(e) => <Entry e={e} p={p} />} />
      )}
      <div class="actions">
        <button type="button" data-testid="fav-export" onClick={p.onExport}>
          {t('exportJson')}
        </button>
        <label class="button">
          {t('importJson')}
          <input
            type="file"
            accept="application/json,.json"
            data-testid="fav-import"
            hidden
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) p.onImport(file);
              e.currentTarget.value = '';
            }}
          />
        </label>
      </div>
    </section>
  );
}

function Entry({ e, p }: { e: IndexEntry; p: FavoritesViewProps }) {
  return (
    <div class="fav-item" data-testid="fav-item" data-kind={e.kind} data-id={e.id}>
      <button type="button" class="fav-open" onClick={() => p.onOpen(e)}>
        <span class="fav-kind">{e.kind === 'thread' ? '★' : '☆'}</span>
        <span class="fav-title">{e.title}</span>
        <span class="fav-sub">{e.sub}</span>
      </button>
      <button type="button" class="small" aria-label={`${t('remove')}: ${e.title}`} data-testid="fav-remove" onClick={() => p.onRemove(e)}>
        {t('remove')}
      </button>
    </div>
  );
}

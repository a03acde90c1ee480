import type { Filter } from '@/lib/digest/digest';
import { t } from '@/lib/i18n';

export type { Filter };

export interface DigestToolbarProps {
  filter: Filter;
  onFilter: (f: Filter) => void;
  /** The summaries under each comment on the HN page; null where there is no page (a favourite). */
  pageOverlay: boolean | null;
  onPageOverlay: (on: boolean) => void;
  picked: number;
  /** Ticks and unticks over the automatic pick; with any, "back to automatic" is offered. */
  overrides: number;
  onAutomatic: () => void;
  onExport: () => void;
  onHelp: () => void;
}

/** Filters, the page overlay, export. */
export function DigestToolbar(p: DigestToolbarProps) {
  return (
    <div class="digest-toolbar">
      <span class="filters" role="group" aria-label={t('filters')}>
        {(['all', 'digest', 'highlights'] as const).map((f) => (
          <button type="button" key={f} aria-pressed={p.filter === f} data-testid={`filter-${f}`} onClick={() => p.onFilter(f)}>
            {t(f === 'all' ? 'filterAll' : f === 'digest' ? 'filterDigest' : 'filterHighlights')}
          </button>
        ))}
      </span>
      {p.pageOverlay != null && (
        <label class="toggle">
          <input type="checkbox" checked={p.pageOverlay} data-testid="page-toggle" onChange={(e) => p.onPageOverlay(e.currentTarget.checked)} /> {t('pageToggle')}
        </label>
      )}
      {p.overrides > 0 && (
        <button type="button" class="small" data-testid="back-to-auto" title={t('backToAutoHint')} onClick={p.onAutomatic}>
          {t('backToAuto', { n: p.overrides })}
        </button>
      )}
      <button type="button" class="primary" data-testid="export" onClick={p.onExport} title="Ctrl/⌘+E">
        {t('export')} ({p.picked})
      </button>
      <button type="button" class="icon" aria-label={t('help')} onClick={p.onHelp}>
        ?
      </button>
    </div>
  );
}

import { t } from '@/lib/i18n';

export type BuiltInStatus = 'unavailable' | 'downloadable' | 'downloading' | 'available' | 'checking';
export interface BuiltIn {
  status: BuiltInStatus;
  /** 0..1 while it downloads. */
  progress: number | null;
}

const words = (): Record<BuiltInStatus, string> => ({
  checking: t('s_checking'),
  unavailable: t('s_unavailable'),
  downloadable: t('s_downloadable'),
  downloading: t('s_downloading'),
  available: t('s_available'),
});

/** Chrome's built-in model: whether this browser has it, and its download where it can be had. */
export function BuiltInStatusLine({ builtIn, onDownload }: { builtIn: BuiltIn; onDownload: () => void }) {
  return (
    <p class="hint" data-testid="builtin-status">
      {t('s_builtinStatus')} {words()[builtIn.status]}
      {builtIn.progress != null && ` ${Math.round(builtIn.progress * 100)}%`}
      {builtIn.status === 'downloadable' && (
        <>
          {' '}
          <button type="button" class="small" data-testid="builtin-download" onClick={onDownload}>
            {t('s_download')}
          </button>
        </>
      )}
    </p>
  );
}

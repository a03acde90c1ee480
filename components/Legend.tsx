import { t } from '@/lib/i18n';
import { PALETTE } from '@/lib/palette';

/** What each highlight colour means. */
export function Legend() {
  return (
    <ul class="legend" aria-label={t('legend')}>
      {PALETTE.map((p) => (
        <li key={p.kind}>
          <span class="swatch" style={{ background: p.color }} aria-hidden="true" />
          {t(p.kind)}
        </li>
      ))}
    </ul>
  );
}

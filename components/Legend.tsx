import { t } from '@/lib/i18n';
import { PALETTE } from '@/lib/palette';
import { KindChip } from './KindChip';

/** What each highlight means: the same chips the cards carry. */
export function Legend() {
  return (
    <ul class="legend" aria-label={t('legend')}>
      {PALETTE.map((p) => (
        <li key={p.kind}>
          <KindChip kind={p.kind} />
        </li>
      ))}
    </ul>
  );
}

import { t } from '@/lib/i18n';
import { KIND_COLORS } from '@/lib/summarize/schema';

export const KIND_LABEL_KEYS = { insight: 'insight', experience: 'experience', counterpoint: 'counterpoint', data: 'data', humour: 'humour' } as const;

/** What each highlight colour means. */
export function Legend() {
  return (
    <ul class="legend" aria-label={t('legend')}>
      {(Object.keys(KIND_COLORS) as (keyof typeof KIND_COLORS)[]).map((k) => (
        <li key={k}>
          <span class="swatch" style={{ background: KIND_COLORS[k] }} aria-hidden="true" />
          {t(KIND_LABEL_KEYS[k])}
        </li>
      ))}
    </ul>
  );
}

import { t } from '@/lib/i18n';

/** ☆/★: star or unstar a thread or a card. */
export function StarButton({ on, onToggle, label }: { on: boolean; onToggle: () => void; label: string }) {
  return (
    <button
      type="button"
      class={`star${on ? ' on' : ''}`}
      aria-pressed={on}
      aria-label={`${on ? t('unstar') : t('star')}: ${label}`}
      title={on ? t('unstar') : t('star')}
      data-testid="favorite"
      data-on={on ? 'true' : 'false'}
      onClick={(e) => {
        e.stopPropagation();
        onToggle();
      }}
    >
      {on ? '★' : '☆'}
    </button>
  );
}

import { t } from '@/lib/i18n';

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help" onClick={onClose}>
      <div class="overlay-box" onClick={(e) => e.stopPropagation()}>
        <h2 id="help-title">{t('help')}</h2>
        <ul class="keys">
          {t('helpKeys')
            .split(' · ')
            .map((line) => (
              <li key={line}>{line}</li>
            ))}
        </ul>
        <button type="button" onClick={onClose} ref={(el) => el?.focus()}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';

/** What saving asked of the browser: access to the endpoint's origin, decided in its prompt (which may stay open). */
export interface Access {
  origin: string;
  answer: Promise<boolean>;
}

/** Says that the browser is asking while its permission prompt is open, then what it decided (nothing when granted at once). */
export function AccessNote({ access }: { access: Access | null }) {
  const [state, setState] = useState<'asking' | 'granted' | 'refused' | null>(null);
  useEffect(() => {
    setState(null);
    if (!access) return;
    let live = true;
    let asked = false;
    // A prompt that answers at once (already granted) is not worth a word.
    const timer = setTimeout(() => live && ((asked = true), setState('asking')), 300);
    void access.answer.then((granted) => {
      clearTimeout(timer);
      if (live) setState(granted ? (asked ? 'granted' : null) : 'refused');
    });
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [access]);
  if (!access || !state) return null;
  const text = state === 'asking' ? t('s_asking', { origin: access.origin }) : state === 'granted' ? t('s_granted', { origin: access.origin }) : t('s_noPermission', { origin: access.origin });
  return (
    <p class={state === 'refused' ? 'job-error' : 'notice'} role="status" data-testid="access-status">
      {text}
    </p>
  );
}

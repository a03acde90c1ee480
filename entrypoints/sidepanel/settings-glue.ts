import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { KeyStatus, TestResult, type SettingsRequest } from '@/lib/messages/settings';
import { loadSettings, saveSettings, watchSettings, type Settings } from '@/lib/storage/settings';
import { builtInModel, LANGUAGE_OPTIONS } from '@/lib/summarize/built-in';
import type { BuiltInStatus } from '@/components/SettingsView';

const ask = async <T,>(schema: { parse(v: unknown): T }, req: SettingsRequest): Promise<T> => schema.parse(await browser.runtime.sendMessage(req));

/** Settings as stored, following changes from any panel. */
export function useSettings(): Settings | null {
  const [s, setS] = useState<Settings | null>(null);
  useEffect(() => {
    void loadSettings().then(setS);
    return watchSettings(setS);
  }, []);
  return s;
}

export const keyStatus = () => ask(KeyStatus, { type: 'key:status' });

/**
 * Saves the settings and the key. The endpoint's origin is asked for as an optional host permission first, while the
 * click still counts as a user gesture; a refusal is explained, and the settings are saved all the same.
 */
export async function saveAll(patch: Partial<Settings>, key: string | null): Promise<string> {
  let note = '';
  if (patch.provider === 'openai' && patch.baseUrl) {
    const origins = [`${new URL(patch.baseUrl).origin}/*`];
    // Called before any other await, so the click still counts as the user's gesture. Already granted: true at once.
    const granted = await browser.permissions.request({ origins }).catch(() => false);
    if (!granted) note = ` ${t('s_noPermission', { origin: new URL(patch.baseUrl).origin })}`;
  }
  await saveSettings(patch);
  if (key != null) await ask(KeyStatus, { type: 'key:set', key });
  return `${t('s_savedOk')}${note}`;
}

export const testEndpoint = () => ask(TestResult, { type: 'endpoint:test' });

/** Chrome's on-device model: whether it is here, and its download (which needs the click's user gesture). */
export function useBuiltIn() {
  const [status, setStatus] = useState<BuiltInStatus>('checking');
  const [progress, setProgress] = useState<number | null>(null);
  useEffect(() => {
    const api = builtInModel();
    if (!api) return setStatus('unavailable');
    api.availability(LANGUAGE_OPTIONS).then(setStatus, () => setStatus('unavailable'));
  }, []);
  const download = () => {
    const api = builtInModel();
    if (!api) return;
    setStatus('downloading');
    api
      .create({
        ...LANGUAGE_OPTIONS,
        monitor: (m: EventTarget) => m.addEventListener('downloadprogress', (e) => setProgress((e as ProgressEvent).loaded)),
      })
      .then(
        (session) => {
          session.destroy();
          setStatus('available');
          setProgress(null);
        },
        () => setStatus('unavailable'),
      );
  };
  return { status, progress, download };
}

import { useEffect, useState } from 'preact/hooks';
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

/** What saving asked of the browser: access to the endpoint's origin, still being decided while its prompt is open. */
export interface SaveResult {
  origin: string | null;
  access: Promise<boolean> | null;
}

/**
 * Saves the settings and the key. The endpoint's origin is asked for as an optional host permission first, while the
 * click still counts as a user gesture; the settings are saved without waiting for the browser's prompt (the user may
 * leave it open), and the panel says what the browser decided when it does.
 */
export async function saveAll(patch: Partial<Settings>, key: string | null): Promise<SaveResult> {
  let origin: string | null = null;
  let access: Promise<boolean> | null = null;
  if (patch.provider === 'openai' && patch.baseUrl) {
    origin = new URL(patch.baseUrl).origin;
    // Called before any other await, so the click still counts as the user's gesture. Already granted: true at once.
    access = browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
  }
  await saveSettings(patch);
  const baseUrl = patch.baseUrl ?? (await loadSettings()).baseUrl;
  if (key != null) await ask(KeyStatus, { type: 'key:set', key, baseUrl });
  return { origin, access };
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

import type { Access } from '@/components/AccessNote';
import { useEffect, useState } from 'preact/hooks';
import { KeyStatus, TestResult, type SettingsRequest } from '@/lib/messages/settings';
import { loadSettings, saveSettings, watchSettings, type Settings } from '@/lib/storage/settings';

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
 * click still counts as a user gesture; the settings are saved without waiting for the browser's prompt (the user may
 * leave it open), and the panel says what the browser decided when it does.
 */
export async function saveAll(patch: Partial<Settings>, key: string | null): Promise<Access | null> {
  let access: Access | null = null;
  if (patch.provider === 'openai' && patch.baseUrl) {
    const origin = new URL(patch.baseUrl).origin;
    // Called before any other await, so the click still counts as the user's gesture. Already granted: true at once.
    access = { origin, answer: browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false) };
  }
  await saveSettings(patch);
  const baseUrl = patch.baseUrl ?? (await loadSettings()).baseUrl;
  if (key != null) await ask(KeyStatus, { type: 'key:set', key, baseUrl });
  return access;
}

/**
 * Saves and tests the endpoint the way the jobs will use it. A model the endpoint chose (none was set, or Gemini's
 * `models/` form was typed) is kept.
 */
export async function connect(patch: Settings, key: string | null): Promise<{ result: TestResult; access: Access | null }> {
  const access = await saveAll(patch, key);
  const result = await testEndpoint();
  if (result.ok && result.model !== patch.model) await saveSettings({ model: result.model });
  return { result, access };
}

export const testEndpoint = () => ask(TestResult, { type: 'endpoint:test' });

import { storage } from '@wxt-dev/storage';
import { parseSettings, Settings } from '../settings';

export { parseSettings, Settings };

const item = storage.defineItem<unknown>('local:settings', { fallback: {} });

export async function loadSettings(): Promise<Settings> {
  return parseSettings(await item.getValue());
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = Settings.parse({ ...(await loadSettings()), ...patch });
  await item.setValue(next);
  return next;
}

export function watchSettings(cb: (s: Settings) => void): () => void {
  return item.watch((raw) => cb(parseSettings(raw)));
}

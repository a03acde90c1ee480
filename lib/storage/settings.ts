import { storage } from '@wxt-dev/storage';
import { parseSettings, Settings } from '../settings';

export { parseSettings, Settings };

/** Version 1 had no provider preset: the one its base URL belongs to is written in (`parseSettings` reads it so too). */
const item = storage.defineItem<unknown>('local:settings', { fallback: {}, version: 2, migrations: { 2: (old: unknown) => parseSettings(old) } });

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

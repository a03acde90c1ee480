import { storage } from '@wxt-dev/storage';
import { z } from 'zod';

/** User settings. Every field falls back to its default on its own, so one bad value never resets the rest. */
export const Settings = z.object({
  /** Most HN pages read for one thread (HN splits large threads with a "More" link). */
  maxPages: z.number().int().min(1).max(200).catch(20),
  /** Pause between HN page fetches. */
  pageDelayMs: z.number().int().min(0).max(60_000).catch(1000),
});
export type Settings = z.infer<typeof Settings>;

const item = storage.defineItem<unknown>('local:settings', { fallback: {} });

export const parseSettings = (raw: unknown): Settings => Settings.parse(typeof raw === 'object' && raw ? raw : {});

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

// The API key: read and written by the background only, sent only to the configured endpoint.
import { storage } from '@wxt-dev/storage';
import * as z from 'zod/mini';

const item = storage.defineItem<unknown>('local:apiKey', { fallback: '' });

export async function loadApiKey(): Promise<string> {
  const parsed = z.string().safeParse(await item.getValue());
  return parsed.success ? parsed.data : '';
}

export async function saveApiKey(key: string): Promise<void> {
  await item.setValue(key.trim());
}

/** What the panel may know of the key: whether there is one, and its last four characters. */
export const keyHint = (key: string) => (key ? `…${key.slice(-4)}` : null);

import { storage, type StorageItemKey } from '@wxt-dev/storage';

/**
 * Keeps a stored value this version cannot read (written by a newer version, or damaged) under `<key>-unreadable`
 * before anything is written over it: nothing is ever dropped because its format did not match. The first copy kept
 * stays; a later one does not replace it.
 */
export async function setAside(key: StorageItemKey, value: unknown): Promise<void> {
  if (value == null) return;
  const aside = `${key}-unreadable` as StorageItemKey;
  if ((await storage.getItem(aside)) == null) await storage.setItem(aside, value);
}

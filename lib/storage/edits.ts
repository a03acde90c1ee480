import { storage, type StorageItemKey } from '@wxt-dev/storage';
import { noEdits, ThreadEdits } from '../digest/edits';

const key = (id: number): StorageItemKey => `local:edits:${id}`;

/** The user's edits of a thread's digest; none when there are none or what is stored does not validate. */
export async function loadEdits(id: number): Promise<ThreadEdits> {
  const parsed = ThreadEdits.safeParse(await storage.getItem(key(id)));
  return parsed.success && parsed.data.storyId === id ? parsed.data : noEdits(id);
}

export async function saveEdits(e: ThreadEdits): Promise<void> {
  await storage.setItem(key(e.storyId), e);
}

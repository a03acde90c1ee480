import { storage, type StorageItemKey } from '@wxt-dev/storage';
import { applyEdit, EDITS_VERSION, editsFromV1, noEdits, ThreadEdits, type EditOp } from '../digest/edits';
import { setAside } from './aside';
import { exclusive } from './lock';

/**
 * The user's edits of each thread's digest: a versioned item per thread. Every change is one operation applied to what
 * is stored now, under a lock shared by every panel, so two panels editing one thread both keep their edits.
 */
const key = (id: number): StorageItemKey => `local:edits:${id}`;
const item = (id: number) => storage.defineItem<unknown>(key(id), { version: EDITS_VERSION, migrations: { 2: editsFromV1 } });

async function read(id: number): Promise<ThreadEdits> {
  const raw = await item(id).getValue();
  const parsed = ThreadEdits.safeParse(raw);
  if (parsed.success && parsed.data.storyId === id) return parsed.data;
  // What cannot be read (a newer version's, or damaged) is set aside, never written over.
  await setAside(key(id), raw);
  return noEdits(id);
}

/** The user's edits of a thread's digest; none when there are none. */
export const loadEdits = (id: number): Promise<ThreadEdits> => read(id);

/** Applies one change to the thread's edits as stored now; resolves to the edits after it. */
export function editThread(id: number, op: EditOp): Promise<ThreadEdits> {
  return exclusive(`edits:${id}`, async () => {
    const next = applyEdit(await read(id), op);
    await item(id).setValue(next);
    return next;
  });
}

/** Follows the thread's edits as any panel changes them. */
export function watchEdits(id: number, cb: (e: ThreadEdits) => void): () => void {
  return storage.watch<unknown>(key(id), (raw) => {
    const parsed = ThreadEdits.safeParse(raw);
    if (parsed.success) cb(parsed.data);
  });
}

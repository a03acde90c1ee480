// API keys: read and written by the background only, each bound to the origin of the endpoint it was entered for.
import { storage } from '@wxt-dev/storage';
import { originOf } from '../endpoint/presets';

/**
 * Where keys are kept. In the extension it is the background's own IndexedDB: the extension origin's storage, which
 * content scripts do not share (they can read `storage.local`, so a key never goes there).
 */
export interface KeyVault {
  get(origin: string): Promise<string | null>;
  set(origin: string, key: string | null): Promise<void>;
}

const STORE = 'keys';

/** The extension origin's IndexedDB: one record per endpoint origin. */
export function indexedDbVault(name = 'hn-matome-keys'): KeyVault {
  let db: Promise<IDBDatabase> | null = null;
  const open = () =>
    (db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }));
  const run = async <T,>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const tx = (await open()).transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    return new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  };
  return {
    get: async (origin) => {
      const v: unknown = await run('readonly', (s) => s.get(origin));
      return typeof v === 'string' && v ? v : null;
    },
    set: async (origin, key) => {
      await run<unknown>('readwrite', (s) => (key ? s.put(key, origin) : s.delete(origin)) as IDBRequest<unknown>);
    },
  };
}

/** A vault in memory, for tests and as a last resort where IndexedDB is refused. */
export function memoryVault(): KeyVault {
  const keys = new Map<string, string>();
  return {
    get: async (origin) => keys.get(origin) ?? null,
    set: async (origin, key) => void (key ? keys.set(origin, key) : keys.delete(origin)),
  };
}

/** Where versions before this one kept the single key: `storage.local`, which content scripts can read. */
const legacy = storage.defineItem<unknown>('local:apiKey');

/**
 * The keys, by endpoint origin: the key entered for one endpoint is only ever sent to that endpoint's origin. A base
 * URL changed to another origin (by the user, or written into `storage.local` by anything else) has no key until one
 * is entered for it.
 */
export class ApiKeys {
  private migrated: Promise<void> | null = null;

  constructor(private readonly vault: KeyVault) {}

  /** Moves a key left in `storage.local` by an earlier version into the vault, for the endpoint set now; then removes it. */
  migrate(baseUrl: string): Promise<void> {
    this.migrated ??= (async () => {
      const old = await legacy.getValue();
      const origin = originOf(baseUrl);
      if (typeof old === 'string' && old.trim() && origin && !(await this.vault.get(origin))) await this.vault.set(origin, old.trim());
      if (old != null) await legacy.removeValue();
    })().catch((err: unknown) => {
      this.migrated = null;
      throw err;
    });
    return this.migrated;
  }

  /** The key for this endpoint's origin; '' when none was entered for it. */
  async forEndpoint(baseUrl: string): Promise<string> {
    await this.migrate(baseUrl);
    const origin = originOf(baseUrl);
    return (origin && (await this.vault.get(origin))) || '';
  }

  /** Keeps `key` for this endpoint's origin ('' forgets it). */
  async save(baseUrl: string, key: string): Promise<void> {
    const origin = originOf(baseUrl);
    if (!origin) throw new Error(`not a URL: ${baseUrl}`);
    await this.migrate(baseUrl);
    await this.vault.set(origin, key.trim() || null);
  }
}

/** What the panel may know of the key: whether there is one, and its last four characters. */
export const keyHint = (key: string) => (key ? `…${key.slice(-4)}` : null);

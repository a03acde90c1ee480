import { storage, type StorageItemKey } from '@wxt-dev/storage';
import * as z from 'zod/mini';
import { fnv1a } from '../summarize/hash';
import { setAside } from './aside';
import { PROMPT_VERSION, SCORE_VERSION } from '../summarize/prompt';
import { HighlightKind, ThreadMeta } from '../summarize/schema';
import { eachValid } from '../messages/items';
import { AnswerEntry, OverviewEntry } from '../overview/state';

/**
 * The summary cache in storage.local: one record per thread, plus small chunks appended while a job runs so that
 * every finished summary is on disk within a moment without rewriting the whole record each time. Least recently
 * used threads are evicted past a size cap. One writer (the background), writes serialised.
 */

/**
 * A comment's summary and what it was written from: the comment's text (its hash), the model and the prompt version.
 * It is shown whatever model is set now (a card written by another model says so and can be re-run); it is only
 * written again by a real re-run.
 */
export const SummaryEntry = z.object({ h: z.string(), m: z.string(), p: z.string(), ja: z.string(), score: z.int(), kind: HighlightKind });
export type SummaryEntry = z.infer<typeof SummaryEntry>;

/** The first format kept one key, `hash:model:prompt` (the model may hold colons, e.g. `llama3.1:8b@…`). */
const EntryV1 = z.object({ k: z.string(), ja: z.string(), score: z.int(), kind: HighlightKind });

/** An entry in either format, as the current one; null when it is neither. */
function readEntry(raw: unknown): SummaryEntry | null {
  const v2 = SummaryEntry.safeParse(raw);
  if (v2.success) return v2.data;
  const v1 = EntryV1.safeParse(raw);
  if (!v1.success) return null;
  const { k, ...rest } = v1.data;
  const first = k.indexOf(':');
  const last = k.lastIndexOf(':');
  if (first < 0 || last <= first) return null;
  return { h: k.slice(0, first), m: k.slice(first + 1, last), p: k.slice(last + 1), ...rest };
}

/** Every entry of a stored map that still reads; one bad entry never costs the rest. */
function readEntries(raw: unknown): Record<string, SummaryEntry> {
  const out: Record<string, SummaryEntry> = {};
  if (raw && typeof raw === 'object') for (const [id, v] of Object.entries(raw)) {
    const e = readEntry(v);
    if (e) out[id] = e;
  }
  return out;
}

/**
 * What a summary was written from, for its entry. Editor mode's score alone is kept as an entry with no Japanese
 * (`ja` ''), under the score prompt's version: a later summary of the comment replaces it.
 */
export const entryFor = (text: string, model: string, s: { ja?: string; score: number; kind: HighlightKind }): SummaryEntry => ({
  h: fnv1a(text),
  m: model,
  p: s.ja ? PROMPT_VERSION : SCORE_VERSION,
  ja: s.ja ?? '',
  score: s.score,
  kind: s.kind,
});

/**
 * How an entry differs from what would be asked now: the comment's text (given by its hash, as the panel names it),
 * the model, or the prompt; null: it does not.
 */
export function staleness(e: Pick<SummaryEntry, 'h' | 'm' | 'p' | 'ja'>, textHash: string, model: string): 'text' | 'model' | 'prompt' | null {
  if (e.h !== textHash) return 'text';
  if (e.m !== model) return 'model';
  return e.p === (e.ja ? PROMPT_VERSION : SCORE_VERSION) ? null : 'prompt';
}

const Entries = z.record(z.string(), SummaryEntry);
const MetaEntry = z.extend(ThreadMeta, { m: z.string(), p: z.string() });
export type MetaEntry = z.infer<typeof MetaEntry>;

/** A thread's compacted record, rewritten only when compacting or when its title, overview or answers change. */
const Head = z.object({
  storyId: z.int(),
  cards: Entries,
  meta: z.nullable(MetaEntry),
  overview: z.nullable(OverviewEntry),
  answers: z.array(AnswerEntry),
});
const HEAD_VERSION = 3;

/** Version 1 held `v: 1`, entries keyed `hash:model:prompt`, and the title's entry keyed the same way. */
function headFromV1(old: unknown): unknown {
  if (!old || typeof old !== 'object') return old;
  const o = old as { storyId?: unknown; cards?: unknown; meta?: { k?: string; m?: string; title?: unknown; tags?: unknown } | null };
  if (o.meta?.m !== undefined) return old; // already in this version's shape
  const k = o.meta?.k ?? '';
  const meta = o.meta ? { title: o.meta.title, tags: o.meta.tags, m: k.slice(k.indexOf(':') + 1, k.lastIndexOf(':')), p: k.slice(k.lastIndexOf(':') + 1) } : null;
  return { storyId: o.storyId, cards: readEntries(o.cards), meta };
}
/** Version 2 had no overview and no answers. */
const headFromV2 = (old: unknown): unknown => (old && typeof old === 'object' ? { overview: null, answers: [], ...old } : old);
const headItem = (id: number) => storage.defineItem<unknown>(headKey(id), { version: HEAD_VERSION, migrations: { 2: headFromV1, 3: headFromV2 } });
type Head = z.infer<typeof Head>;

/** Per thread: when it was last used, its size, and how many chunks (`sum:<id>:0 … chunks-1`) add to its record. */
const Index = z.record(z.string(), z.object({ lastUsed: z.number(), bytes: z.number(), chunks: z.int().check(z.nonnegative()) }));
type Index = z.infer<typeof Index>;

const headKey = (id: number): StorageItemKey => `local:sum:${id}`;
const chunkKey = (id: number, n: number): StorageItemKey => `local:sum:${id}:${n}`;
const INDEX: StorageItemKey = 'local:sum-index';
/** Past this many chunks a thread's record is compacted into one. */
const MAX_CHUNKS = 32;

const size = (v: unknown) => JSON.stringify(v).length;

export interface ThreadSummaries {
  cards: Map<number, SummaryEntry>;
  meta: MetaEntry | null;
  overview: OverviewEntry | null;
  answers: AnswerEntry[];
}

interface Loaded {
  head: Head;
  /** Head and chunks merged: what the thread has. */
  all: Record<string, SummaryEntry>;
  bytes: number;
}

export class SummaryStore {
  private loaded = new Map<number, Loaded>();
  private index: Index | null = null;
  private pending = new Map<number, { entries: Record<string, SummaryEntry>; head: boolean }>();
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;
  /** Threads never evicted (open in a panel, or with a running job). */
  readonly pinned = new Set<number>();

  /** The cache's size cap (a setting; the background updates it when it changes). */
  constructor(public capBytes: number) {}

  private async loadIndex(): Promise<Index> {
    if (!this.index) {
      const parsed = Index.safeParse(await storage.getItem(INDEX));
      this.index = parsed.success ? parsed.data : {};
    }
    return this.index;
  }

  /** Reads a thread's record and chunks, dropping anything that does not validate. */
  private async get(id: number): Promise<Loaded> {
    const cached = this.loaded.get(id);
    if (cached) return cached;
    const index = await this.loadIndex();
    const stored = (await headItem(id).getValue()) as { storyId?: unknown; cards?: unknown; meta?: unknown; overview?: unknown; answers?: unknown } | null;
    const parsedMeta = MetaEntry.safeParse(stored?.meta);
    const parsedOverview = OverviewEntry.safeParse(stored?.overview);
    // A record with entries this version cannot read (a newer version's) is kept aside before a compaction rewrites it.
    const answers = eachValid(AnswerEntry, Array.isArray(stored?.answers) ? stored.answers : []);
    const unread = Object.keys(readEntries(stored?.cards)).length < Object.keys(stored?.cards ?? {}).length || answers.dropped > 0 || (stored?.overview != null && !parsedOverview.success);
    if (stored && unread) await setAside(headKey(id), stored);
    // Entries are read one by one: one that does not validate is left out, never the whole thread.
    const head: Head = {
      storyId: id,
      cards: readEntries(stored?.cards),
      meta: parsedMeta.success ? parsedMeta.data : null,
      overview: parsedOverview.success ? parsedOverview.data : null,
      // One answer that does not read is left out (and the record kept aside), never the others.
      answers: answers.items,
    };
    const all = { ...head.cards };
    let bytes = size(head);
    const chunks = index[id]?.chunks ?? 0;
    if (chunks) {
      for (const { value } of await storage.getItems(Array.from({ length: chunks }, (_, n) => chunkKey(id, n)))) {
        const entries = readEntries(value);
        Object.assign(all, entries);
        bytes += size(entries);
      }
    }
    const l = { head, all, bytes };
    this.loaded.set(id, l);
    return l;
  }

  async load(id: number): Promise<ThreadSummaries> {
    await this.writing.catch(() => undefined);
    const l = await this.get(id);
    const index = await this.loadIndex();
    index[id] = { lastUsed: Date.now(), bytes: l.bytes, chunks: index[id]?.chunks ?? 0 };
    return { cards: new Map(Object.entries(l.all).map(([k, v]) => [Number(k), v])), meta: l.head.meta, overview: l.head.overview, answers: l.head.answers };
  }

  private queue(id: number) {
    let p = this.pending.get(id);
    if (!p) this.pending.set(id, (p = { entries: {}, head: false }));
    return p;
  }

  /** Adds a finished summary; it is written within a moment (see `flush`). */
  add(id: number, commentId: number, entry: SummaryEntry) {
    this.queue(id).entries[commentId] = entry;
    this.schedule();
  }

  async setMeta(id: number, meta: MetaEntry) {
    await this.setHead(id, { meta });
  }

  async setOverview(id: number, overview: OverviewEntry) {
    await this.setHead(id, { overview });
  }

  /** The thread's questions and answers, as the reader has them now (one asked, or cleared). */
  async setAnswers(id: number, answers: AnswerEntry[]) {
    await this.setHead(id, { answers });
  }

  private async setHead(id: number, patch: Partial<Pick<Head, 'meta' | 'overview' | 'answers'>>) {
    const l = await this.get(id);
    Object.assign(l.head, patch);
    this.queue(id).head = true;
    this.schedule();
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    this.writing = this.writing
      .catch(() => undefined)
      .then(() => {
        this.scheduled = false;
        return this.write();
      });
  }

  /** Resolves once everything added so far is in storage; rejects if storage refused it (e.g. quota). */
  flush(): Promise<void> {
    return this.writing;
  }

  private async write() {
    const batch = this.pending;
    this.pending = new Map();
    if (!batch.size) return;
    const index = await this.loadIndex();
    const items: { key: StorageItemKey; value: unknown }[] = [];
    const stale: StorageItemKey[] = [];
    for (const [id, { entries, head: headChanged }] of batch) {
      const l = await this.get(id);
      Object.assign(l.all, entries);
      const chunks = index[id]?.chunks ?? 0;
      const added = Object.keys(entries).length;
      if (chunks >= MAX_CHUNKS || headChanged) {
        // Compact: everything into the record, chunks dropped.
        l.head.cards = { ...l.all };
        for (let n = 0; n < chunks; n++) stale.push(chunkKey(id, n));
        items.push({ key: headKey(id), value: l.head }, { key: `${headKey(id)}$` as StorageItemKey, value: { v: HEAD_VERSION } });
        l.bytes = size(l.head);
        index[id] = { lastUsed: Date.now(), bytes: l.bytes, chunks: 0 };
      } else if (added) {
        items.push({ key: chunkKey(id, chunks), value: entries });
        l.bytes += size(entries);
        index[id] = { lastUsed: Date.now(), bytes: l.bytes, chunks: chunks + 1 };
      }
    }
    const evicted = this.evictions(index, new Set(batch.keys()));
    items.push({ key: INDEX, value: index });
    try {
      await storage.setItems(items);
    } catch (err) {
      // Keep what was not written for the next write; the caller hears of it through flush().
      this.loaded.clear();
      this.index = null;
      for (const [id, p] of batch) {
        const q = this.queue(id);
        q.entries = { ...p.entries, ...q.entries };
        q.head ||= p.head;
      }
      throw err;
    }
    if (stale.length || evicted.length) await storage.removeItems([...stale, ...evicted]);
  }

  /** Drops least recently used threads until the total is under the cap; returns the keys to remove. */
  private evictions(index: Index, writing: Set<number>): StorageItemKey[] {
    let total = Object.values(index).reduce((a, e) => a + e.bytes, 0);
    const keys: StorageItemKey[] = [];
    const oldest = Object.entries(index).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [sid, e] of oldest) {
      if (total <= this.capBytes) break;
      const id = Number(sid);
      if (this.pinned.has(id) || writing.has(id) || this.pending.has(id)) continue;
      keys.push(headKey(id), ...Array.from({ length: e.chunks }, (_, n) => chunkKey(id, n)));
      this.loaded.delete(id);
      delete index[sid];
      total -= e.bytes;
    }
    return keys;
  }
}

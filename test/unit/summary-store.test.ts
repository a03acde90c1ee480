import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { entryFor, staleness, SummaryStore, type SummaryEntry } from '@/lib/storage/summaries';
import { PROMPT_VERSION } from '@/lib/summarize/prompt';
import { fnv1a } from '@/lib/summarize/hash';

const entry = (n: number, model = 'm'): SummaryEntry => entryFor(`text ${n}`, model, { ja: `要約${n}だよ`, score: n % 100, kind: 'none' });
const local = () => fakeBrowser.storage.local.get(null) as Promise<Record<string, unknown>>;

beforeEach(() => fakeBrowser.reset());

describe('summary cache', () => {
  test('an entry says what it was written from: the text, the model, the prompt version', () => {
    const e = entryFor('a', 'm', { ja: 'x', score: 1, kind: 'none' });
    expect(staleness(e, fnv1a('a'), 'm')).toBeNull();
    expect(staleness(e, fnv1a('b'), 'm')).toBe('text');
    expect(staleness(e, fnv1a('a'), 'n')).toBe('model');
    expect(staleness({ ...e, p: 'p0-old' }, fnv1a('a'), 'm')).toBe('prompt');
    expect(e.p).toBe(PROMPT_VERSION);
  });

  test('a first-version record (one key per entry) is migrated on read: every summary kept, and its model known', async () => {
    const k = `${fnv1a('text 1')}:llama3.1:8b@http://localhost:11434/v1:p1-abcdef12`;
    await fakeBrowser.storage.local.set({
      'sum:7': { v: 1, storyId: 7, cards: { 101: { k, ja: '古い要約', score: 80, kind: 'data' } }, meta: { k: `x:gpt@u:p1-abcdef12`, title: '題', tags: ['a'] } },
      'sum:7:0': { 102: { k, ja: 'チャンクの要約', score: 10, kind: 'none' } },
      'sum-index': { 7: { lastUsed: 1, bytes: 100, chunks: 1 } },
    });
    const back = await new SummaryStore(10_000_000).load(7);
    expect(back.cards.get(101)).toEqual({ h: fnv1a('text 1'), m: 'llama3.1:8b@http://localhost:11434/v1', p: 'p1-abcdef12', ja: '古い要約', score: 80, kind: 'data' });
    expect(back.cards.get(102)?.ja).toBe('チャンクの要約');
    expect(back.meta).toEqual({ title: '題', tags: ['a'], m: 'gpt@u', p: 'p1-abcdef12' });
    expect((await fakeBrowser.storage.local.get('sum:7$'))['sum:7$']).toEqual({ v: 3 });
  });

  test('each summary is in storage soon after it is added, without rewriting the record each time', async () => {
    const store = new SummaryStore(10_000_000);
    for (let n = 0; n < 5; n++) {
      store.add(7, 100 + n, entry(n));
      await store.flush();
    }
    const raw = await local();
    expect(Object.keys(raw).filter((k) => k.startsWith('sum:7:'))).toHaveLength(5);
    // A fresh store (a restarted worker) reads it all back.
    const again = await new SummaryStore(10_000_000).load(7);
    expect([...again.cards.keys()]).toEqual([100, 101, 102, 103, 104]);
    expect(again.cards.get(103)).toEqual(entry(3));
  });

  test('many chunks are compacted into one record, losing nothing', async () => {
    const store = new SummaryStore(10_000_000);
    for (let n = 0; n < 70; n++) {
      store.add(7, n, entry(n));
      await store.flush();
    }
    const raw = await local();
    expect(Object.keys(raw).filter((k) => k.startsWith('sum:7:')).length).toBeLessThan(33);
    const back = await new SummaryStore(10_000_000).load(7);
    expect(back.cards.size).toBe(70);
  });

  test('least recently used threads go when the cache passes its cap; pinned ones stay', async () => {
    const store = new SummaryStore(3_000);
    store.pinned.add(1);
    for (const id of [1, 2, 3, 4]) {
      for (let n = 0; n < 10; n++) store.add(id, n, entry(n));
      await store.flush();
      await new Promise((r) => setTimeout(r, 2));
    }
    const keys = Object.keys(await local());
    expect(keys).toContain('sum:1:0');
    expect(keys).toContain('sum:4:0');
    expect(keys).not.toContain('sum:2:0');
    expect((await new SummaryStore(3_000).load(2)).cards.size).toBe(0);
  });

  test('a write that storage refuses (quota) is reported and kept for the next write', async () => {
    const store = new SummaryStore(10_000_000);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    store.add(9, 1, entry(1));
    await expect(store.flush()).rejects.toThrow(/quota/);
    store.add(9, 2, entry(2));
    await store.flush();
    set.mockRestore();
    const back = await new SummaryStore(10_000_000).load(9);
    expect([...back.cards.keys()].sort()).toEqual([1, 2]);
  });

  test('anything in storage that does not validate is ignored, not trusted', async () => {
    await fakeBrowser.storage.local.set({ 'sum:5': { v: 1, storyId: 5, cards: { 1: { k: 'x', ja: 42 } }, meta: null }, 'sum-index': 'garbage' });
    const back = await new SummaryStore(10_000_000).load(5);
    expect(back.cards.size).toBe(0);
    expect(back.meta).toBeNull();
  });
});

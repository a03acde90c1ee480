import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SummaryStore, summaryKey, type SummaryEntry } from '@/lib/storage/summaries';
import { PROMPT_VERSION } from '@/lib/summarize/prompt';

const entry = (n: number, model = 'm'): SummaryEntry => ({ k: summaryKey(`text ${n}`, model), ja: `要約${n}だよ`, score: n % 100, kind: 'none' });
const local = () => fakeBrowser.storage.local.get(null) as Promise<Record<string, unknown>>;

beforeEach(() => fakeBrowser.reset());

describe('summary cache', () => {
  test('keys change with the text, the model and the prompt version', () => {
    expect(summaryKey('a', 'm')).not.toBe(summaryKey('b', 'm'));
    expect(summaryKey('a', 'm')).not.toBe(summaryKey('a', 'n'));
    expect(summaryKey('a', 'm')).toContain(PROMPT_VERSION);
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

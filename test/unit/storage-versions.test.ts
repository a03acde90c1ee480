// One storage scheme: every item versioned, migrated on read, and nothing a version cannot read is ever written over.
import { beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getFavorite, saveFavorite } from '@/lib/storage/favorites';
import { loadJob, saveJob } from '@/lib/storage/jobs';
import { SummaryStore, entryFor } from '@/lib/storage/summaries';
import { noEdits } from '@/lib/digest/edits';

beforeEach(() => fakeBrowser.reset());
const local = () => fakeBrowser.storage.local.get(null) as Promise<Record<string, unknown>>;

test('settings from before presets migrate to version 2 with the preset of their base URL; every value kept', async () => {
  await fakeBrowser.storage.local.set({ settings: { baseUrl: 'http://localhost:11434/v1', model: 'qwen3:8b', concurrency: 2, digestSize: 42 } });
  // The extension starting with that in storage: its settings item is defined, and migrates.
  vi.resetModules();
  const { loadSettings } = await import('@/lib/storage/settings');
  expect(await loadSettings()).toMatchObject({ preset: 'ollama', baseUrl: 'http://localhost:11434/v1', model: 'qwen3:8b', concurrency: 2, digestSize: 42 });
  expect((await local())['settings$']).toEqual({ v: 2 });
});

test('a favourite this version cannot read is kept aside when it is starred again, not written over', async () => {
  const newer = { kind: 'thread', id: 5, fromTheFuture: true };
  await fakeBrowser.storage.local.set({ 'fav:t:5': newer, 'fav:t:5$': { v: 5 } });
  expect(await getFavorite('thread', 5)).toBeNull();
  const story = { id: 5, title: 'T', url: 'https://x/', site: null, by: null, time: null, points: 0, commentCount: 0, text: null };
  await saveFavorite({ kind: 'thread', id: 5, story, comments: [], cards: [], meta: null, edits: noEdits(5), overview: null, answers: [], starredAt: 1, updatedAt: 1 });
  expect((await local())['fav:t:5-unreadable']).toEqual(newer);
});

test('a job record and a summary record this version cannot read are kept aside', async () => {
  await fakeBrowser.storage.local.set({ 'job:6': { strange: true }, 'job:6$': { v: 2 } });
  expect(await loadJob(6)).toBeNull();
  const story = { id: 6, title: 'T', url: 'https://x/', site: null, by: null, time: null, points: 0, commentCount: 0, text: null };
  await saveJob({ story, comments: [], model: 'm', status: 'done', failed: {}, usage: { prompt: 0, completion: 0, requests: 0, estimated: false }, problem: null, only: null, updatedAt: 1 });
  expect((await local())['job:6-unreadable']).toEqual({ strange: true });

  await fakeBrowser.storage.local.set({ 'sum:7': { storyId: 7, cards: { 1: { future: 'entry' }, 2: entryFor('t', 'm', { ja: 'よし', score: 1, kind: 'none' }) }, meta: null }, 'sum:7$': { v: 2 } });
  const back = await new SummaryStore(1e7).load(7);
  expect(back.cards.get(2)?.ja).toBe('よし');
  expect((await local())['sum:7-unreadable']).toMatchObject({ cards: { 1: { future: 'entry' } } });
});

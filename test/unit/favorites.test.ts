// The favourites shelf with WXT's fake browser: storage as the extension has it, without a browser.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { noEdits } from '@/lib/digest/edits';
import { FAVORITES_VERSION, type Favorite, type FavoriteCard, type FavoriteThread, type FavoriteThreadV1 } from '@/lib/favorites/schema';
import { haystack, searchFavorites } from '@/lib/favorites/search';
import type { Comment, Story } from '@/lib/hn/thread';
import { importProblemText, setLang } from '@/lib/i18n';
import {
  exportFavorites,
  getFavorite,
  ImportError,
  importFavorites,
  isFavorite,
  listFavorites,
  MAX_IMPORT_BYTES,
  removeFavorite,
  saveFavorite,
} from '@/lib/storage/favorites';

const story = (id: number, title = `Story ${id}`): Story => ({ id, title, url: `https://example.com/${id}`, site: 'example.com', by: 'poster', time: '2026-01-02T03:04:05', points: 10, commentCount: 1, text: null });
const comment = (id: number, parentId: number, text = `comment ${id}`): Comment => ({ id, parentId, depth: 0, by: `user${id}`, time: '2026-01-02T04:00:00', text, state: 'ok', fade: 0, replies: 0 });

function thread(id: number, at = 1000, over: Partial<FavoriteThread> = {}): FavoriteThread {
  return {
    kind: 'thread',
    id,
    story: story(id),
    comments: [comment(id + 1, id, 'Kubernetes is simpler than people think')],
    cards: [{ id: id + 1, status: 'done', ja: 'Kubernetesは思ったよりシンプルだよ', score: 80, kind: 'insight' }],
    meta: { title: `タイトル${id}`, tags: ['K8s'] },
    edits: { ...noEdits(id), bodies: { [id + 1]: '編集した本文' }, colors: { [id + 1]: '#ff5733' }, picksIn: [id + 1] },
    overview: null,
    answers: [],
    starredAt: at,
    updatedAt: at,
    ...over,
  };
}
const card = (id: number, at = 2000): FavoriteCard => ({ kind: 'card', id, story: { id: 9, title: 'Card story' }, comment: comment(id, 9, 'a great point'), body: '素晴らしい指摘だね', color: '', starredAt: at, updatedAt: at });

beforeEach(() => fakeBrowser.reset());

describe('the shelf', () => {
  test('star a thread and a card, list them newest first, open them whole, remove and undo', async () => {
    await saveFavorite(thread(100, 1000));
    await saveFavorite(card(7, 2000));
    expect((await listFavorites()).map((e) => [e.kind, e.id, e.title])).toEqual([
      ['card', 7, 'Card story'],
      ['thread', 100, 'タイトル100'],
    ]);
    expect(await getFavorite('thread', 100)).toEqual(thread(100, 1000));
    expect(await isFavorite('card', 7)).toBe(true);
    const removed = await removeFavorite('thread', 100);
    expect(removed).toEqual(thread(100, 1000));
    expect(await getFavorite('thread', 100)).toBeNull();
    expect((await listFavorites()).map((e) => e.id)).toEqual([7]);
    await saveFavorite(removed!);
    expect(await getFavorite('thread', 100)).toEqual(thread(100, 1000));
  });

  test('search by title, user or text (Japanese or English), every word', async () => {
    const favs: Favorite[] = [thread(100), thread(200, 1000, { story: story(200, 'Rust compilers') }), card(7)];
    const hay = new Map(favs.map((f) => [`${f.kind}:${f.id}`, haystack(f)]));
    expect([...searchFavorites(hay, 'rust')]).toEqual(['thread:200']);
    expect([...searchFavorites(hay, 'user7')]).toEqual(['card:7']);
    expect([...searchFavorites(hay, '編集した')].sort()).toEqual(['thread:100', 'thread:200']);
    expect([...searchFavorites(hay, 'KUBERNETES simpler')].sort()).toEqual(['thread:100', 'thread:200']);
    expect(searchFavorites(hay, '  ').size).toBe(3);
    expect(searchFavorites(hay, 'nowhere').size).toBe(0);
  });

  test('two panels starring and unstarring at once lose nothing', async () => {
    const writes = Array.from({ length: 40 }, (_, i) => saveFavorite(i % 2 ? card(1000 + i, i) : thread(5000 + i * 10, i)));
    const removals = [removeFavorite('card', 1001), removeFavorite('card', 1003)];
    await Promise.all([...writes, ...removals]);
    const listed = await listFavorites();
    // Each removal ran before or after its star; every other favourite is there.
    expect(listed.length).toBeGreaterThanOrEqual(38);
    for (let i = 0; i < 40; i++) if (![1, 3].includes(i)) expect(listed.some((e) => e.id === (i % 2 ? 1000 + i : 5000 + i * 10))).toBe(true);
  });

  test('a stored first-version favourite is migrated on read, edits and all', async () => {
    const v1: FavoriteThreadV1 = {
      storyId: 300,
      story: story(300),
      comments: [comment(301, 300)],
      cards: [{ id: 301, ja: '元の要約', score: 90, kind: 'data', body: '直した要約', color: '#38d3d3', selected: true }],
      title: '古いタイトル',
      tags: ['旧'],
      savedAt: 1234,
    };
    // As the first version wrote it: the value, with WXT's version 1 in the meta key.
    await fakeBrowser.storage.local.set({ 'fav:t:300': v1, 'fav:t:300$': { v: 1 }, 'fav-index': { 'thread:300': { kind: 'thread', id: 300, title: '古いタイトル', sub: '', starredAt: 1234, updatedAt: 1234, bytes: 1 } } });
    const f = (await getFavorite('thread', 300)) as FavoriteThread;
    expect(f).toMatchObject({ kind: 'thread', id: 300, meta: { title: '古いタイトル', tags: ['旧'] }, starredAt: 1234 });
    expect(f.cards).toEqual([{ id: 301, status: 'done', ja: '元の要約', score: 90, kind: 'data' }]);
    expect(f.edits).toMatchObject({ frozen: [301], picksIn: [], picksOut: [], bodies: { 301: '直した要約' }, colors: { 301: '#38d3d3' } });
    // Migrated in storage too, at the current version.
    const raw = await fakeBrowser.storage.local.get(['fav:t:300', 'fav:t:300$']);
    expect(raw['fav:t:300$']).toEqual({ v: FAVORITES_VERSION });
    expect((raw['fav:t:300'] as FavoriteThread).kind).toBe('thread');
  });

  test('a second-version favourite (the whole pick in its edits) is migrated: its pick, edits and colours all kept', async () => {
    const v2 = { ...thread(400), edits: { v: 1, storyId: 400, selected: [401], bodies: { 401: '直した' }, colors: { 401: '#ff33a1' }, title: '題', tags: ['t'], updatedAt: 7 } };
    await fakeBrowser.storage.local.set({ 'fav:t:400': v2, 'fav:t:400$': { v: 2 }, 'fav-index': { 'thread:400': { kind: 'thread', id: 400, title: '題', sub: '', starredAt: 1, updatedAt: 1, bytes: 1 } } });
    const f = (await getFavorite('thread', 400)) as FavoriteThread;
    expect(f.edits).toEqual({ storyId: 400, picksIn: [], picksOut: [], frozen: [401], bodies: { 401: '直した' }, colors: { 401: '#ff33a1' }, title: '題', tags: ['t'], updatedAt: 7 });
    expect((await fakeBrowser.storage.local.get('fav:t:400$'))['fav:t:400$']).toEqual({ v: FAVORITES_VERSION });
  });

  test('storage full: the star fails with the browser\'s reason and nothing half-saved is listed', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await expect(saveFavorite(thread(100))).rejects.toThrow(/quota/);
    expect(await listFavorites()).toEqual([]);
    vi.restoreAllMocks();
  });
});

describe('export and import', () => {
  test('export then import into an empty shelf gives back the same favourites', async () => {
    const favs = [thread(100, 1), thread(200, 2), card(7, 3)];
    for (const f of favs) await saveFavorite(f);
    const file = await exportFavorites();
    fakeBrowser.reset();
    expect(await importFavorites(file)).toEqual({ added: 3, updated: 0, kept: 0 });
    for (const f of favs) expect(await getFavorite(f.kind, f.id)).toEqual(f);
  });

  test('duplicates merge by id: the newer edit wins', async () => {
    await saveFavorite(thread(100, 10, { updatedAt: 50 }));
    await saveFavorite(card(7, 10));
    const file = JSON.stringify({ app: 'hn-matome', version: 2, exportedAt: 0, favorites: [thread(100, 10, { updatedAt: 99, meta: { title: '新しい', tags: [] } }), card(7, 5)] });
    expect(await importFavorites(file)).toEqual({ added: 0, updated: 1, kept: 1 });
    expect(((await getFavorite('thread', 100)) as FavoriteThread).meta?.title).toBe('新しい');
    expect(((await getFavorite('card', 7)) as FavoriteCard).starredAt).toBe(10);
  });

  test('a first-version file is migrated on import', async () => {
    const v1 = { storyId: 300, story: story(300), comments: [], cards: [{ id: 301, ja: 'x', score: 1, kind: 'none' }], title: null, tags: [], savedAt: 5 };
    expect(await importFavorites(JSON.stringify({ app: 'hn-matome', version: 1, exportedAt: 0, favorites: [v1] }))).toEqual({ added: 1, updated: 0, kept: 0 });
    expect(await getFavorite('thread', 300)).toMatchObject({ kind: 'thread', id: 300, starredAt: 5 });
  });

  test('bad files are refused with what is wrong and where, and change nothing', async () => {
    await saveFavorite(card(7));
    const before = await fakeBrowser.storage.local.get(null);
    const bad: [string, RegExp][] = [
      ['not json {', /not JSON/],
      [JSON.stringify({ hello: 1 }), /not an HN Matome favourites file[\s\S]*app/],
      [JSON.stringify({ app: 'hn-matome', version: 99, exportedAt: 0, favorites: [] }), /newer version[\s\S]*version/],
      [JSON.stringify({ app: 'hn-matome', version: 2, exportedAt: 0, favorites: [card(8), { ...card(9), story: { id: 9, title: 42 } }] }), /Favourite 2 of 2 is not valid[\s\S]*story\.title/],
      ['x'.repeat(MAX_IMPORT_BYTES + 1), /^The file is 50\.0 MB; the largest accepted is 50 MB\.$/],
    ];
    for (const [text, message] of bad) {
      const err = await importFavorites(text).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      const problem = (err as ImportError).problem;
      setLang('en');
      expect(importProblemText(problem)).toMatch(message);
      // Worded in Japanese too.
      setLang('ja');
      expect(importProblemText(problem)).toMatch(/[ぁ-んァ-ン]/);
      setLang('en');
    }
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });
});

import { describe, expect, test } from 'vitest';
import { articleFileName, digestArticle, digestItems, nextColor } from '@/lib/digest/digest';
import { applyEdit, editsFromV1, noEdits, ThreadEdits, type EditOp } from '@/lib/digest/edits';
import { renderHugoArticle } from '@/lib/export/hugo';
import type { Thread } from '@/lib/hn/thread';
import { keyAction } from '@/lib/panel/keys';
import type { Card } from '@/lib/summarize/card';

const base = { depth: 0, time: '2025-02-15T01:02:03', state: 'ok' as const, fade: 0, replies: 0 };
const thread: Thread = {
  story: { id: 1, title: 'Story', url: 'https://x/', site: null, by: 's', time: '2025-02-14T22:00:00', points: 1, commentCount: 4, text: null },
  comments: [
    { ...base, id: 2, parentId: 1, by: 'a', text: 'one' },
    { ...base, id: 3, parentId: 2, depth: 1, by: 'b', text: 'two' },
    { ...base, id: 4, parentId: 1, by: 'c', text: 'three' },
    { ...base, id: 5, parentId: 1, by: 'd', text: 'four' },
  ],
  pages: 1,
  nextPage: null,
};
const cards = new Map<number, Card>([
  [2, { id: 2, status: 'done', ja: 'いち', score: 90, kind: 'insight' }],
  [3, { id: 3, status: 'done', ja: 'に', score: 10, kind: 'none' }],
  [4, { id: 4, status: 'done', ja: 'さん', score: 70, kind: 'none' }],
  [5, { id: 5, status: 'error', problem: { code: 'server-error', params: { status: 500 } } }],
]);

describe('the digest', () => {
  test('starts from the automatic pick; the user picks, edits and recolours; export carries exactly that', () => {
    let e = noEdits(1);
    let items = digestItems(thread, cards, e, 2);
    expect(items.map((i) => [i.comment.id, i.selected, i.color, i.body])).toEqual([
      [2, true, '#785bff', 'いち'],
      [3, false, '', 'に'],
      [4, true, '', 'さん'],
      [5, false, '', null],
    ]);
    const ops: EditOp[] = [
      { op: 'pick', id: 2, on: false },
      { op: 'pick', id: 3, on: true },
      { op: 'body', id: 3, text: 'にだよ\n"二行目"' },
      { op: 'color', id: 4, color: '#ff5733' },
      { op: 'title', title: '編集したタイトル' },
      { op: 'tags', tags: ['A', 'B'] },
    ];
    for (const op of ops) e = applyEdit(e, op);
    items = digestItems(thread, cards, e, 2);
    expect(items.filter((i) => i.selected).map((i) => i.comment.id)).toEqual([3, 4]);
    const article = digestArticle(thread, items, { title: 'モデルの題', tags: ['x'] }, e, { featureImages: ['blue'] });
    expect(article).toMatchObject({ storyId: 1, date: '2025-02-14', title: '編集したタイトル', tags: ['A', 'B'], featureImage: 'thumbnails/blue.jpg' });
    expect(article.quotes).toEqual([
      { body: 'にだよ\n"二行目"', userName: 'b', createdAt: '2025-02-15T01:02:03', color: '' },
      { body: 'さん', userName: 'c', createdAt: '2025-02-15T01:02:03', color: '#ff5733' },
    ]);
    expect(renderHugoArticle(article)).toContain('body="にだよ<br>”二行目”" userName="b"');
    expect(articleFileName(thread)).toBe('2025-02-14-1.md');
  });

  test('an edit back to the summary is no edit; an error card with nothing written can never be picked', () => {
    const e = applyEdit(applyEdit(noEdits(1), { op: 'body', id: 2, text: 'ちがう' }), { op: 'body', id: 2, text: null });
    expect(e.bodies).toEqual({});
    const items = digestItems(thread, cards, { ...noEdits(1), picksIn: [5] }, 60);
    expect(items.find((i) => i.comment.id === 5)!.selected).toBe(false);
  });

  test('editor mode: a scored card picked shows as picked at once; the export takes it once it has Japanese', () => {
    const scored = new Map<number, Card>([...cards, [5, { id: 5, status: 'scored', score: 95, kind: 'data' }]]);
    const e = { ...noEdits(1), picksIn: [5] };
    let items = digestItems(thread, scored, e, 2);
    expect(items.find((i) => i.comment.id === 5)).toMatchObject({ selected: true, body: null });
    expect(digestArticle(thread, items, { title: 't', tags: [] }, e, { featureImages: ['blue'] }).quotes.map((q) => q.userName)).not.toContain('d');
    items = digestItems(thread, new Map([...scored, [5, { id: 5, status: 'done', ja: 'よん', score: 95, kind: 'data' }]]), e, 2);
    expect(digestArticle(thread, items, { title: 't', tags: [] }, e, { featureImages: ['blue'] }).quotes.map((q) => q.userName)).toContain('d');
  });

  test('colours cycle: none, then the six highlights, then none', () => {
    const seen = [''];
    for (let i = 0; i < 7; i++) seen.push(nextColor(seen.at(-1)!));
    expect(seen).toEqual(['', '#785bff', '#45d325', '#ff5c5c', '#38d3d3', '#ff5733', '#ff33a1', '']);
  });

  test('an edited body is shown and exported over any summary, or none at all (a re-run, a model change)', () => {
    const e = applyEdit(noEdits(1), { op: 'body', id: 5, text: '自分で書いた' });
    const item = digestItems(thread, cards, e, 1).find((i) => i.comment.id === 5)!;
    expect(item).toMatchObject({ body: '自分で書いた', edited: true, selected: true, override: 'in' });
  });
});

describe('picks are overrides on the automatic pick', () => {
  const many = new Map<number, Card>();
  const order = Array.from({ length: 40 }, (_, i) => 100 + i);
  const bigThread: Thread = { ...thread, comments: order.map((id) => ({ ...base, id, parentId: 1, by: 'u', text: `c${id}` })) };
  const arrive = (n: number) => {
    for (const id of order.slice(0, n)) many.set(id, { id, status: 'done', ja: `${id}`, score: (id * 37) % 101, kind: id % 4 === 0 ? 'data' : 'none' });
  };
  const picked = (e: ThreadEdits) => digestItems(bigThread, many, e, 10).filter((i) => i.selected).map((i) => i.comment.id);

  test('one untick while the job streams leaves the automatic pick growing; back to automatic forgets it', () => {
    arrive(5);
    let e = noEdits(1);
    const first = picked(e);
    e = applyEdit(e, { op: 'pick', id: first[0]!, on: false });
    arrive(40);
    const later = picked(e);
    // The automatic pick kept growing to its size, less the one the user took out.
    expect(later).toHaveLength(9);
    expect(later).not.toContain(first[0]);
    e = applyEdit(e, { op: 'pick', id: 139, on: true });
    expect(picked(e)).toContain(139);
    e = applyEdit(e, { op: 'auto' });
    expect(picked(e)).toEqual(picked(noEdits(1)));
    expect(picked(e)).toHaveLength(10);
  });

  test('editing a card or choosing its colour puts it in the digest; unticking it after takes it out', () => {
    arrive(40);
    const outside = digestItems(bigThread, many, noEdits(1), 10).find((i) => !i.selected)!.comment.id;
    let e = applyEdit(noEdits(1), { op: 'color', id: outside, color: '#ff33a1' });
    expect(picked(e)).toContain(outside);
    e = applyEdit(e, { op: 'pick', id: outside, on: false });
    expect(picked(e)).not.toContain(outside);
    e = applyEdit(noEdits(1), { op: 'body', id: outside, text: '直した' });
    expect(picked(e)).toContain(outside);
  });

  test('the first version kept the whole pick: it is kept as the base, nothing lost', () => {
    const v1 = { v: 1, storyId: 1, selected: [101, 103], bodies: { 101: 'x' }, colors: {}, title: 'T', tags: null, updatedAt: 5 };
    const e = ThreadEdits.parse(editsFromV1(v1));
    expect(e).toMatchObject({ frozen: [101, 103], picksIn: [], picksOut: [], bodies: { 101: 'x' }, title: 'T' });
    arrive(40);
    expect(picked(e)).toEqual([101, 103]);
  });
});

describe('keyboard', () => {
  test('j/k/x/e/c/Enter/? and Ctrl or ⌘+E; nothing while typing in a field but export and Escape', () => {
    expect(['j', 'k', 'x', 'e', 'c', 'Enter', '?'].map((key) => keyAction({ key, targetTag: 'ARTICLE' }))).toEqual(['next', 'prev', 'toggle', 'edit', 'color', 'reveal', 'help']);
    expect(keyAction({ key: 'e', ctrlKey: true })).toBe('export');
    expect(keyAction({ key: 'E', metaKey: true, targetTag: 'TEXTAREA' })).toBe('export');
    expect(keyAction({ key: 'x', targetTag: 'TEXTAREA' })).toBeNull();
    expect(keyAction({ key: 'j', targetTag: 'INPUT' })).toBeNull();
    expect(keyAction({ key: 'Enter', targetTag: 'BUTTON' })).toBeNull();
    expect(keyAction({ key: 'Escape', targetTag: 'TEXTAREA' })).toBe('close');
    expect(keyAction({ key: 'r', ctrlKey: true })).toBeNull();
  });
});

describe('language', () => {
  test('Japanese when the browser prefers it, English otherwise, or as chosen', async () => {
    const { resolveLang, setLang, t } = await import('@/lib/i18n');
    expect(resolveLang('auto', ['ja-JP', 'en'])).toBe('ja');
    expect(resolveLang('auto', ['en-US', 'fr'])).toBe('en');
    expect(resolveLang('en', ['ja'])).toBe('en');
    setLang('ja');
    expect(t('summarise', { n: 3 })).toBe('日本語で要約（3件）');
    setLang('en');
    expect(t('summarise', { n: 3 })).toBe('Summarise in Japanese (3)');
  });
});

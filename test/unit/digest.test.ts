import { describe, expect, test } from 'vitest';
import { articleFileName, digestArticle, digestItems, nextColor } from '@/lib/digest/digest';
import { noEdits, setBody, setColor, toggleSelected } from '@/lib/digest/edits';
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
    e = toggleSelected(e, new Set([2, 4]), 2);
    e = toggleSelected(e, new Set([4]), 3);
    e = setBody(e, 3, 'にだよ\n"二行目"', 'に');
    e = setColor(e, 4, '#ff5733');
    e = { ...e, title: '編集したタイトル', tags: ['A', 'B'] };
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

  test('an edit back to the original is no edit; an error card can never be picked', () => {
    const e = setBody(setBody(noEdits(1), 2, 'ちがう', 'いち'), 2, 'いち', 'いち');
    expect(e.bodies).toEqual({});
    const items = digestItems(thread, cards, { ...noEdits(1), selected: [5] }, 60);
    expect(items.find((i) => i.comment.id === 5)!.selected).toBe(false);
  });

  test('colours cycle: none, then the five highlights, then none', () => {
    const seen = [''];
    for (let i = 0; i < 6; i++) seen.push(nextColor(seen.at(-1)!));
    expect(seen).toEqual(['', '#785bff', '#45d325', '#ff5c5c', '#38d3d3', '#ff5733', '']);
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

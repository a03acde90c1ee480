// Lists in messages between contexts are checked item by item: one bad item is left out and counted, the rest kept.
import { expect, test } from 'vitest';
import { noAsk, noOverview } from '@/lib/overview/state';
import { readBackgroundMessage, readPanelMessage } from '@/lib/messages/job';
import { readReadEvent } from '@/lib/messages/read';
import { OverlayItem } from '@/lib/messages/content';
import { eachValid } from '@/lib/messages/items';
import { idleJob } from '@/lib/summarize/card';

const card = (id: number, ja = 'ok') => ({ id, status: 'done', ja, score: 1, kind: 'none' });

test('a snapshot with one card that does not validate keeps the others', () => {
  const m = readBackgroundMessage({ type: 'snapshot', storyId: 1, model: 'm', cards: [card(2), { id: 'x' }, card(3)], meta: null, job: idleJob(3), overview: noOverview(), ask: noAsk() });
  expect(m?.dropped).toBe(1);
  expect(m?.message.type === 'snapshot' && m.message.cards.map((c) => c.id)).toEqual([2, 3]);
  expect(readBackgroundMessage({ type: 'nope' })).toBeNull();
});

test("an open (and the texts after it) with one malformed comment opens the thread with the rest", () => {
  const story = { id: 1, title: 'T', url: 'https://x/', site: null, by: null, time: null, points: 0, commentCount: 2, text: null };
  const m = readPanelMessage({ type: 'open', story, comments: [{ id: 2, parentId: 1, h: '0123abcd' }, { id: -5, parentId: 1, h: '0123abcd' }, { id: 3, parentId: 1, h: 'not-hex!' }] });
  expect(m).toMatchObject({ dropped: 2, message: { comments: [{ id: 2 }] } });
  // The open names comments by their text's hash; a text in it is not what it carries.
  expect(readPanelMessage({ type: 'open', story, comments: [{ id: 2, parentId: 1, text: 'a' }] })).toMatchObject({ dropped: 1 });
  const t = readPanelMessage({ type: 'texts', comments: [{ id: 2, text: 'a' }, { id: 3, text: 5 }] });
  expect(t).toMatchObject({ dropped: 1, message: { type: 'texts', comments: [{ id: 2, text: 'a' }] } });
});

test('the thread read from the page: a comment written oddly is left out, counted', () => {
  const base = { parentId: 1, depth: 0, by: 'u', time: '2026-01-01T00:00:00', text: 'x', state: 'ok', fade: 0, replies: 0 };
  const r = readReadEvent({ type: 'done', stopped: null, thread: { story: { id: 1, title: 'T', url: 'https://x/', site: null, by: null, time: null, points: 0, commentCount: 2, text: null }, comments: [{ ...base, id: 2 }, { ...base, id: 3, time: 'yesterday' }], pages: 1, nextPage: null } });
  expect('event' in r && r.dropped).toBe(1);
  expect('event' in r && r.event.type === 'done' && r.event.thread.comments.map((c) => c.id)).toEqual([2]);
});

test('one summary over 100,000 characters is left out of the page overlay; the rest are placed', () => {
  const { items, dropped } = eachValid(OverlayItem, [{ id: 1, text: 'a', color: '' }, { id: 2, text: 'x'.repeat(100_001), color: '' }, { id: 3, text: 'c', color: '#ff33a1' }]);
  expect(items.map((i) => i.id)).toEqual([1, 3]);
  expect(dropped).toBe(1);
});

import { expect, test } from 'vitest';
import { noAsk, noOverview } from '@/lib/overview/state';
import { applyMessage, emptySummaries } from '@/lib/panel/summaries';
import { idleJob, type Card } from '@/lib/summarize/card';
import { jobComments, pickDigest } from '@/lib/summarize/digest';
import type { Thread } from '@/lib/hn/thread';
import type { HighlightKind } from '@/lib/summarize/schema';

const done = (id: number, score: number, kind: HighlightKind = 'none'): Card => ({ id, status: 'done', ja: `${id}`, score, kind });

test('the automatic digest: half highlighted, half the best plain ones, each side topping up the other; errors never count', () => {
  const cards = new Map<number, Card>([
    [1, done(1, 10)],
    [2, done(2, 90)],
    [3, done(3, 20, 'humour')],
    [4, { id: 4, status: 'error', problem: { code: 'server-error', params: { status: 500 } } }],
    [5, done(5, 90)],
    [6, done(6, 50)],
    [7, done(7, 95, 'question')],
  ]);
  expect([...pickDigest([1, 2, 3, 4, 5, 6, 7], cards, 4)].sort()).toEqual([2, 3, 5, 7]);
  // Only two highlights: the plain ones fill the rest.
  expect([...pickDigest([1, 2, 3, 4, 5, 6, 7], cards, 5)].sort()).toEqual([2, 3, 5, 6, 7]);
  expect([...pickDigest([1, 2, 3, 4, 5, 6, 7], cards, 100)].sort()).toEqual([1, 2, 3, 5, 6, 7]);
});

test('about half of an 80-card digest is highlighted however many highlights the thread has', () => {
  for (const share of [0.1, 0.2, 0.5, 0.8]) {
    const cards = new Map<number, Card>();
    for (let id = 1; id <= 1000; id++) cards.set(id, done(id, (id * 7919) % 101, (id * 13) % 100 < share * 100 ? 'insight' : 'none'));
    const picked = pickDigest([...cards.keys()], cards, 80);
    const highlighted = [...picked].filter((id) => (cards.get(id) as { kind: string }).kind !== 'none').length;
    expect(picked.size).toBe(80);
    expect(highlighted).toBe(40);
  }
});

test('deleted comments and empty placeholders get no summary', () => {
  const base = { parentId: 1, depth: 0, by: 'u', time: null, fade: 0, replies: 0 };
  const thread = {
    story: { id: 1 },
    comments: [
      { ...base, id: 2, text: 'hello', state: 'ok' },
      { ...base, id: 3, text: '', state: 'deleted' },
      { ...base, id: 4, text: '', state: 'flagged' },
      { ...base, id: 5, text: 'still readable', state: 'dead' },
    ],
  } as unknown as Thread;
  expect(jobComments(thread).map((c) => c.id)).toEqual([2, 5]);
});

test('the panel folds the background\'s messages: drafts give way to finished cards', () => {
  let s = applyMessage(emptySummaries(), { type: 'snapshot', storyId: 1, model: 'm', cards: [done(2, 5)], meta: null, job: idleJob(3), overview: noOverview(), ask: noAsk() });
  expect(s.connected).toBe(true);
  s = applyMessage(s, { type: 'draft', id: 3, ja: '書いて' });
  s = applyMessage(s, { type: 'draft', id: 2, ja: 'ignored: already done' });
  expect([...s.drafts]).toEqual([[3, '書いて']]);
  s = applyMessage(s, { type: 'cards', cards: [done(3, 7)] });
  expect(s.drafts.size).toBe(0);
  expect(s.cards.get(3)).toEqual(done(3, 7));
  s = applyMessage(s, { type: 'draft', id: 4, ja: 'x' });
  s = applyMessage(s, { type: 'job', job: { ...idleJob(3), status: 'cancelled' } });
  expect(s.drafts.size).toBe(0);
});

// The content script checks its requests by hand (no zod on every HN page): the hand checks and the zod schemas must
// accept and reject exactly the same messages, and give the same value back.
import { describe, expect, test } from 'vitest';
import { OverlayItem, OverlayRequest, ReadRequest, RevealRequest } from '@/lib/messages/content';
import { checkOverlayItem, checkOverlayRequest, checkReadRequest, checkRevealRequest } from '@/lib/messages/content-check';

const odd: unknown[] = [null, undefined, 0, 1, '', 'read', true, [], [1], {}, () => 1, new Date(0), Number.NaN];
const ints = [0, 1, -1, 1.5, 199, 200, 201, 60_000, 60_001, 2 ** 53, Number.MAX_SAFE_INTEGER, Infinity, Number.NaN, '3', null, undefined, 1e3];
const strings = ['', 'a', '日本語', '#ff33a1', '#FF33A1', '#ff33a', '#ff33a1 ', 'red', 'x'.repeat(40), 'x'.repeat(41), 'x'.repeat(100_000), 'x'.repeat(100_001), 3, null, undefined];

const corpus = {
  read: [
    ...odd,
    ...ints.flatMap((n) => [{ type: 'read', maxPages: n, delayMs: 0 }, { type: 'read', maxPages: 1, delayMs: n }]),
    { type: 'read', maxPages: 5, delayMs: 800, extra: 'dropped' },
    { type: 'reveal', maxPages: 5, delayMs: 800 },
    { maxPages: 5, delayMs: 800 },
    Object.assign(Object.create({ type: 'read' }), { maxPages: 1, delayMs: 1 }),
  ],
  reveal: [...odd, ...ints.map((n) => ({ type: 'reveal', commentId: n })), { type: 'reveal', commentId: 7, more: 1 }, { type: 'read', commentId: 7 }],
  overlay: [...odd, { type: 'overlay', items: null }, { type: 'overlay', items: [] }, { type: 'overlay', items: [1, 'x', {}] }, { type: 'overlay' }, { type: 'overlay', items: {} }, { type: 'overlay', items: 'x' }, { type: 'overlay', items: undefined }],
  item: [
    ...odd,
    ...ints.map((n) => ({ id: n, text: 'a', color: '' })),
    ...strings.flatMap((s) => [{ id: 1, text: s, color: '' }, { id: 1, text: 'a', color: s }, { id: 1, text: 'a', color: '', label: s }]),
    { id: 1, text: 'a', color: '#123456', label: '◆ 洞察', extra: true },
    { id: 1, text: 'a' },
  ],
};

const pairs = [
  ['read', ReadRequest, checkReadRequest],
  ['reveal', RevealRequest, checkRevealRequest],
  ['overlay', OverlayRequest, checkOverlayRequest],
  ['item', OverlayItem, checkOverlayItem],
] as const;

describe.each(pairs)('%s: the hand check agrees with the zod schema', (name, schema, check) => {
  const messages = corpus[name];
  test(`on all ${messages.length} messages of the corpus, good and bad`, () => {
    let accepted = 0;
    for (const m of messages) {
      const z = schema.safeParse(m);
      const h = check(m);
      expect({ m, accepted: h !== null }).toEqual({ m, accepted: z.success });
      if (z.success) {
        accepted++;
        expect(h).toEqual(z.data);
      }
    }
    // The corpus holds both kinds: a check that accepted or refused everything would fail above.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(messages.length);
  });
});

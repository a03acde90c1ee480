// The one reader of model answers: whatever an endpoint did with the requested format, the items come out, and come
// out as soon as each one is complete.
import { describe, expect, test } from 'vitest';
import { AnswerReader, parseJson, readObjects, readValue } from '@/lib/summarize/answer';
import { readSummary, readThreadMeta } from '@/lib/summarize/schema';

const items = [
  { id: 1, ja: 'こんにちは"}{ ``` と <think> も本文のうち', score: 5, kind: 'none' },
  { id: 2, ja: 'にばんめ\\だよ\nURL https://example.com/a?b={c}', score: 90, kind: 'data' },
  { id: 3, ja: '三つ目', score: 81, kind: 'humour' },
];
const json = JSON.stringify({ comments: items });
const think = '<think>\nThe user wants {"id": 9} items. Let me use "quotes" and [brackets].\n</think>\n\n';

/** Every way endpoints were seen to write the same answer. */
const answers: Record<string, { text: string; shape: string }> = {
  object: { text: json, shape: 'json' },
  'bare array, string ids, items out of order': { text: JSON.stringify([items[2]!, items[0]!, items[1]!].map((i) => ({ ...i, id: String(i.id) }))), shape: 'array' },
  fenced: { text: `Here are the summaries:\n\n\`\`\`json\n${JSON.stringify({ comments: items }, null, 2)}\n\`\`\`\nDone.`, shape: 'fenced' },
  'prose around it': { text: `Sure! Here is the JSON you asked for: "as promised"\n${json}\nLet me know {if} you need more.`, shape: 'prose' },
  'a think preamble': { text: think + json, shape: 'json' },
};

const byId = (list: unknown[]) => list.map((v) => readSummary(v)).filter((s) => s != null).sort((a, b) => a!.id - b!.id);

describe('AnswerReader', () => {
  for (const [name, a] of Object.entries(answers)) {
    test(`${name}: every item, whatever the pieces, each handed out once its closing brace arrives`, () => {
      for (const size of [1, 2, 3, 7, 64, 100_000]) {
        const r = new AnswerReader();
        const seen: { at: number; v: unknown }[] = [];
        for (let i = 0; i < a.text.length; i += size) for (const src of r.push(a.text.slice(i, i + size))) seen.push({ at: Math.min(a.text.length, i + size), v: parseJson(src) });
        expect(byId(seen.map((x) => x.v))).toEqual(items);
        // The first item came before the answer ended: cards stream.
        if (size < 64) expect(seen.find((x) => readSummary(x.v))!.at).toBeLessThan(a.text.length - 20);
        expect(r.shape()).toBe(a.shape);
      }
      expect(byId(readObjects(a.text))).toEqual(items);
    });
  }

  test('the draft of the item being written, once its id (a number or a string) is complete', () => {
    const r = new AnswerReader();
    r.push('<think>{"id": 5, "ja": "no"}</think>[{"id":"12');
    expect(r.draft()).toBeNull();
    r.push('3","ja":"途中\\');
    expect(r.draft()).toEqual({ id: 123, text: '途中' });
    r.push('nまで');
    expect(r.draft()).toEqual({ id: 123, text: '途中\nまで' });
  });

  test('an answer with no JSON at all reads as prose, with nothing in it', () => {
    const r = new AnswerReader();
    expect(r.push('Comment 1: I think it is fine. Comment 2: [citation needed]')).toEqual([]);
    expect(r.shape()).toBe('prose');
    expect(new AnswerReader().shape()).toBe('empty');
  });
});

describe('lenient items', () => {
  test('ids as strings or "#123", a score as text or out of range, a kind in other words', () => {
    expect(readSummary({ id: '#42', ja: ' やあ ', score: '85', kind: 'Humor' })).toEqual({ id: 42, ja: 'やあ', score: 85, kind: 'humour' });
    expect(readSummary({ id: 7, summary: 'ほい', score: 140, kind: 'weird' })).toEqual({ id: 7, ja: 'ほい', score: 100, kind: 'none' });
    expect(readSummary({ id: 7, ja: 'ほい' })).toEqual({ id: 7, ja: 'ほい', score: 50, kind: 'none' });
  });

  test('what is not an item is refused', () => {
    for (const bad of [null, 'x', [], { ja: 'no id' }, { id: 'abc', ja: 'x' }, { id: 3, ja: '   ' }, { id: -1, ja: 'x' }, { id: 1.5, ja: 'x' }]) expect(readSummary(bad)).toBeNull();
  });

  test('the thread title from any shape: fenced, after a think block, tags as one string', () => {
    const meta = { title: 'タイトル\nです', tags: 'Rust、GPU, Rust' };
    expect(readThreadMeta(readValue(`<think>hmm {}</think>\n\`\`\`json\n${JSON.stringify(meta)}\n\`\`\``))).toEqual({ title: 'タイトル です', tags: ['Rust', 'GPU'] });
    expect(readThreadMeta(readValue('Sure: {"title": "T", "tags": ["a"]} ok'))).toEqual({ title: 'T', tags: ['a'] });
    expect(readThreadMeta(readValue('no json here'))).toBeNull();
  });
});

// Chrome's Prompt API does not exist outside Chrome with the on-device model (not on these machines): this stands in
// for `LanguageModel` with the same shape, answering from the prompt as the test server does.
import { expect, test } from 'vitest';
import type { Availability, LanguageModelApi, LanguageModelSession } from '@/lib/summarize/built-in';
import { chromeAIProvider } from '@/lib/summarize/chrome-ai';
import { ProviderError } from '@/lib/summarize/provider';
import type { CommentSummary } from '@/lib/summarize/schema';

function fakeApi(availability: Availability, opts: { contextWindow?: number; answer?: (prompt: string) => string } = {}) {
  const created: object[] = [];
  const api: LanguageModelApi = {
    availability: async () => availability,
    create: async (o) => {
      created.push(o ?? {});
      const session: LanguageModelSession = {
        contextWindow: opts.contextWindow ?? 6000,
        destroy() {},
        prompt: async () => JSON.stringify({ title: 'タイトル', tags: ['a', 'b', 'c'] }),
        promptStreaming(prompt) {
          const ids = [...prompt.matchAll(/^#(\d+)/gm)].map((m) => Number(m[1]));
          const text = opts.answer?.(prompt) ?? JSON.stringify({ comments: ids.map((id) => ({ id, ja: `コメント${id}だよ`, score: 50, kind: 'none' })) });
          return (async function* () {
            for (let i = 0; i < text.length; i += 5) yield text.slice(i, i + 5);
          })();
        },
      };
      return session;
    },
  };
  return { api, created };
}

const req = { story: { id: 1, title: 'T' }, items: [{ id: 2, parentId: 1, text: 'a' }, { id: 3, parentId: 2, text: 'b' }], parentText: () => undefined };

test('summaries stream item by item in Japanese, batches sized to the context window', async () => {
  const { api, created } = fakeApi('available', { contextWindow: 4000 });
  const p = await chromeAIProvider(api);
  expect(p.maxBatchTokens).toBe(1600);
  expect(p.maxConcurrency).toBe(1);
  const got: CommentSummary[] = [];
  const out = await p.summarize(req, { signal: new AbortController().signal, onItem: (s) => got.push(s) });
  expect(out.finish).toBe('stop');
  expect(got.map((g) => g.id)).toEqual([2, 3]);
  expect(created.at(-1)).toMatchObject({ expectedOutputs: [{ type: 'text', languages: ['ja'] }] });
  expect(await p.describe({ story: { id: 1, title: 'T' }, topComments: [] }, new AbortController().signal)).toEqual({ title: 'タイトル', tags: ['a', 'b', 'c'] });
});

test('an answer that breaks off keeps the items it finished and says it was invalid', async () => {
  const { api } = fakeApi('available', { answer: () => '{"comments":[{"id":2,"ja":"できた","score":1,"kind":"none"},{"id":3,"ja":"途' });
  const got: number[] = [];
  const out = await (await chromeAIProvider(api)).summarize(req, { signal: new AbortController().signal, onItem: (s) => got.push(s.id) });
  expect(got).toEqual([2]);
  expect(out.finish).toBe('invalid');
});

test('a model that is not downloaded yet is a clear error, not a silent failure', async () => {
  await expect(chromeAIProvider(fakeApi('downloadable').api)).rejects.toThrow(ProviderError);
  await expect(chromeAIProvider(fakeApi('downloadable').api)).rejects.toThrow(/download it from Settings/);
});

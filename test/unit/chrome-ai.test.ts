// Chrome's Prompt API does not exist outside Chrome with the on-device model (not on these machines): this stands in
// for `LanguageModel` with the same shape, answering from the prompt as the test server does.
import { expect, test } from 'vitest';
import type { Availability, LanguageModelApi, LanguageModelSession } from '@/lib/summarize/built-in';
import { chromeAIProvider } from '@/lib/summarize/chrome-ai';
import { ProviderError } from '@/lib/summarize/provider';
import type { CommentSummary } from '@/lib/summarize/schema';

function fakeApi(availability: Availability, opts: { contextWindow?: number; answer?: (prompt: string) => string; measure?: number } = {}) {
  const created: object[] = [];
  const counts = { clones: 0, prompts: 0, measured: [] as object[] };
  const api: LanguageModelApi = {
    availability: async () => availability,
    create: async (o) => {
      created.push(o ?? {});
      const session: LanguageModelSession = {
        contextWindow: opts.contextWindow ?? 6000,
        contextUsage: 500,
        destroy() {},
        clone: async () => {
          counts.clones++;
          return session;
        },
        measureContextUsage: async (_input, o) => {
          counts.measured.push(o ?? {});
          return opts.measure ?? 100;
        },
        prompt: async () => JSON.stringify({ title: 'タイトル', tags: ['a', 'b', 'c'] }),
        promptStreaming(prompt) {
          counts.prompts++;
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
  return { api, created, counts };
}

const req = { story: { id: 1, title: 'T' }, items: [{ id: 2, parentId: 1, text: 'a' }, { id: 3, parentId: 2, text: 'b' }], parentText: () => undefined };

test('summaries stream item by item in Japanese, batches sized to the context window', async () => {
  const { api, created } = fakeApi('available', { contextWindow: 4000 });
  const p = await chromeAIProvider(api);
  expect(p.contextBudget).toEqual({ tokens: 4000 - 500 - 200, perItem: 200 });
  expect(p.maxConcurrency).toBe(1);
  const got: CommentSummary[] = [];
  const out = await p.summarize(req, { signal: new AbortController().signal, onItem: (s) => 'ja' in s && got.push(s) });
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
  await expect(chromeAIProvider(fakeApi('downloadable').api)).rejects.toMatchObject({ kind: 'not-found', problem: { code: 'builtin-not-ready' } });
});

test('one session primed with the system prompt, cloned per batch; English and Japanese in, Japanese out', async () => {
  const { api, created, counts } = fakeApi('available');
  const p = await chromeAIProvider(api);
  for (let i = 0; i < 3; i++) await p.summarize(req, { signal: new AbortController().signal, onItem: () => {} });
  expect(created.filter((o) => JSON.stringify(o).includes('You write a Japanese matome'))).toHaveLength(1);
  expect(counts.clones).toBe(3);
  expect(created[0]).toMatchObject({ expectedInputs: [{ type: 'text', languages: ['en', 'ja'] }] });
  // Measured as it will be sent: the schema constrains the answer without taking context (the prompt shows the shape).
  expect(counts.measured[0]).toMatchObject({ omitResponseConstraintInput: true });
});

test('a batch the model measures past its context window is split without being sent', async () => {
  const { api, counts } = fakeApi('available', { contextWindow: 4000, measure: 3800 });
  const p = await chromeAIProvider(api);
  await expect(p.summarize(req, { signal: new AbortController().signal, onItem: () => {} })).rejects.toMatchObject({ kind: 'too-large', problem: { code: 'builtin-too-large' } });
  expect(counts.prompts).toBe(0);
});

test('the overview and answers: the same cited schema, streamed, through the built-in model', async () => {
  const answer = JSON.stringify({ mood: '前向き', disagreement: '', points: [{ text: '一つ目の要点', cites: [2] }, { text: '二つ目', cites: ['3'] }] });
  const { api, created } = fakeApi('available', { answer: () => answer });
  const p = await chromeAIProvider(api);
  const got: unknown[] = [];
  const drafts: string[] = [];
  const out = await p.write('overview', '#2 (80)\n要約', { signal: new AbortController().signal, onCited: (c) => got.push(c), onDraft: (d) => drafts.push(d) });
  expect(got).toEqual([{ text: '一つ目の要点', cites: [2] }, { text: '二つ目', cites: [3] }]);
  expect(drafts.some((d) => d.startsWith('一つ'))).toBe(true);
  expect(out.text).toBe(answer);
  expect(out.usage?.estimated).toBe(true);
  expect(created.at(-1)).toMatchObject({ initialPrompts: [{ role: 'system', content: expect.stringContaining('要点') }] });
});

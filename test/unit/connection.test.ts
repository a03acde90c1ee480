import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PresetId } from '@/lib/endpoint/presets';
import { testConnection } from '@/lib/summarize/connection';
import { startLlmServer, type LlmServer, type PersonalityName } from '../llm-server/server';
import { testChatConfig } from '../support/endpoint';

let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer({ apiKey: 'right' });
});
afterAll(() => server.close());

const cfg = () => testChatConfig(server.url, { apiKey: 'right', timeoutMs: 2000, maxRetries: 0 });

test('a working endpoint: connected, with its models listed', async () => {
  const r = await testConnection(cfg());
  expect(r).toMatchObject({ ok: true, problem: null, models: ['matome-test-1', 'matome-test-2'], model: 'matome-test-1', mode: 'strict', ignoresFormat: false });
});

test('a wrong key says so', async () => {
  const r = await testConnection({ ...cfg(), apiKey: 'wrong' });
  expect(r.ok).toBe(false);
  expect(r.problem).toMatchObject({ code: 'key-refused', params: { status: 401 } });
});

test('an unknown model names the ones there are', async () => {
  const r = await testConnection({ ...cfg(), model: 'gpt-nope' });
  expect(r.ok).toBe(false);
  expect(r.problem).toEqual({ code: 'model-missing', params: { model: 'gpt-nope', said: 'matome-test-1, matome-test-2' } });
});

test('nothing listening: unreachable, with the CORS and Ollama hint for a local server', async () => {
  const closed = await startLlmServer();
  const url = closed.url;
  await closed.close();
  const r = await testConnection({ ...cfg(), baseURL: url });
  expect(r.ok).toBe(false);
  expect(r.problem).toEqual({ code: 'unreachable', params: { origin: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), local: 1 } });
});

describe('Test connection against every provider: a probe each accepts, and the output mode it supports', () => {
  const cases: [PersonalityName, PresetId, string, { mode: string; model?: string; ignoresFormat?: boolean; contextWindow?: number | null }][] = [
    ['openai', 'openai', 'gpt-4.1-mini', { mode: 'strict', contextWindow: 1_047_576 }],
    ['reasoning', 'openai', 'gpt-5-mini', { mode: 'strict' }],
    ['deepseek', 'deepseek', 'deepseek-chat', { mode: 'json' }],
    ['deepseek', 'custom', 'deepseek-chat', { mode: 'json' }],
    ['anthropic', 'anthropic', 'claude-haiku-4-5', { mode: 'text' }],
    ['anthropic', 'custom', 'claude-haiku-4-5', { mode: 'text', ignoresFormat: true }],
    ['gemini', 'gemini', 'gemini-2.5-flash', { mode: 'strict' }],
    ['gemini', 'gemini', 'models/gemini-2.5-flash', { mode: 'strict', model: 'gemini-2.5-flash' }],
    ['openrouter', 'openrouter', 'meta-llama/llama-3-8b-instruct', { mode: 'text' }],
    ['groq', 'groq', 'openai/gpt-oss-20b', { mode: 'text' }],
    ['ollama', 'ollama', '', { mode: 'schema', model: 'llama3.1:8b', contextWindow: 4096 }],
    ['lmstudio', 'lmstudio', 'qwen2.5-7b-instruct', { mode: 'schema', contextWindow: 4096 }],
  ];
  for (const [personality, presetId, model, want] of cases)
    test(`${personality} as ${presetId}${model ? `, ${model}` : ', no model set'}`, async () => {
      const p = await startLlmServer({ personality, apiKey: 'right', timeScale: 0.02 });
      try {
        const remembered: string[] = [];
        const r = await testConnection(testChatConfig(p.url, { presetId, model, apiKey: 'right', maxRetries: 0, remember: (x) => remembered.push(x.mode) }));
        expect(r).toMatchObject({ ok: true, problem: null, model: want.model ?? model, mode: want.mode, ignoresFormat: want.ignoresFormat ?? false });
        if (want.contextWindow !== undefined) expect(r.contextWindow).toBe(want.contextWindow);
        // Models are listed without Gemini's prefix.
        expect(r.models.every((m) => !m.startsWith('models/'))).toBe(true);
        expect(remembered.at(-1)).toBe(want.mode);
        // No chat request asked what reasoning models refuse.
        expect(p.requests.every((q) => !('max_tokens' in q.body) || presetId === 'deepseek' || presetId === 'ollama' || presetId === 'lmstudio')).toBe(true);
      } finally {
        await p.close();
      }
    });
});

import { afterAll, beforeAll, expect, test } from 'vitest';
import { testConnection } from '@/lib/summarize/connection';
import { startLlmServer, type LlmServer } from '../llm-server/server';

let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer({ apiKey: 'right' });
});
afterAll(() => server.close());

const cfg = () => ({ baseURL: server.url, apiKey: 'right', model: 'matome-test-1', timeoutMs: 2000 });

test('a working endpoint: connected, with its models listed', async () => {
  const r = await testConnection(cfg());
  expect(r).toEqual({ ok: true, models: ['matome-test-1', 'matome-test-2'], message: expect.stringMatching(/^Connected: matome-test-1 answers/) });
});

test('a wrong key says so', async () => {
  const r = await testConnection({ ...cfg(), apiKey: 'wrong' });
  expect(r.ok).toBe(false);
  expect(r.message).toMatch(/key was refused \(401\)/);
});

test('an unknown model names the ones there are', async () => {
  const r = await testConnection({ ...cfg(), model: 'gpt-nope' });
  expect(r.ok).toBe(false);
  expect(r.message).toBe('The endpoint has no model "gpt-nope". It has: matome-test-1, matome-test-2.');
});

test('nothing listening: unreachable, with the CORS and Ollama hint for a local server', async () => {
  const closed = await startLlmServer();
  const url = closed.url;
  await closed.close();
  const r = await testConnection({ ...cfg(), baseURL: url });
  expect(r.ok).toBe(false);
  expect(r.message).toMatch(/Could not reach http:\/\/127\.0\.0\.1:\d+\/v1/);
  expect(r.message).toMatch(/OLLAMA_ORIGINS/);
});

// The key is bound to the endpoint it was entered for, kept out of storage.local, and never sent anywhere else.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseSettings } from '@/lib/settings';
import { ApiKeys, memoryVault } from '@/lib/storage/api-key';
import { runJob } from '@/lib/summarize/job';
import { makeProvider } from '@/lib/summarize/providers';
import { startLlmServer, type LlmServer } from '../llm-server/server';

let a: LlmServer;
let b: LlmServer;
beforeAll(async () => {
  a = await startLlmServer();
  b = await startLlmServer();
});
afterAll(async () => {
  await a.close();
  await b.close();
});
beforeEach(() => {
  fakeBrowser.reset();
  a.reset();
  b.reset();
});

const comments = [1, 2, 3].map((i) => ({ id: 100 + i, parentId: 100, text: `comment ${i}` }));
async function summarise(keys: ApiKeys, baseUrl: string) {
  const s = parseSettings({ preset: 'custom', baseUrl, model: 'matome-test-1', maxRetries: 0 });
  const p = await makeProvider(s, await keys.forEndpoint(s.baseUrl), { onRateLimit: () => {} });
  return runJob(p, { story: { id: 100, title: 'T' }, comments, parentText: () => undefined }, { concurrency: 1, maxTokens: 2000, signal: new AbortController().signal }, { onSummary: () => {}, onFailed: () => {} });
}

test('a base URL changed to another origin never receives the old key', async () => {
  const keys = new ApiKeys(memoryVault());
  await keys.save(a.url, 'sk-secret-for-a');
  await summarise(keys, a.url);
  expect(a.requests.length).toBeGreaterThan(0);
  expect(a.requests.every((r) => r.authorization === 'Bearer sk-secret-for-a')).toBe(true);
  // The base URL now points elsewhere (changed in Settings, or written into storage.local by something else).
  await summarise(keys, b.url);
  expect(b.requests.length).toBeGreaterThan(0);
  expect(b.requests.some((r) => r.authorization?.includes('sk-secret-for-a'))).toBe(false);
  // Another path on the same origin is the same endpoint.
  expect(await keys.forEndpoint(`${a.url.replace(/\/v1$/, '')}/other/v1`)).toBe('sk-secret-for-a');
});

test("an earlier version's key in storage.local moves to the vault, for the endpoint set then, and leaves storage.local", async () => {
  await fakeBrowser.storage.local.set({ apiKey: 'sk-old' });
  const keys = new ApiKeys(memoryVault());
  expect(await keys.forEndpoint(a.url)).toBe('sk-old');
  expect(await fakeBrowser.storage.local.get('apiKey')).toEqual({});
  expect(await keys.forEndpoint(b.url)).toBe('');
});

test('no key is ever written to storage.local', async () => {
  const keys = new ApiKeys(memoryVault());
  await keys.save(a.url, 'sk-never-in-local');
  expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('sk-never-in-local');
});

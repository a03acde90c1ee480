// Real endpoints, first time, through the UI of the built extension: the user picks a provider preset, points it at
// the endpoint (here the test server playing that provider), tests the connection, and summarises a whole thread.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactPath, inViewport, launch, type Harness } from './harness';
import { generateThread } from '../support/generate-thread';
import { startLlmServer, type LlmServer, type PersonalityName } from '../llm-server/server';

const threads = [45000000, 45100000, 45200000, 45300000].map((storyId, i) => generateThread({ comments: 40, seed: 50 + i, storyId }));
const byId = new Map(threads.map((t) => [t.story.id, t]));

let h: Harness;
const servers: LlmServer[] = [];
beforeAll(async () => {
  h = await launch((path) => byId.get(Number(new URL(path, 'https://news.ycombinator.com').searchParams.get('id')))?.pages[0]);
  await h.setSettings({ lang: 'en' });
});
afterAll(async () => {
  await h?.close();
  for (const s of servers) await s.close();
});

/** Settings filled in as a user does: the preset, the endpoint's URL (the test server's), a key where it takes one. */
async function configure(panel: Page, preset: string, url: string, key: string | null, model: string | null) {
  await panel.getByTestId('open-settings').click();
  await panel.getByTestId('preset').selectOption(preset);
  await panel.getByTestId('base-url').fill(url);
  if (key) await panel.getByTestId('api-key').fill(key);
  if (model != null) await panel.getByTestId('model').fill(model);
  await panel.getByTestId('test-connection').click();
  await expect.poll(() => panel.getByTestId('test-result').textContent(), { timeout: 15_000 }).toMatch(/^(Connected|Test failed)/);
  // Said where the button is, in view, and styled as a success (not as a warning).
  expect(await inViewport(panel, '[data-testid="test-result"]')).toBe(true);
  expect(await panel.getByTestId('test-result').getAttribute('class')).toBe('ok-note');
  return panel.getByTestId('test-result').textContent();
}

const cases: [PersonalityName, string, string | null, string | null, RegExp][] = [
  ['deepseek', 'deepseek', 'sk-deepseek', null, /^Connected: deepseek-chat answers, with JSON mode\./],
  ['anthropic', 'anthropic', 'sk-ant', null, /^Connected: claude-haiku-4-5 answers, with plain text answers, read leniently/],
  ['gemini', 'gemini', 'AIza-test', 'models/gemini-2.5-flash', /^Connected: gemini-2\.5-flash answers, with structured output \(strict JSON schema\)\./],
  ['ollama', 'ollama', null, null, /^Connected: llama3\.1:8b answers, with JSON schema output\. Context window: 4,096 tokens \(the server’s default\)\./],
];

describe('a new user on each provider: Test connection, then every card of a thread', () => {
  cases.forEach(([personality, preset, key, model, said], i) =>
    test(`${personality}-like endpoint with the ${preset} preset`, async () => {
      const server = await startLlmServer({ personality, apiKey: key ?? undefined, timeScale: 0.02 });
      servers.push(server);
      const thread = threads[i]!;
      const page = await h.openThread(`/item?id=${thread.story.id}`);
      const panel = await h.openPanel(await h.tabIdOf(page.url()));
      await panel.getByTestId('card').first().waitFor();
      expect(await configure(panel, preset, server.url, key, model)).toMatch(said);
      await panel.screenshot({ path: artifactPath(`settings-${personality}.png`) });
      const probes = server.requests.length;
      await panel.getByRole('button', { name: 'Close' }).click();
      await panel.getByTestId('summarize').click();
      await expect.poll(() => panel.locator('[data-testid="card"][data-summary="done"]').count(), { timeout: 30_000 }).toBe(40);
      await expect.poll(() => panel.getByTestId('title-ja').inputValue()).toContain('HN');
      // The mode Test connection found is where the job started: not one request was refused.
      const job = server.requests.slice(probes);
      expect(job.every((r) => r.refused == null && !r.cut)).toBe(true);
      expect(new Set(job.flatMap((r) => r.askedIds)).size).toBe(40);
      await page.close();
      await panel.close();
    }),
  );
});

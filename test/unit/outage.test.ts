// An endpoint that goes away mid-job and comes back: the job waits it out (about a minute), and if it stopped, goes on
// by itself when the endpoint answers again, with the panel open. No click, every card done, nothing failed. Real time,
// real sockets: the test server is closed and started again on the same port.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Story } from '@/lib/hn/thread';
import type { BackgroundToPanel, JobComment } from '@/lib/messages/job';
import { parseSettings, type Settings } from '@/lib/settings';
import { SummaryStore } from '@/lib/storage/summaries';
import type { JobState } from '@/lib/summarize/card';
import { SummaryManager } from '@/lib/summarize/manager';
import { makeProvider, modelOf } from '@/lib/summarize/providers';
import { startLlmServer, type LlmServer } from '../llm-server/server';

const N = 40;
const story: Story = { id: 8000, title: 'Outage thread', url: 'https://example.com/', site: null, by: 'x', time: null, points: 1, commentCount: N, text: null };
const comments: JobComment[] = Array.from({ length: N }, (_, i) => ({ id: 8001 + i, parentId: 8000, text: `Outage comment ${i}: ${'a few more words about the topic '.repeat(3 + (i % 4))}` }));

let server: LlmServer;
let settings: Settings;
beforeEach(async () => {
  fakeBrowser.reset();
  server = await startLlmServer({ tokensPerSecond: 100 });
  settings = parseSettings({ preset: 'custom', baseUrl: server.url, model: 'matome-test-1', concurrency: 2, batchTokens: 600 });
});
const managers: SummaryManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.settled()));
  await server.close();
});

async function outage(ms: number) {
  const m = new SummaryManager({ store: new SummaryStore(10_000_000), settings: async () => settings, modelOf, provider: (s, hooks) => makeProvider(s, '', hooks) });
  managers.push(m);
  const states: JobState[] = [];
  const cards = new Set<number>();
  let resolveDone: (j: JobState) => void = () => {};
  const finished = new Promise<JobState>((r) => (resolveDone = r));
  const listener = (msg: BackgroundToPanel) => {
    if (msg.type === 'cards') for (const c of msg.cards) if (c.status === 'done') cards.add(c.id);
    const j = msg.type === 'job' || msg.type === 'snapshot' ? msg.job : null;
    if (!j) return;
    states.push(j);
    if (j.status === 'done') resolveDone(j);
  };
  await m.open(story, comments, listener);
  await m.start(story.id, false);
  // Mid-job, the endpoint goes away (open streams cut, new connections refused)…
  while (cards.size < 4) await new Promise((r) => setTimeout(r, 20));
  expect(cards.size).toBeLessThan(N / 2);
  const port = server.port;
  await server.close();
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, ms));
  // …and comes back on the same address.
  server = await startLlmServer({ port, tokensPerSecond: 100 });
  const job = await finished;
  return { job, states, back: Date.now() - t0 };
}

test('an outage of 5 seconds: the job waits and finishes, every card done, nothing failed, no click', async () => {
  const { job, states } = await outage(5000);
  expect(job).toMatchObject({ status: 'done', done: N, failed: 0 });
  // The panel was told it was waiting, and since when.
  expect(states.some((j) => j.waiting?.kind === 'outage')).toBe(true);
  expect(states.every((j) => j.failed === 0)).toBe(true);
}, 30_000);

test('an outage of 60 seconds: waited out, or stopped and resumed by itself when the endpoint answered: every card done, no click', async () => {
  const { job, states } = await outage(60_000);
  expect(job).toMatchObject({ status: 'done', done: N, failed: 0 });
  expect(states.some((j) => j.waiting?.kind === 'outage')).toBe(true);
  expect(states.every((j) => j.failed === 0)).toBe(true);
}, 150_000);

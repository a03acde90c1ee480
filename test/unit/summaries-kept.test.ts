// Nothing paid for disappears: summaries are shown whatever model is set now, a job stores under the settings it ran
// with, and the counts always add up. The background's manager with the real client against the test server.
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Story } from '@/lib/hn/thread';
import type { BackgroundToPanel, JobComment } from '@/lib/messages/job';
import { parseSettings, type Settings } from '@/lib/settings';
import { SummaryStore } from '@/lib/storage/summaries';
import type { Card, JobState } from '@/lib/summarize/card';
import { SummaryManager } from '@/lib/summarize/manager';
import { makeProvider, modelOf } from '@/lib/summarize/providers';
import { startLlmServer, type LlmServer } from '../llm-server/server';

let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer({ models: ['model-a', 'model-b'] });
});
afterAll(() => server.close());

const story: Story = { id: 6000, title: 'Kept thread', url: 'https://example.com/', site: 'example.com', by: 'x', time: '2026-10-01T00:00:00', points: 1, commentCount: 24, text: null };
const comments: JobComment[] = Array.from({ length: 24 }, (_, i) => ({ id: 6001 + i, parentId: i % 3 ? 6001 + i - 1 : 6000, text: `Kept comment ${i}: ${'words that matter '.repeat(2 + (i % 5))}` }));

let settings: Settings;
const store = () => new SummaryStore(10_000_000);
/** A worker: what the background builds, with the real provider for the settings in force. */
const workers: SummaryManager[] = [];
const worker = (s = store()) => {
  const w = new SummaryManager({ store: s, settings: async () => settings, modelOf, provider: (x, hooks) => makeProvider(x, '', hooks) });
  workers.push(w);
  return w;
};
// A job's end writes the overview in the background: it is written before the next test's storage is fresh.
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.settled()));
});

function panel() {
  const got: BackgroundToPanel[] = [];
  const waiters: { when: (j: JobState) => boolean; resolve: (j: JobState) => void }[] = [];
  const cards = new Map<number, Card>();
  let job: JobState | null = null;
  const listener = (m: BackgroundToPanel) => {
    got.push(m);
    if (m.type === 'snapshot') cards.clear();
    if (m.type === 'snapshot' || m.type === 'cards') for (const c of m.cards) cards.set(c.id, c);
    const j = m.type === 'job' || m.type === 'snapshot' ? m.job : null;
    if (j) {
      job = j;
      // Whatever the moment, the counts add up: done, failed and the rest make the total.
      expect(j.done + j.failed).toBeLessThanOrEqual(j.total);
      expect(j.done).toBe([...cards.values()].filter((c) => c.status === 'done' && c.stale !== 'text').length);
      for (const w of waiters.splice(0)) (w.when(j) ? w.resolve(j) : waiters.push(w));
    }
  };
  const until = (when: (j: JobState) => boolean) => new Promise<JobState>((resolve) => (job && when(job) ? resolve(job) : waiters.push({ when, resolve })));
  return { got, listener, until, cards };
}

beforeEach(() => {
  fakeBrowser.reset();
  server.reset();
  server.options.fault = null;
  server.options.faultWhen = undefined;
  settings = parseSettings({});
});

const useServer = (model: string) => (settings = parseSettings({ preset: 'custom', baseUrl: server.url, model, concurrency: 3, batchTokens: 300, confirmOver: 1000, maxRetries: 0 }));

test('the first run: Summarise with nothing set fails, the endpoint is set, Summarise again: every card kept on reopen, zero requests', async () => {
  const m = worker();
  const p = panel();
  await m.open(story, comments, p.listener);
  // Nothing configured: OpenAI's preset wants a key. Nothing is sent.
  const stopped = p.until((j) => j.status === 'stopped');
  await m.start(story.id, false);
  expect((await stopped).problem).toMatchObject({ code: 'no-key' });
  expect(server.requests).toHaveLength(0);
  // The user sets the endpoint in the same panel, and summarises.
  useServer('model-a');
  await m.settingsChanged();
  const done = p.until((j) => j.status === 'done');
  await m.start(story.id, false);
  expect(await done).toMatchObject({ done: 24, failed: 0, total: 24 });
  // Close and reopen (a new worker even): everything is there, written by the model set now, and nothing is asked.
  server.reset();
  const again = panel();
  await worker().open(story, comments, again.listener);
  const snap = again.got[0]!;
  if (snap.type !== 'snapshot') throw new Error('no snapshot');
  expect(snap.job).toMatchObject({ status: 'done', done: 24, total: 24 });
  expect(snap.cards.every((c) => c.status === 'done' && !c.stale && c.model === `model-a@${server.url}`)).toBe(true);
  expect(server.requests).toHaveLength(0);
});

test('another model set later: every summary still shown, marked by which model; only what the user asks is re-run', async () => {
  useServer('model-a');
  const s = store();
  const p = panel();
  const m = worker(s);
  await m.open(story, comments, p.listener);
  const done = p.until((j) => j.status === 'done');
  await m.start(story.id, false);
  await done;
  server.reset();

  // The model changes while the panel is open: it is shown the thread again at once, nothing hidden.
  useServer('model-b');
  await m.settingsChanged();
  const snap = p.got.at(-1)!;
  if (snap.type !== 'snapshot') throw new Error('no new snapshot');
  expect(snap.model).toBe(`model-b@${server.url}`);
  expect(snap.cards).toHaveLength(24);
  expect(snap.cards.every((c) => c.status === 'done' && c.stale === 'model' && c.model === `model-a@${server.url}`)).toBe(true);
  expect(snap.job).toMatchObject({ done: 24, total: 24 });
  // Summarise has nothing to do: no request.
  await m.start(story.id, false);
  expect(server.requests).toHaveLength(0);

  // Re-run two, on the user's word: exactly those are asked, and come back by the new model.
  const two = [comments[3]!.id, comments[9]!.id];
  const rerun = p.until((j) => j.status === 'done' && p.cards.get(two[0]!)?.status === 'done' && !(p.cards.get(two[0]!) as { stale?: string }).stale);
  await m.start(story.id, false, two);
  await rerun;
  expect(server.requests.flatMap((r) => r.askedIds).sort()).toEqual(two.sort());
  expect(p.cards.get(two[1]!)).toMatchObject({ status: 'done', model: `model-b@${server.url}` });
  expect([...p.cards.values()].filter((c) => c.status === 'done' && c.stale === 'model')).toHaveLength(22);
});

test('a re-run that fails leaves the summary that was there; the counts stay right through failures and their retry', async () => {
  useServer('model-a');
  const p = panel();
  const m = worker();
  await m.open(story, comments, p.listener);
  const bad = comments[5]!.id;
  server.options.faultWhen = (r) => (r.askedIds.includes(bad) ? { kind: '500' } : null);
  let done = p.until((j) => j.status === 'done');
  await m.start(story.id, false);
  expect(await done).toMatchObject({ done: 23, failed: 1, total: 24 });
  server.options.faultWhen = undefined;
  done = p.until((j) => j.status === 'done' && j.failed === 0);
  await m.retry(story.id, [bad]);
  expect(await done).toMatchObject({ done: 24, failed: 0 });

  // The model changes, a re-run of one card fails for good: the card keeps its summary (by the old model).
  useServer('model-b');
  await m.settingsChanged();
  server.options.fault = { kind: '500' };
  done = p.until((j) => j.status === 'done');
  await m.start(story.id, false, [bad]);
  await done;
  expect(p.cards.get(bad)).toMatchObject({ status: 'done', stale: 'model' });
});

test('a panel whose port closed around its snapshot is dropped: the job, and another panel, go on', async () => {
  useServer('model-a');
  const m = worker();
  // The port is gone by the time the snapshot is posted: the post throws, as Firefox's does.
  const dead = () => {
    throw new Error('Attempt to postMessage on disconnected port');
  };
  for (let i = 0; i < 5; i++) await m.open(story, comments, dead);
  const p = panel();
  await m.open(story, comments, p.listener);
  // A panel that dies mid-job, after its snapshot.
  let sent = 0;
  await m.open(story, comments, () => {
    if (++sent > 1) throw new Error('Attempt to postMessage on disconnected port');
  });
  const done = p.until((j) => j.status === 'done');
  await m.start(story.id, false);
  expect(await done).toMatchObject({ done: 24, total: 24 });
  expect(p.cards.size).toBe(24);
});

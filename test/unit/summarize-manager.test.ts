// The background's job manager: WXT's fake browser for storage, the real `openai` client against the test server.
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Story } from '@/lib/hn/thread';
import type { BackgroundToPanel, JobComment } from '@/lib/messages/job';
import { loadJob, saveJob } from '@/lib/storage/jobs';
import { parseSettings, type Settings } from '@/lib/settings';
import { SummaryStore } from '@/lib/storage/summaries';
import type { JobState } from '@/lib/summarize/card';
import { startLlmServer, type LlmServer } from '../llm-server/server';
import { settleAll, testManager } from '../support/manager';
import { commentRefs, pickDigest } from '@/lib/summarize/digest';

let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer();
});
afterAll(() => server.close());

const story: Story = { id: 5000, title: 'Manager thread', url: 'https://example.com/', site: 'example.com', by: 'x', time: '2026-10-01T00:00:00', points: 1, commentCount: 30, text: null };
const comments: JobComment[] = Array.from({ length: 30 }, (_, i) => ({ id: 5001 + i, parentId: i % 3 ? 5001 + i - 1 : 5000, text: `Manager comment ${i}: ${'some words here '.repeat(2 + (i % 4))}` }));

let settings: Settings;
const manager = (store?: SummaryStore) => testManager(() => settings, store);
afterEach(settleAll);

/** A panel: records what it is sent, and can wait for the job to reach a state. */
function panel() {
  const got: BackgroundToPanel[] = [];
  const waiters: { when: (j: JobState) => boolean; resolve: (j: JobState) => void }[] = [];
  const listener = (m: BackgroundToPanel) => {
    got.push(m);
    const job = m.type === 'job' || m.type === 'snapshot' ? m.job : null;
    if (job) for (const w of waiters.splice(0)) (w.when(job) ? w.resolve(job) : waiters.push(w));
  };
  const until = (when: (j: JobState) => boolean) => new Promise<JobState>((resolve) => waiters.push({ when, resolve }));
  const cards = () => got.flatMap((m) => (m.type === 'snapshot' || m.type === 'cards' ? m.cards : []));
  return { got, listener, until, cards };
}

beforeEach(() => {
  fakeBrowser.reset();
  server.reset();
  server.options.fault = null;
  server.options.tokensPerSecond = 0;
  settings = parseSettings({ baseUrl: server.url, model: 'matome-test-1', concurrency: 3, batchTokens: 300, confirmOver: 300 });
});

test('summarise, then reopen: every card at once from the cache, zero requests', async () => {
  const m = manager();
  const p = panel();
  await m.open(story, comments, p.listener);
  const finished = p.until((j) => j.status === 'done');
  await m.start(story.id, false);
  const job = await finished;
  expect(job).toMatchObject({ done: 30, failed: 0, total: 30 });
  expect(job.usage.requests).toBeGreaterThan(0);
  expect(new Set(p.cards().map((c) => c.id)).size).toBe(30);
  expect(p.got.some((x) => x.type === 'meta')).toBe(true);

  // A new worker (the old one was stopped): the cache is all it has.
  server.reset();
  const again = panel();
  await manager().open(story, comments, again.listener);
  const snap = again.got[0]!;
  expect(snap.type).toBe('snapshot');
  if (snap.type !== 'snapshot') return;
  expect(snap.cards).toHaveLength(30);
  expect(snap.job.status).toBe('done');
  expect(snap.meta?.title).toContain('Manager thread');
  expect(server.requests).toHaveLength(0);
});

test('opened as the panel opens it: ids and hashes show every cached card; a job waits for the texts that follow', async () => {
  const m = manager();
  const p = panel();
  await m.open(story, comments.slice(0, 20), p.listener);
  let done = p.until((j) => j.status === 'done');
  await m.start(story.id, false);
  await done;
  server.reset();

  // Another worker, opened with refs only: every cached card, by hash, with no text sent and no request.
  const m2 = manager();
  const again = panel();
  const edited = comments.map((c, i) => (i === 3 ? { ...c, text: `${c.text} (edited)` } : c));
  await m2.open(story, commentRefs(edited), again.listener);
  const snap = again.got[0]!;
  expect(snap.type === 'snapshot' && snap.cards.map((c) => [c.id, c.status === 'done' && (c.stale ?? null)])).toEqual(
    comments.slice(0, 20).map((c, i) => [c.id, i === 3 ? 'text' : null]),
  );
  // Summarise is pressed before the texts came: it waits for them, then asks exactly what lacks a summary.
  done = again.until((j) => j.status === 'done');
  const started = m2.start(story.id, false);
  await new Promise((r) => setTimeout(r, 50));
  expect(server.requests.filter((r) => r.kind === 'batch')).toHaveLength(0);
  m2.texts(story.id, edited.map((c) => ({ id: c.id, text: c.text })));
  await started;
  expect((await done).done).toBe(30);
  const asked = server.requests.flatMap((r) => r.askedIds).sort((a, b) => a - b);
  expect(asked).toEqual([edited[3]!.id, ...edited.slice(20).map((c) => c.id)]);
});

test('only new comments are asked for; an edited comment is asked again', async () => {
  const m = manager();
  const p = panel();
  await m.open(story, comments.slice(0, 20), p.listener);
  let done = p.until((j) => j.status === 'done');
  await m.start(story.id, false);
  await done;
  server.reset();
  const edited = comments.map((c, i) => (i === 3 ? { ...c, text: `${c.text} (edit)` } : c));
  const q = panel();
  await m.open(story, edited, q.listener);
  done = q.until((j) => j.status === 'done');
  await m.start(story.id, false);
  await done;
  const asked = server.requests.flatMap((r) => r.askedIds).sort();
  expect(asked).toEqual([comments[3]!.id, ...comments.slice(20).map((c) => c.id)].sort());
});

test('a big job asks first, with tokens and cost', async () => {
  settings = { ...settings, confirmOver: 10 };
  const m = manager();
  const p = panel();
  await m.open(story, comments, p.listener);
  await m.start(story.id, false);
  const job = p.got.at(-1);
  expect(job).toMatchObject({ type: 'job', job: { status: 'confirm', estimate: { comments: 30 } } });
  if (job?.type === 'job') {
    expect(job.job.estimate!.promptTokens).toBeGreaterThan(300);
    expect(job.job.estimate!.costUsd).toBeGreaterThan(0);
  }
  expect(server.requests).toHaveLength(0);
  const done = p.until((j) => j.status === 'done');
  await m.start(story.id, true);
  expect((await done).done).toBe(30);
});

test('a stopped worker resumes its job from storage without asking again for finished comments', async () => {
  // What a worker stopped mid-job leaves: a running job record, and summaries for the first 12 comments.
  const first = manager();
  const p = panel();
  await first.open(story, comments.slice(0, 12), p.listener);
  const done = p.until((j) => j.status === 'done');
  await first.start(story.id, false);
  await done;
  await saveJob({ story, comments, model: `${settings.model}@${settings.baseUrl}`, status: 'running', failed: {}, usage: { prompt: 0, completion: 0, requests: 0, estimated: false }, problem: null, only: null, updatedAt: Date.now() });
  server.reset();

  const m = manager();
  const q = panel();
  const finished = q.until((j) => j.status === 'done');
  await m.resumeAll();
  await m.open(story, comments, q.listener);
  const job = await finished;
  expect(job.done).toBe(30);
  const asked = server.requests.flatMap((r) => r.askedIds);
  expect(asked.sort()).toEqual(comments.slice(12).map((c) => c.id).sort());
  expect((await loadJob(story.id))?.status).toBe('done');
});

test('an error card is retried on request, and the rest is left alone', async () => {
  const bad = comments[7]!.id;
  server.options.faultWhen = (r) => (r.askedIds.includes(bad) ? { kind: '500' } : null);
  const m = manager();
  const p = panel();
  await m.open(story, comments, p.listener);
  let done = p.until((j) => j.status === 'done');
  await m.start(story.id, false);
  expect(await done).toMatchObject({ done: 29, failed: 1 });
  expect(p.cards().find((c) => c.id === bad)).toMatchObject({ status: 'error' });
  server.options.faultWhen = undefined;
  server.reset();
  done = p.until((j) => j.status === 'done');
  await m.retry(story.id, [bad]);
  expect(await done).toMatchObject({ done: 30, failed: 0 });
  expect(server.requests.flatMap((r) => r.askedIds)).toEqual([bad]);
});

test('a wrong key stops the job and says so; finished cards are kept', async () => {
  server.options.apiKey = 'the-right-one';
  try {
    const m = manager();
    const p = panel();
    await m.open(story, comments, p.listener);
    const stopped = p.until((j) => j.status === 'stopped');
    await m.start(story.id, false);
    const job = await stopped;
    expect(job.problem).toMatchObject({ code: 'key-refused', params: { status: 401 } });
  } finally {
    server.options.apiKey = undefined;
  }
});

test('editor mode: every comment scored with a short answer, Japanese written only for the picks, then for what is asked', async () => {
  settings = parseSettings({ ...settings, workMode: 'editor', digestSize: 6 });
  const m = manager();
  const p = panel();
  await m.open(story, comments, p.listener);
  const done = p.until((j) => j.status === 'done');
  await m.start(story.id, false);
  const job = await done;
  const scoreAsked = server.requests.filter((r) => r.kind === 'score').flatMap((r) => r.askedIds);
  const written = server.requests.filter((r) => r.kind === 'batch').flatMap((r) => r.askedIds);
  expect(scoreAsked.sort()).toEqual(comments.map((c) => c.id));
  expect(written).toHaveLength(6);
  expect(job).toMatchObject({ done: 6, scored: 24, failed: 0, total: 30 });
  // The picks are the best scores, as the panel's automatic pick makes them.
  const last = new Map(p.cards().map((c) => [c.id, c]));
  const picks = pickDigest(comments.map((c) => c.id), last, 6);
  expect(new Set(written)).toEqual(picks);
  expect([...last.values()].filter((c) => c.status === 'scored')).toHaveLength(24);
  // Scores are short answers: the whole job wrote far less than the same thread in full.
  const editorOut = server.requests.reduce((a, r) => a + r.completionTokens, 0);

  // Reopened by another worker: the scores come back from the cache, with no request.
  server.reset();
  const m2 = manager();
  const again = panel();
  await m2.open(story, comments, again.listener);
  expect(server.requests.filter((r) => r.kind !== 'overview')).toHaveLength(0);
  const snap = again.got[0]!;
  expect(snap.type === 'snapshot' && snap.job).toMatchObject({ done: 6, scored: 24 });

  // One comment the reader opens is written; then the button ("Write the other 23") writes the rest.
  const one = comments.find((c) => !picks.has(c.id))!.id;
  let finished = again.until((j) => j.status === 'done' && j.done === 7);
  await m2.start(story.id, true, [one]);
  await finished;
  expect(server.requests.filter((r) => r.kind === 'batch').flatMap((r) => r.askedIds)).toEqual([one]);
  server.reset();
  finished = again.until((j) => j.status === 'done' && j.done === 30);
  await m2.start(story.id, true);
  await finished;
  const fullOut = server.requests.filter((r) => r.kind === 'batch').reduce((a, r) => a + r.completionTokens, 0);
  expect(server.requests.filter((r) => r.kind === 'batch').flatMap((r) => r.askedIds)).toHaveLength(23);
  expect(editorOut).toBeLessThan(fullOut);
});

test('a reopened long thread: the first screenful in the snapshot, every other card once the panel has painted it', async () => {
  const many: JobComment[] = Array.from({ length: 90 }, (_, i) => ({ id: 7001 + i, parentId: 7000, text: `Long thread comment ${i}: ${'words '.repeat(3 + (i % 5))}` }));
  const longStory = { ...story, id: 7000, commentCount: 90 };
  settings = { ...settings, confirmOver: 1000 };
  const m = manager();
  const p = panel();
  await m.open(longStory, many, p.listener);
  const done = p.until((j) => j.status === 'done');
  await m.start(longStory.id, false);
  await done;

  const m2 = manager();
  const again = panel();
  await m2.open(longStory, commentRefs(many), again.listener);
  const snap = again.got[0]!;
  // The counts are whole at once; the cards are those a panel shows first.
  expect(snap.type === 'snapshot' && [snap.cards.length, snap.job.done]).toEqual([40, 90]);
  expect(again.got).toHaveLength(1);
  // The panel has painted and sends the texts: the other 50 follow at once.
  m2.texts(longStory.id, many.map((c) => ({ id: c.id, text: c.text })), again.listener);
  expect(new Set(again.cards().map((c) => c.id)).size).toBe(90);
});

test('the model changed while a job ran: the job keeps its model, and at its end the open panel sees the cards as stale, as a reopen would', async () => {
  server.options.tokensPerSecond = 3000;
  const m = manager();
  const p = panel();
  await m.open(story, comments, p.listener);
  const done = p.until((j) => j.status === 'done');
  await m.start(story.id, false);
  settings = { ...settings, model: 'matome-test-2' };
  await m.settingsChanged();
  await done;
  expect(new Set(server.requests.filter((r) => r.kind === 'batch').map((r) => r.model))).toEqual(new Set(['matome-test-1']));
  await expect.poll(() => p.got.findLast((x) => x.type === 'snapshot')).toMatchObject({ model: `matome-test-2@${server.url}` });
  const last = p.got.findLast((x) => x.type === 'snapshot')!;
  expect(last.type === 'snapshot' && last.cards.every((c) => c.status === 'done' && c.stale === 'model')).toBe(true);
});

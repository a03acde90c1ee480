// The thread at a glance: the overview's and the answers' schemas and readers, citation checks, what they are written
// from, and the background writing them through the real `openai` client against the test server.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Story } from '@/lib/hn/thread';
import type { BackgroundToPanel, JobComment } from '@/lib/messages/job';
import { overviewMarkdown } from '@/lib/export/overview-markdown';
import { askLines, overviewKey, overviewLines, questionTerms } from '@/lib/overview/select';
import { readCited, readOverview, readQuestionAnswer, validCitations } from '@/lib/overview/schema';
import type { AskView, OverviewView } from '@/lib/overview/state';
import { parseSettings, type Settings } from '@/lib/settings';
import type { JobState } from '@/lib/summarize/card';
import { countTokens } from '@/lib/summarize/tokens';
import { startLlmServer, type LlmServer } from '../llm-server/server';
import { settleAll, testManager } from '../support/manager';

describe('answers as endpoints write them', () => {
  test('a cited text: ids as numbers, strings or "#123", under any of the usual keys; none without text', () => {
    expect(readCited({ text: ' 要点だよ ', cites: [1, '2', '#3', 'x', 3] })).toEqual({ text: '要点だよ', cites: [1, 2, 3] });
    expect(readCited({ point: 'p', citations: ['#9'] })).toEqual({ text: 'p', cites: [9] });
    expect(readCited({ text: '', cites: [1] })).toBeNull();
    expect(readCited('text')).toBeNull();
  });

  test('an overview and an answer read leniently; nothing to show is null', () => {
    expect(readOverview({ mood: '賛成多数', points: [{ text: 'a', cites: [1] }, { nope: 1 }] })).toEqual({ mood: '賛成多数', disagreement: '', points: [{ text: 'a', cites: [1] }] });
    expect(readOverview({ mood: 'x', points: [] })).toBeNull();
    expect(readQuestionAnswer({ found: false, answer: [{ text: '出ていない', cites: [] }] })).toEqual({ found: false, answer: [{ text: '出ていない', cites: [] }] });
    expect(readQuestionAnswer({ paragraphs: [{ text: 'b', ids: ['4'] }] })).toEqual({ found: true, answer: [{ text: 'b', cites: [4] }] });
  });

  test('only citations that lead somewhere: foreign ids dropped, a text citing only those dropped', () => {
    const exists = (id: number) => [10, 11].includes(id);
    expect(validCitations([{ text: 'a', cites: [10, 99, 10] }, { text: 'b', cites: [98] }, { text: 'c', cites: [] }], exists)).toEqual([{ text: 'a', cites: [10] }]);
    // "The thread does not say" cites nothing and stands; a text whose citations all failed does not.
    expect(validCitations([{ text: 'c', cites: [] }, { text: 'b', cites: [98] }], exists, true)).toEqual([{ text: 'c', cites: [] }]);
  });
});

describe('what they are written from', () => {
  const lines = Array.from({ length: 40 }, (_, i) => ({ id: 100 + i, ja: `コメント${i}の要約で、それなりに長い日本語の文章が続いていくよ。`.repeat(1 + (i % 3)), score: (i * 37) % 101 }));

  test('the overview: the best summaries by score, as many as the budget holds, in thread order', () => {
    const chosen = overviewLines(lines, 600, countTokens);
    expect(chosen.length).toBeGreaterThan(5);
    expect(chosen.length).toBeLessThan(40);
    expect(chosen.map((l) => l.id)).toEqual([...chosen.map((l) => l.id)].sort((a, b) => a - b));
    const worstChosen = Math.min(...chosen.map((l) => l.score));
    const left = lines.filter((l) => !chosen.includes(l));
    expect(left.filter((l) => l.score > worstChosen + 20).length).toBeLessThan(3);
    expect(overviewLines(lines, 100_000, countTokens)).toHaveLength(40);
  });

  test('its cache key changes with any summary it was written from, and only then', () => {
    const a = overviewLines(lines, 600, countTokens);
    expect(overviewKey(a)).toBe(overviewKey(overviewLines(lines.map((l) => ({ ...l })), 600, countTokens)));
    const edited = lines.map((l) => (l.id === a[0]!.id ? { ...l, ja: `${l.ja}追記` } : l));
    expect(overviewKey(overviewLines(edited, 600, countTokens))).not.toBe(overviewKey(a));
  });

  test('a question’s terms: English words and kanji / katakana pairs', () => {
    expect(questionTerms('Does Linux run well on the N100?')).toEqual(['linux', 'run', 'well', 'n100']);
    expect(questionTerms('結局、Linuxは動くの？バッテリー')).toEqual(['linux', '結局', 'バッ', 'ッテ', 'テリ', 'リー']);
  });

  test('a question takes the whole thread when it fits, else the comments that match it, in thread order', () => {
    const thread = Array.from({ length: 60 }, (_, i) => ({
      id: 200 + i,
      by: `u${i}`,
      text: i === 7 ? 'Linux runs fine, suspend works.' : i === 50 ? 'The battery lasts six hours.' : `Unrelated talk number ${i} about keyboards and screens. `.repeat(3),
      ja: i === 33 ? 'バッテリーは8時間もつよ。' : null,
      score: i,
    }));
    expect(askLines('Linux?', thread, 1_000_000, countTokens)).toMatchObject({ whole: true });
    const some = askLines('Linuxは動く？バッテリーは？', thread, 120, countTokens);
    expect(some.whole).toBe(false);
    expect(some.lines.map((l) => l.id)).toEqual(expect.arrayContaining([207, 233]));
    expect(some.lines.map((l) => l.id)).toEqual([...some.lines.map((l) => l.id)].sort((a, b) => a - b));
  });

  test('the overview as Markdown: numbered points, each citation a footnote linking the comment; text stays inert', () => {
    const md = overviewMarkdown({
      title: 'Chuwi [x](javascript:alert(1))',
      storyId: 1,
      mood: '前向き',
      disagreement: '',
      points: [{ text: '*太字*にならない', cites: [5, 6] }, { text: '二つ目', cites: [6] }],
      nameOf: (id) => (id === 5 ? 'alice' : null),
    });
    expect(md).toContain('1. \\*太字\\*にならない[^1][^2]');
    expect(md).toContain('2. 二つ目[^2]');
    expect(md).toContain('[^1]: [alice](https://news.ycombinator.com/item?id=5)');
    expect(md).toContain('[^2]: [\\#6](https://news.ycombinator.com/item?id=6)');
    expect(md).not.toContain('](javascript');
  });
});

describe('in the background, against the test server', () => {
  let server: LlmServer;
  beforeAll(async () => {
    server = await startLlmServer();
  });
  afterAll(() => server.close());

  const story: Story = { id: 7000, title: 'Overview thread', url: 'https://example.com/', site: 'example.com', by: 'x', time: '2026-10-01T00:00:00', points: 1, commentCount: 24, text: null };
  const comments: JobComment[] = Array.from({ length: 24 }, (_, i) => ({
    id: 7001 + i,
    parentId: i % 3 ? 7001 + i - 1 : 7000,
    by: `user${i}`,
    text: i === 5 ? 'Linux runs fine on it, even suspend.' : `Comment ${i} about the laptop's keyboard and screen, ${'and more '.repeat(i % 4)}`,
  }));
  let settings: Settings;
  const manager = () => testManager(() => settings);
  function panel() {
    const got: BackgroundToPanel[] = [];
    let overview: OverviewView | null = null;
    let ask: AskView | null = null;
    let job: JobState | null = null;
    const listener = (m: BackgroundToPanel) => {
      got.push(m);
      if (m.type === 'snapshot') ({ overview, ask, job } = m);
      if (m.type === 'overview') overview = m.overview;
      if (m.type === 'ask') ask = m.ask;
      if (m.type === 'job') job = m.job;
    };
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(ok()).toBe(true);
    };
    return { got, listener, until, overview: () => overview, ask: () => ask, job: () => job };
  }
  const ids = new Set(comments.map((c) => c.id));

  beforeEach(() => {
    fakeBrowser.reset();
    server.reset();
    server.options.fault = null;
    server.options.faultWhen = undefined;
    settings = parseSettings({ preset: 'custom', baseUrl: server.url, model: 'matome-test-1', concurrency: 3, batchTokens: 300, confirmOver: 1000, priceInPerM: 0.4, priceOutPerM: 1.6 });
  });
  afterEach(settleAll);

  /** A manager and a panel on the thread, summarised in full and its overview written. */
  async function summarised() {
    const m = manager();
    const p = panel();
    await m.open(story, comments, p.listener);
    await m.start(story.id, false);
    await p.until(() => p.job()?.status === 'done');
    await m.settled();
    return { m, p };
  }

  test('a job ends: the overview streams in point by point, every citation a comment of the thread; kept for the next open', async () => {
    const { m, p } = await summarised();
    const entry = p.overview()!.entry!;
    expect(entry.points.length).toBeGreaterThanOrEqual(3);
    expect(entry.points.length).toBeLessThanOrEqual(7);
    for (const pt of entry.points) {
      expect(pt.cites.length).toBeGreaterThan(0);
      for (const c of pt.cites) expect(ids.has(c)).toBe(true);
    }
    expect(entry.mood).not.toBe('');
    // It streamed: the panel saw it being written, a point at a time.
    const writing = p.got.flatMap((x) => (x.type === 'overview' && x.overview.status === 'writing' ? [x.overview.writing!.done.length] : []));
    expect(Math.max(...writing)).toBeGreaterThanOrEqual(2);
    expect(server.requests.filter((r) => r.kind === 'overview')).toHaveLength(1);
    // From the summaries, not the English thread: the request holds the Japanese only.
    const req = server.requests.find((r) => r.kind === 'overview')!;
    expect(JSON.stringify(req.body.messages)).not.toContain('keyboard and screen');

    server.reset();
    const again = panel();
    await manager().open(story, comments, again.listener);
    expect(again.overview()).toMatchObject({ entry: { points: entry.points, key: entry.key }, stale: false });
    expect(server.requests).toHaveLength(0);
    // Another model now: the overview stays shown, marked as written from other summaries or another model.
    settings = { ...settings, model: 'matome-test-2' };
    const other = panel();
    await manager().open(story, comments, other.listener);
    expect(other.overview()).toMatchObject({ entry: { key: entry.key }, stale: true });
  });

  test('citations to comments that do not exist never reach the panel; a point with only those is dropped', async () => {
    const { m, p } = await summarised();
    server.options.faultWhen = (r) => (r.kind === 'overview' ? { kind: 'foreign-ids' } : null);
    await m.overview(story.id);
    const e = p.overview()!.entry!;
    expect(e.points.some((x) => x.text.includes('どこにもない'))).toBe(false);
    for (const pt of e.points) for (const c of pt.cites) expect(ids.has(c)).toBe(true);
    // Not even while it streamed.
    for (const x of p.got) if (x.type === 'overview') for (const pt of x.overview.writing?.done ?? []) for (const c of pt.cites) expect(ids.has(c)).toBe(true);
  });

  test('a question: its cost before sending (nothing sent), then a streamed answer citing the comments; kept until cleared', async () => {
    const m = manager();
    const p = panel();
    await m.open(story, comments, p.listener);
    await m.ask(story.id, '結局、Linuxは動くの？', false);
    const est = p.ask()!.estimate!;
    expect(est).toMatchObject({ whole: true, comments: 24 });
    expect(est.promptTokens).toBeGreaterThan(200);
    expect(est.costUsd).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(0);

    await m.ask(story.id, '結局、Linuxは動くの？', true);
    const [a] = p.ask()!.answers;
    expect(a).toMatchObject({ question: '結局、Linuxは動くの？', found: true });
    expect(a!.answer[0]!.cites).toEqual([7006]);
    expect(server.requests.filter((r) => r.kind === 'answer')).toHaveLength(1);
    await m.ask(story.id, 'What about the hinge warranty?', true);
    expect(p.ask()!.answers[0]).toMatchObject({ found: false, answer: [{ cites: [] }] });

    // Kept with the thread: a new worker shows both.
    const again = panel();
    await manager().open(story, comments, again.listener);
    expect(again.ask()!.answers.map((x) => x.question)).toEqual(['What about the hinge warranty?', '結局、Linuxは動くの？']);
    await m.clearAnswers(story.id, a!.id);
    expect(p.ask()!.answers).toHaveLength(1);
    await m.clearAnswers(story.id, null);
    const cleared = panel();
    await manager().open(story, comments, cleared.listener);
    expect(cleared.ask()!.answers).toEqual([]);
  });

  test('a failed answer says why and keeps the question; the overview failing keeps the one shown', async () => {
    const { m, p } = await summarised();
    const before = p.overview()!.entry;
    server.options.fault = { kind: 'invalid-json' };
    await m.overview(story.id);
    expect(p.overview()).toMatchObject({ status: 'failed', entry: before, problem: { code: 'answer-not-json' } });
    server.options.fault = { kind: '401' };
    await m.ask(story.id, 'Linux?', true);
    expect(p.ask()).toMatchObject({ status: 'failed', question: 'Linux?', problem: { code: 'key-refused' } });
  });
});

// Bundled by scripts/bench/render.ts: renders the real panel components for a synthetic summarised thread.
import { render } from 'preact';
import { CardRegistry } from '../../lib/panel/cards';
import { noAsk, noOverview } from '../../lib/overview/state';
import { Panel, type DigestView, type PanelActions } from '../../components/Panel';
import { digestItems } from '../../lib/digest/digest';
import { noEdits } from '../../lib/digest/edits';
import type { Thread } from '../../lib/hn/thread';
import { idleJob, type Card } from '../../lib/summarize/card';

/** A summary of one of a few lengths, from a line to a long paragraph (the same for the same i): real cards vary. */
const variedJa = (id: number, i: number) => `コメント${id}の要約だよ。${'日本語の文章がここに入るよ。'.repeat(1 + ((i * 7919) % 13))}`;

function fixture(n: number, varied = false) {
  const comments = Array.from({ length: n }, (_, i) => ({
    id: 1000 + i, parentId: i % 5 ? 1000 + i - 1 : 1, depth: i % 5, by: `user${i}`, time: '2026-03-01T08:00:00', state: 'ok' as const, fade: 0, replies: i % 5 ? 0 : 4,
    text: `Comment ${i}: ${'some words of the original English text '.repeat(3)}`,
  }));
  const thread: Thread = { story: { id: 1, title: 'Bench', url: 'https://x/', site: 'x', by: 'b', time: '2026-03-01T00:00:00', points: 1, commentCount: n, text: null }, comments, pages: 1, nextPage: null };
  const cards = new Map<number, Card>(comments.map((c, i) => [c.id, { id: c.id, status: 'done', ja: varied ? variedJa(c.id, i) : `コメント${c.id}の要約だよ。${'日本語の文章がここに入るよ。'.repeat(2)}`, score: i % 100, kind: i % 7 ? 'none' : 'insight' }]));
  return { thread, cards };
}

const noop = () => {};
const actions = new Proxy({}, { get: () => noop }) as unknown as PanelActions;

function show(n: number, varied = false) {
  const { thread, cards } = fixture(n, varied);
  const root = document.getElementById('app')!;
  render(null, root);
  const t0 = performance.now();
  const items = digestItems(thread, cards, noEdits(1), 60);
  const job = { ...idleJob(n), status: 'done' as const, done: n };
  const digest: DigestView = { summaries: { storyId: 1, cards, drafts: new Map(), meta: { title: 'タイトル', tags: ['a'] }, model: 'm', job, connected: true, overview: noOverview(), ask: noAsk() }, items, title: 'タイトル', tags: ['a'], filter: 'all', pageOverlay: false, focused: null, editing: null, exported: null, help: false, notes: new Map(), overrides: 0, overlayLeftOut: 0, starredThread: false, starredCards: new Set() };
  render(<Panel view={{ kind: 'ready', tabId: 1, thread, stopped: null, leftOut: 0 }} notice={null} digest={digest} actions={actions} setup={null} cards={new CardRegistry()} />, root);
  // Layout is part of showing it.
  void root.getBoundingClientRect().height;
  return performance.now() - t0;
}

(globalThis as { renderPanel?: (n: number) => number }).renderPanel = (n: number) => show(n);

const frame = () => new Promise<number>((r) => requestAnimationFrame(r));

/** Shows `n` cards of varying height, at the top of the list. */
(globalThis as { showCards?: (n: number) => Promise<void> }).showCards = async (n) => {
  show(n, true);
  scrollTo(0, 0);
  for (let i = 0; i < 10; i++) await frame();
};

/**
 * Scrolls the page down at a steady `speed` (px/s) for `ms`, one step a frame, as a fling would. Returns each frame's
 * start time: a frame the page could not keep up with shows as a long interval.
 */
(globalThis as { scrollCards?: (ms: number, speed: number) => Promise<number[]> }).scrollCards = async (ms, speed) => {
  const stamps: number[] = [];
  const t0 = await frame();
  for (let t = t0; t - t0 < ms; t = await frame()) {
    stamps.push(t);
    scrollTo(0, ((t - t0) * speed) / 1000);
  }
  if (scrollY + innerHeight >= document.documentElement.scrollHeight - 1) throw new Error('the scroll reached the end of the list');
  return stamps;
};

// Bundled by scripts/bench/render.ts: renders the real panel components for a synthetic summarised thread.
import { render } from 'preact';
import { CardRegistry } from '../../lib/panel/cards';
import { noAsk, noOverview } from '../../lib/overview/state';
import { Panel, type DigestView, type PanelActions } from '../../components/Panel';
import { digestItems } from '../../lib/digest/digest';
import { noEdits } from '../../lib/digest/edits';
import type { Thread } from '../../lib/hn/thread';
import { idleJob, type Card } from '../../lib/summarize/card';

function fixture(n: number) {
  const comments = Array.from({ length: n }, (_, i) => ({
    id: 1000 + i, parentId: i % 5 ? 1000 + i - 1 : 1, depth: i % 5, by: `user${i}`, time: '2026-03-01T08:00:00', state: 'ok' as const, fade: 0, replies: i % 5 ? 0 : 4,
    text: `Comment ${i}: ${'some words of the original English text '.repeat(3)}`,
  }));
  const thread: Thread = { story: { id: 1, title: 'Bench', url: 'https://x/', site: 'x', by: 'b', time: '2026-03-01T00:00:00', points: 1, commentCount: n, text: null }, comments, pages: 1, nextPage: null };
  const cards = new Map<number, Card>(comments.map((c, i) => [c.id, { id: c.id, status: 'done', ja: `コメント${c.id}の要約だよ。${'日本語の文章がここに入るよ。'.repeat(2)}`, score: i % 100, kind: i % 7 ? 'none' : 'insight' }]));
  return { thread, cards };
}

const noop = () => {};
const actions = new Proxy({}, { get: () => noop }) as unknown as PanelActions;

(globalThis as { renderPanel?: (n: number) => number }).renderPanel = (n: number) => {
  const { thread, cards } = fixture(n);
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
};

// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, expect, test, vi } from 'vitest';
import { CommentCard } from '@/components/CommentCard';
import { ThreadMap } from '@/components/ThreadMap';
import type { DigestItem } from '@/lib/digest/digest';
import { setLang } from '@/lib/i18n';

const HOSTILE = '<img src=x onerror="window.__pwned=1"> {{< x >}} "quotes" مرحبا 🎉';
const item = (over: Partial<DigestItem> = {}): DigestItem => ({
  comment: { id: 7, parentId: 1, depth: 1, by: 'alice', time: '2025-02-15T01:02:03', text: HOSTILE, state: 'ok', fade: 0, replies: 2 },
  card: { id: 7, status: 'done', ja: `要約: ${HOSTILE}`, score: 80, kind: 'insight' },
  body: `要約: ${HOSTILE}`,
  color: '#785bff',
  selected: true,
  edited: false,
  override: null,
  ...over,
});

let root: HTMLElement;
const mount = (vnode: preact.ComponentChild) => {
  root = document.body.appendChild(document.createElement('div'));
  act(() => render(vnode, root));
  return root;
};
afterEach(() => {
  render(null, root);
  root.remove();
  setLang('en');
});

test('a card shows model and page text as text, with its colour, depth and digest state', () => {
  const el = mount(<CommentCard item={item()} onReveal={() => {}} onToggle={() => {}} onColor={() => {}} onEdit={() => {}} />);
  const card = el.querySelector('[data-testid="card"]')!;
  expect(card.getAttribute('data-color')).toBe('#785bff');
  expect(card.getAttribute('data-selected')).toBe('true');
  expect(el.querySelector('[data-testid="card-ja"]')!.textContent).toBe(`要約: ${HOSTILE}`);
  expect(el.querySelector('.card-text')!.textContent).toBe(HOSTILE);
  expect(el.querySelectorAll('img, script')).toHaveLength(0);
  expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
  // The kind is said in words and a symbol, not by colour alone.
  expect(el.querySelector('[data-testid="kind-chip"]')!.textContent).toBe('✦Insight');
});

test('pick, recolour, edit: each calls back with the comment; a click elsewhere reveals it', () => {
  const onToggle = vi.fn();
  const onColor = vi.fn();
  const onEdit = vi.fn();
  const onReveal = vi.fn();
  const el = mount(<CommentCard item={item()} onReveal={onReveal} onToggle={onToggle} onColor={onColor} onEdit={onEdit} />);
  act(() => (el.querySelector('[data-testid="pick"]') as HTMLInputElement).click());
  act(() => (el.querySelector('[data-testid="color-#ff5733"]') as HTMLButtonElement).click());
  act(() => (el.querySelector('[data-testid="edit"]') as HTMLButtonElement).click());
  expect(onToggle).toHaveBeenCalledWith(7);
  expect(onColor).toHaveBeenCalledWith(7, '#ff5733');
  expect(onEdit).toHaveBeenCalledWith(7);
  expect(onReveal).not.toHaveBeenCalled();
  act(() => (el.querySelector('[data-testid="card-ja"]') as HTMLElement).click());
  expect(onReveal).toHaveBeenCalledWith(7);
});

test('editing: the textarea holds the body, typing sends it, Escape ends the edit', () => {
  const onBody = vi.fn();
  const onEdit = vi.fn();
  const el = mount(<CommentCard item={item()} editing onReveal={() => {}} onBody={onBody} onEdit={onEdit} />);
  const area = el.querySelector('[data-testid="card-edit"]') as HTMLTextAreaElement;
  expect(area.value).toBe(`要約: ${HOSTILE}`);
  act(() => {
    area.value = '直したよ';
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
  expect(onBody).toHaveBeenCalledWith(7, '直したよ');
  act(() => void area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
  expect(onEdit).toHaveBeenCalledWith(null);
});

test('an error card offers a retry; a card without a summary shows the original and no picker', () => {
  const onRetry = vi.fn();
  const el = mount(<CommentCard item={item({ card: { id: 7, status: 'error', problem: { code: 'stalled', params: { s: 30 } } }, body: null, color: '', selected: false })} onReveal={() => {}} onRetry={onRetry} onToggle={() => {}} />);
  // Short on the card; the whole sentence on hover (the bar says it once for all).
  expect(el.querySelector('.card-error')!.textContent).toBe('Not summarised. Retry');
  expect(el.querySelector('.card-error')!.getAttribute('title')).toBe('The answer stopped for 30 s in the middle.');
  expect(el.querySelector('[data-testid="pick"]')).toBeNull();
  act(() => (el.querySelector('[data-testid="retry"]') as HTMLButtonElement).click());
  expect(onRetry).toHaveBeenCalledWith(7);
});

test('the UI speaks Japanese when asked', () => {
  setLang('ja');
  const el = mount(<CommentCard item={item()} onReveal={() => {}} onEdit={() => {}} />);
  expect(el.querySelector('[data-testid="kind-chip"]')!.textContent).toBe('✦洞察');
  expect(el.querySelector('[data-testid="edit"]')!.textContent).toBe('編集');
});

test('the thread map: one bar per top-level subtree, sized by it; a click jumps there', () => {
  const onJump = vi.fn();
  const c = (id: number, depth: number, selected = false): DigestItem => item({ comment: { ...item().comment, id, depth }, selected, color: '' });
  const el = mount(<ThreadMap items={[c(1, 0), c(2, 1, true), c(3, 2), c(4, 0)]} onJump={onJump} />);
  const bars = [...el.querySelectorAll('.map-bar')] as HTMLElement[];
  expect(bars.map((b) => b.style.flexGrow)).toEqual(['3', '1']);
  expect(bars[0]!.classList.contains('picked')).toBe(true);
  act(() => bars[1]!.click());
  expect(onJump).toHaveBeenCalledWith(4);
});

test('a story link that is not http(s) is shown as text, never as a link', async () => {
  const { ThreadHeader } = await import('@/components/ThreadHeader');
  const story = { id: 1, title: 'Click me', url: 'javascript:alert(document.domain)', site: null, by: 'x', time: null, points: 1, commentCount: 0, text: null };
  const el = mount(<ThreadHeader story={story} shown={0} title={null} tags={null} />);
  expect(el.querySelector('a[href^="javascript"]')).toBeNull();
  expect(el.querySelector('[data-testid="story-title"]')!.tagName).toBe('SPAN');
  render(null, root);
  root.remove();
  const safe = mount(<ThreadHeader story={{ ...story, url: 'https://example.com/a' }} shown={0} title={null} tags={null} />);
  expect(safe.querySelector('a[data-testid="story-title"]')!.getAttribute('href')).toBe('https://example.com/a');
});

test("Save says the browser is asking while its permission prompt is open, then what it decided", async () => {
  const { SettingsView } = await import('@/components/SettingsView');
  const { parseSettings } = await import('@/lib/settings');
  let decide: (granted: boolean) => void = () => {};
  const access = new Promise<boolean>((r) => (decide = r));
  const el = mount(
    <SettingsView
      settings={parseSettings({ preset: 'ollama', baseUrl: 'http://localhost:11434/v1' })}
      keyStatus={{ set: false, hint: null }}
      builtIn={{ status: 'unavailable', progress: null }}
      models={[]}
      onSave={async () => ({ origin: 'http://localhost:11434', answer: access })}
      onConnect={async () => ({ result: { ok: true, problem: null, models: [], model: 'm', mode: 'schema', ignoresFormat: false, contextWindow: null, contextSource: 'none' }, access: null })}
      onDownloadBuiltIn={() => {}}
      onClose={() => {}}
    />,
  );
  await act(async () => (el.querySelector('[data-testid="save-settings"]') as HTMLButtonElement).click());
  await act(() => new Promise((r) => setTimeout(r, 400)));
  expect(el.querySelector('[data-testid="access-status"]')!.textContent).toBe('The browser is asking whether HN Matome may reach http://localhost:11434: allow it in its prompt.');
  expect(el.querySelector('[data-testid="settings-message"]')!.textContent).toBe('Saved.');
  await act(async () => decide(false));
  expect(el.querySelector('[data-testid="access-status"]')!.textContent).toMatch(/was not granted/);
});

test('a stopped job is said once, with its fix; failures of another kind are grouped with one retry; waits count down', async () => {
  const { SummaryBar } = await import('@/components/SummaryBar');
  const { idleJob } = await import('@/lib/summarize/card');
  const stopped = { ...idleJob(40), status: 'stopped' as const, done: 30, failed: 10, problem: { code: 'key-refused' as const, params: { status: 401 } } };
  const onSettings = vi.fn();
  const onRetry = vi.fn();
  const el = mount(
    <SummaryBar job={stopped} pending={10} connected onStart={() => {}} onCancel={() => {}} onSettings={onSettings} failures={[{ problem: { code: 'answer-skipped', params: {} }, ids: [3, 4] }]} onRetry={onRetry} />,
  );
  expect(el.querySelectorAll('[data-testid="error"]')).toHaveLength(1);
  expect(el.querySelector('[data-testid="error"]')!.textContent).toMatch(/^The endpoint refused the API key \(401\)/);
  act(() => (el.querySelector('[data-testid="fix-settings"]') as HTMLButtonElement).click());
  expect(onSettings).toHaveBeenCalled();
  expect(el.querySelector('[data-testid="failed-group"]')!.textContent).toMatch(/^2 not summarised: The model skipped this comment\./);
  act(() => (el.querySelector('[data-testid="retry-failed"]') as HTMLButtonElement).click());
  expect(onRetry).toHaveBeenCalledWith([3, 4]);
  render(null, root);
  root.remove();

  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  try {
    const now = Date.now();
    const waiting = { ...idleJob(40), status: 'running' as const, waiting: { kind: 'rate-limit' as const, since: now, until: now + 5000, problem: null } };
    const w = mount(<SummaryBar job={waiting} pending={40} connected onStart={() => {}} onCancel={() => {}} onSettings={() => {}} />);
    expect(w.querySelector('[data-testid="waiting"]')!.textContent).toMatch(/waiting 5 s/);
    act(() => void vi.advanceTimersByTime(2000));
    expect(w.querySelector('[data-testid="waiting"]')!.textContent).toMatch(/waiting 3 s/);
  } finally {
    vi.useRealTimers();
  }
});

test('times are shown in the reader’s zone, with the zone; the UTC time is kept as the title', async () => {
  const { localTime } = await import('@/lib/panel/time');
  expect(localTime('2026-05-30T09:04:00', 'en-US', 'Asia/Tokyo')).toBe('05/30/2026, 18:04 GMT+9');
  expect(localTime('2026-05-30T09:04:00', 'ja', 'Asia/Tokyo')).toBe('2026/05/30 18:04 JST');
  expect(localTime('2026-05-30T23:30:00', 'en-GB', 'Europe/London')).toBe('31/05/2026, 00:30 BST');
  expect(localTime('not a time', 'en')).toBe('not a time');
});

test('a starred card opened alone shows no made-up points or comment count', async () => {
  const { ThreadHeader } = await import('@/components/ThreadHeader');
  const story = { id: 1, title: 'A story', url: 'https://example.com/', site: null, by: null, time: '2026-01-01T00:00:00', points: 0, commentCount: 1, text: null };
  const el = mount(<ThreadHeader story={story} shown={1} card title={null} tags={null} />);
  expect(el.querySelector('[data-testid="story-meta"]')!.textContent).not.toMatch(/points|comments/);
});

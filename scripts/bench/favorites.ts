// The Favourites view of the real extension with a full shelf: first paint of the list, and search per keystroke.
import { noEdits } from '../../lib/digest/edits';
import { FAVORITES_VERSION, type FavoriteThread } from '../../lib/favorites/schema';
import { launch } from '../../test/browser/harness';
import { median, type Figure } from './report';

function shelf(n: number) {
  const items: Record<string, unknown> = {};
  const index: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const id = 46_000_000 + i * 100;
    const comments = Array.from({ length: 20 }, (_, j) => ({ id: id + j + 1, parentId: id, depth: 0, by: `user${(i * 7 + j) % 500}`, time: '2026-01-01T00:00:00', text: `Comment ${j} of thread ${i} about topic${i % 50} and more words here`, state: 'ok' as const, fade: 0, replies: 0 }));
    const f: FavoriteThread = {
      kind: 'thread',
      id,
      story: { id, title: `Thread ${i}: topic${i % 50}`, url: `https://example.com/${i}`, site: 'example.com', by: 'p', time: '2026-01-01T00:00:00', points: 1, commentCount: 20, text: null },
      comments,
      cards: comments.map((c) => ({ id: c.id, status: 'done' as const, ja: `スレッド${i}のコメント${c.id}の要約だよ`, score: 50, kind: 'none' as const })),
      meta: { title: `スレッド${i}のタイトル`, tags: ['tag'] },
      edits: noEdits(id),
      overview: null,
      answers: [],
      starredAt: i,
      updatedAt: i,
    };
    items[`fav:t:${id}`] = f;
    items[`fav:t:${id}$`] = { v: FAVORITES_VERSION };
    index[`thread:${id}`] = { kind: 'thread', id, title: f.meta!.title, sub: f.story.title, starredAt: i, updatedAt: i, bytes: JSON.stringify(f).length };
  }
  items['fav-index'] = index;
  return items;
}

export async function benchFavorites(n = 1000): Promise<Figure[]> {
  const h = await launch(() => undefined);
  try {
    await h.setStorage(shelf(n));
    const firstPaint: number[] = [];
    const search: number[] = [];
    for (let run = 0; run < 3; run++) {
      const panel = await h.openPanel(-1);
      await panel.getByTestId('open-favorites').waitFor();
      // From the click to the list painted.
      // From the click to the list painted. (Code as text: the bench runner renames functions it compiles.)
      firstPaint.push(
        await panel.evaluate<number>(`new Promise((resolve) => {
          const t0 = performance.now();
          document.querySelector('[data-testid="open-favorites"]').click();
          const check = () => (document.querySelector('[data-testid="fav-item"]') ? requestAnimationFrame(() => resolve(performance.now() - t0)) : requestAnimationFrame(check));
          check();
        })`),
      );
      // Search needs every favourite's text, loaded after the list shows.
      await panel.waitForFunction(() => /\d+ KB|MB/.test(document.querySelector('[data-testid="fav-count"]')?.textContent ?? ''), null, { timeout: 30_000 });
      await new Promise((r) => setTimeout(r, 1500));
      for (const q of ['t', 'to', 'top', 'topi', 'topic4', 'topic42']) {
        search.push(
          await panel.evaluate<number>(`new Promise((resolve) => {
            const input = document.querySelector('[data-testid="fav-search"]');
            const t0 = performance.now();
            input.value = ${JSON.stringify(q)};
            input.dispatchEvent(new Event('input', { bubbles: true }));
            requestAnimationFrame(() => resolve(performance.now() - t0));
          })`),
        );
      }
      await panel.close();
    }
    return [
      { name: `favourites: ${n} on the shelf, click to the list painted (median of 3)`, value: median(firstPaint), unit: 'ms', target: { max: 100 } },
      { name: `favourites: search over ${n}, keystroke to the list painted (median of ${search.length})`, value: median(search), unit: 'ms', target: { max: 30 } },
    ];
  } finally {
    await h.close();
  }
}

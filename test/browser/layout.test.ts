// The panel's layout as users meet it: any width from 320 px, resized after scrolling; the thread map's jump; the
// highlight colours readable in light and dark.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactPath, launch, type Harness } from './harness';
import { generateThread } from '../support/generate-thread';
import { startLlmServer, type LlmServer } from '../llm-server/server';

// 60 comments (a plain list) and 220 (the windowed list), with long unbroken words and URLs among them.
const small = generateThread({ comments: 60, seed: 71, storyId: 47100000 });
const large = generateThread({ comments: 220, seed: 72, storyId: 47200000 });
const byId = new Map([small, large].map((t) => [t.story.id, t]));

let h: Harness;
let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer();
  h = await launch((path) => byId.get(Number(new URL(path, 'https://news.ycombinator.com').searchParams.get('id')))?.pages[0]);
  await h.setSettings({ lang: 'en', preset: 'custom', baseUrl: server.url, model: 'matome-test-1', confirmOver: 1000 });
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

/** A thread summarised in full, in a panel (summarised now, or shown from an earlier test's summaries). */
async function summarised(id: number, total: number): Promise<Page> {
  const page = await h.openThread(`/item?id=${id}`);
  const panel = await h.openPanel(await h.tabIdOf(page.url()));
  await panel.locator('[data-testid="summarize"], p.done[data-testid="progress"]').first().waitFor();
  if (await panel.getByTestId('summarize').count()) await panel.getByTestId('summarize').click();
  await expect.poll(() => panel.getByTestId('progress').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^All ${total} summarised`));
  return panel;
}

/** What sticks out past the panel's right edge: the page's sideways scroll, and any block of the thread view. */
const overflow = (panel: Page) =>
  panel.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const blocks = [...document.querySelectorAll<HTMLElement>('[data-testid="card"], .story, .bar, .digest-toolbar, .legend, .thread-map, .cards')];
    return {
      width: w,
      scroll: document.documentElement.scrollWidth - w,
      out: blocks.filter((el) => el.getBoundingClientRect().right > w + 0.5).map((el) => `${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
    };
  });

describe('widths', () => {
  for (const [name, thread, total] of [
    ['a 60-comment thread', small, 60],
    ['a 220-comment thread (windowed list)', large, 220],
  ] as const)
    test(`${name}: at 600, 420, 360 and 320 px, resized after scrolling, nothing is cut or scrolls sideways`, async () => {
      const panel = await summarised(thread.story.id, total);
      for (const width of [600, 420, 360, 320, 420, 600, 320]) {
        // Scrolled down first: cards rendered (and remembered) at the old width must follow the new one.
        await panel.evaluate(() => scrollTo(0, document.documentElement.scrollHeight / 2));
        await panel.waitForTimeout(100);
        await panel.setViewportSize({ width, height: 800 });
        await panel.waitForTimeout(150);
        for (const at of [0.2, 0.6, 1]) {
          await panel.evaluate((f) => scrollTo(0, document.documentElement.scrollHeight * f), at);
          await panel.waitForTimeout(120);
          const o = await overflow(panel);
          expect({ scroll: o.scroll, out: o.out }).toEqual({ scroll: 0, out: [] });
          // The page's own width (less a scrollbar): the list follows the panel.
          expect(o.width).toBeGreaterThan(width - 20);
        }
      }
      await panel.screenshot({ path: artifactPath(`width-320-${total}.png`) });
      await panel.close();
    });
});

test('the thread map jumps: a click on a bar brings its subtree to the top of the list, on a 60-comment thread', async () => {
  const panel = await summarised(small.story.id, 60);
  const bars = panel.locator('.map-bar');
  const n = await bars.count();
  expect(n).toBeGreaterThan(3);
  for (const i of [n - 1, Math.floor(n / 2), 1]) {
    await bars.nth(i).click();
    const id = Number(await bars.nth(i).getAttribute('data-subtree'));
    // The subtree's first card is at the top of the view, under the toolbar (not under it), and focused.
    await panel.waitForTimeout(300);
    expect(await panel.locator(`[data-testid="card"][data-comment-id="${id}"]`).evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThanOrEqual(30);
    // At the top, or as near as the page scrolls (the last subtree ends the page).
    const at = await panel.locator(`[data-testid="card"][data-comment-id="${id}"]`).evaluate((el) => ({
      top: el.getBoundingClientRect().top,
      bottomOfPage: scrollY + innerHeight >= document.documentElement.scrollHeight - 2,
      view: innerHeight,
    }));
    expect(at.top < 90 || (at.bottomOfPage && at.top < at.view - 60), JSON.stringify({ i, ...at })).toBe(true);
    expect(await panel.evaluate(() => scrollY)).toBeGreaterThan(0);
    expect(await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.commentId)).toBe(String(id));
  }
  await panel.close();
});

/** WCAG's contrast ratio of two CSS colours as the browser computed them (`rgb()`, or `color(srgb …)` for color-mix). */
const CONTRAST = `(() => {
  const rgb = (c) => {
    const m = /color\\(srgb ([\\d.e-]+) ([\\d.e-]+) ([\\d.e-]+)/.exec(c);
    if (m) return [m[1], m[2], m[3]].map((x) => Number(x) * 255);
    return c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  };
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  return (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
})()`;

test('highlights: every kind named and marked, its text at WCAG AA contrast in light and dark', async () => {
  const panel = await summarised(small.story.id, 60);
  for (const scheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme: scheme });
    const measured = await panel.evaluate((fn) => {
      const contrast = eval(fn) as (a: string, b: string) => number;
      const bgOf = (el: Element): string => {
        for (let e: Element | null = el; e; e = e.parentElement) {
          const bg = getComputedStyle(e).backgroundColor;
          if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
        }
        return getComputedStyle(document.documentElement).backgroundColor;
      };
      const chips = [...document.querySelectorAll<HTMLElement>('.legend [data-testid="kind-chip"], [data-testid="card"] [data-testid="kind-chip"]')];
      const texts = [...document.querySelectorAll<HTMLElement>('[data-testid="card"].highlighted [data-testid="card-ja"], [data-testid="card"]:not(.highlighted) [data-testid="card-ja"]')].slice(0, 40);
      return {
        legend: [...document.querySelectorAll<HTMLElement>('.legend [data-testid="kind-chip"]')].map((c) => c.textContent),
        worstChip: Math.min(...chips.map((c) => contrast(getComputedStyle(c).color, bgOf(c)))),
        worstText: Math.min(...texts.map((c) => contrast(getComputedStyle(c).color, bgOf(c)))),
        chips: chips.length,
        texts: texts.length,
        colouredText: texts.filter((c) => getComputedStyle(c).color !== getComputedStyle(document.documentElement).color).length,
      };
    }, CONTRAST);
    // Six kinds, each with its own symbol and name: told apart without colour.
    expect(new Set(measured.legend).size).toBe(6);
    expect(measured.legend).toEqual(['✦Insight', '●Experience', '⇄Counterpoint', '#Data', '☺Humour', '?Question']);
    expect(measured.chips).toBeGreaterThan(6);
    expect(measured.texts).toBeGreaterThan(10);
    expect(measured.worstChip).toBeGreaterThanOrEqual(4.5);
    expect(measured.worstText).toBeGreaterThanOrEqual(4.5);
    // The summaries are in the text colour: the highlight colour only marks.
    expect(measured.colouredText).toBe(0);
    await panel.screenshot({ path: artifactPath(`highlights-${scheme}.png`) });
  }
  await panel.close();
});

test('the Japanese title wraps instead of being cut; a checkbox sits on its label’s line', async () => {
  const panel = await summarised(small.story.id, 60);
  await panel.setViewportSize({ width: 320, height: 800 });
  const title = panel.getByTestId('title-ja');
  await expect.poll(() => title.inputValue()).not.toBe('');
  const box = await title.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, line: parseFloat(getComputedStyle(el).lineHeight) }));
  // Two lines or more at this width, all of it shown.
  expect(box.client).toBeGreaterThan(box.line * 1.5);
  expect(box.scroll).toBeLessThanOrEqual(box.client + 1);
  await panel.getByTestId('open-settings').click();
  const months = await panel.getByTestId('months').evaluate((el) => {
    const label = el.closest('label')!;
    const r = el.getBoundingClientRect();
    const text = document.createRange();
    text.selectNodeContents(label);
    const t = [...text.getClientRects()].filter((x) => x.left > r.right - 1).at(0)!;
    return { boxMiddle: r.top + r.height / 2, textTop: t.top, textBottom: t.bottom };
  });
  expect(months.boxMiddle).toBeGreaterThan(months.textTop);
  expect(months.boxMiddle).toBeLessThan(months.textBottom);
  await panel.close();
});

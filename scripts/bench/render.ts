// The side panel's own components rendering a summarised thread in Chromium (with the panel's stylesheet), and export.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { digestArticle, digestItems } from '../../lib/digest/digest';
import { noEdits } from '../../lib/digest/edits';
import { renderHugoArticle } from '../../lib/export/hugo';
import type { Thread } from '../../lib/hn/thread';
import type { Card } from '../../lib/summarize/card';
import { median, type Figure } from './report';

export async function benchRender(browser: Browser): Promise<Figure[]> {
  const bundle = await build({
    entryPoints: ['scripts/bench/render-entry.tsx'],
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    alias: { '@': '.' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const page = await browser.newPage({ viewport: { width: 420, height: 820 } });
  await page.setContent(`<style>${readFileSync('entrypoints/sidepanel/style.css', 'utf8')}</style><div id="app"></div>`);
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const figures: Figure[] = [];
  for (const n of [300, 3000]) {
    const times = await page.evaluate((count) => Array.from({ length: 7 }, () => (globalThis as unknown as { renderPanel: (n: number) => number }).renderPanel(count)), n);
    figures.push({ name: `panel render, ${n} summarised cards (Chromium, median of 5 after 2)`, value: median(times.slice(2)), unit: 'ms', target: n === 3000 ? { max: 200 } : undefined });
  }
  figures.push(...(await benchScroll(page)));
  await page.close();
  return figures;
}

/** A frame that took longer than this (1.5 × a 60 Hz frame) was missed: the page stood still for a frame or more. */
const MISSED_MS = 25;

/**
 * Frames missed while the windowed list scrolls through cards of varying height, on a CPU slowed 4× (a modest
 * laptop): new cards come into view and are measured all the way down. The share of frames late, median of 5 runs.
 */
async function benchScroll(page: Page): Promise<Figure[]> {
  const cdp = await page.context().newCDPSession(page);
  const figures: Figure[] = [];
  try {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    for (const n of [300, 3000]) {
      const shares: number[] = [];
      for (let run = 0; run < 5; run++) {
        await page.evaluate((count) => (globalThis as unknown as { showCards: (n: number) => Promise<void> }).showCards(count), n);
        const stamps = await page.evaluate(() => (globalThis as unknown as { scrollCards: (ms: number, speed: number) => Promise<number[]> }).scrollCards(4000, 2400));
        const late = stamps.slice(1).filter((t, i) => t - stamps[i]! > MISSED_MS).length;
        shares.push((100 * late) / (stamps.length - 1));
      }
      figures.push({ name: `frames missed scrolling ${n.toLocaleString('en')} cards at 4× throttle (2,400 px/s for 4 s, median of 5)`, value: median(shares), unit: '%', target: { max: 5 } });
    }
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
  return figures;
}

export function benchExport(): Figure[] {
  const n = 3000;
  const comments = Array.from({ length: n }, (_, i) => ({ id: 1000 + i, parentId: 1, depth: 0, by: `u${i}`, time: '2026-03-01T08:00:00', state: 'ok' as const, fade: 0, replies: 0, text: 'x' }));
  const thread: Thread = { story: { id: 1, title: 'Bench', url: 'https://x/', site: null, by: 'b', time: '2026-03-01T00:00:00', points: 1, commentCount: n, text: null }, comments, pages: 1, nextPage: null };
  const cards = new Map<number, Card>(comments.map((c) => [c.id, { id: c.id, status: 'done', ja: `コメント${c.id}の要約だよ。"引用" <b> & }} も入る。\n二行目だね。`, score: 50, kind: 'none' }]));
  // Every quote ticked in over the automatic pick.
  const edits = { ...noEdits(1), picksIn: comments.map((c) => c.id) };
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    const md = renderHugoArticle(digestArticle(thread, digestItems(thread, cards, edits, 60), { title: 't', tags: [] }, edits, { featureImages: ['blue'] }));
    times.push(performance.now() - t0);
    if (!md.includes('もっとコメントを表示（149）')) throw new Error('export did not include every quote');
  }
  return [{ name: `export, a ${n}-quote digest to Hugo Markdown (median of 9)`, value: median(times), unit: 'ms' }];
}

// The side panel's own components rendering a summarised thread in Chromium (with the panel's stylesheet), and export.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
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
  await page.close();
  return figures;
}

export function benchExport(): Figure[] {
  const n = 3000;
  const comments = Array.from({ length: n }, (_, i) => ({ id: 1000 + i, parentId: 1, depth: 0, by: `u${i}`, time: '2026-03-01T08:00:00', state: 'ok' as const, fade: 0, replies: 0, text: 'x' }));
  const thread: Thread = { story: { id: 1, title: 'Bench', url: 'https://x/', site: null, by: 'b', time: '2026-03-01T00:00:00', points: 1, commentCount: n, text: null }, comments, pages: 1, nextPage: null };
  const cards = new Map<number, Card>(comments.map((c) => [c.id, { id: c.id, status: 'done', ja: `コメント${c.id}の要約だよ。"引用" <b> & }} も入る。\n二行目だね。`, score: 50, kind: 'none' }]));
  const edits = { ...noEdits(1), selected: comments.map((c) => c.id) };
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    const md = renderHugoArticle(digestArticle(thread, digestItems(thread, cards, edits, 60), { title: 't', tags: [] }, edits, { featureImages: ['blue'] }));
    times.push(performance.now() - t0);
    if (!md.includes('もっとコメントを表示（149）')) throw new Error('export did not include every quote');
  }
  return [{ name: `export, a ${n}-quote digest to Hugo Markdown (median of 9)`, value: median(times), unit: 'ms' }];
}

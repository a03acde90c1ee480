// parseThread on the live document of a generated HN page, in Chromium, as the content script runs it, and against a
// plain DOM walk of the same rows in the same page, timed pair by pair so that both see the same page, JIT and load.
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { generateThread } from '../../test/support/generate-thread';
import { median, type Figure } from './report';

const WARM = 3;
const PAIRS = 21;

export async function benchParse(browser: Browser): Promise<Figure[]> {
  const bundle = await build({
    stdin: { contents: "import { parseThread } from './lib/hn/parse'; (globalThis as any).parseThread = parseThread;", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
    target: 'chrome120',
  });
  const code = bundle.outputFiles[0]!.text;
  const figures: Figure[] = [];
  for (const [n, target] of [[1000, 15], [3000, 45]] as const) {
    const g = generateThread({ comments: n, seed: n });
    const url = `https://news.ycombinator.com/item?id=${g.story.id}`;
    const page = await browser.newPage();
    await page.route('https://news.ycombinator.com/**', (r) => r.fulfill({ contentType: 'text/html', body: g.pages[0]! }));
    await page.goto(url);
    await page.addScriptTag({ content: code });
    const { parse, ratios } = await page.evaluate(
      ({ u, warm, pairs }) => {
        const parseThread = (globalThis as unknown as { parseThread: (d: Document, u: string) => { comments: unknown[] } }).parseThread;
        const parse: number[] = [];
        const ratios: number[] = [];
        for (let i = 0; i < warm + pairs; i++) {
          let p = 0;
          let w = 0;
          // Alternate which goes first, so neither always runs on the other's leftovers (garbage, caches).
          for (let k = 0; k < 2; k++) {
            const t0 = performance.now();
            if ((i + k) % 2 === 0) {
              if (parseThread(document, u).comments.length === 0) throw new Error('nothing parsed');
              p = performance.now() - t0;
            } else {
              // The plain walk: the least any reader of these rows does, each row's id, depth, user, time and text
              // looked up in the row. Inline, not a named function: tsx would wrap one in a helper the page lacks.
              let sink = 0;
              for (const row of document.querySelectorAll('tr.athing.comtr')) {
                const id = Number(row.id);
                const indent = Number(row.querySelector('td.ind')?.getAttribute('indent') ?? 0);
                const user = row.querySelector('.hnuser')?.textContent ?? '';
                const age = row.querySelector('.age')?.getAttribute('title') ?? '';
                const text = row.querySelector('.commtext')?.textContent ?? '';
                sink += id + indent + user.length + age.length + text.length;
              }
              if (sink === 0) throw new Error('nothing walked');
              w = performance.now() - t0;
            }
          }
          if (i < warm) continue;
          parse.push(p);
          ratios.push(p / w);
        }
        return { parse, ratios };
      },
      { u: url, warm: WARM, pairs: PAIRS },
    );
    await page.close();
    const count = n.toLocaleString('en-US');
    figures.push({ name: `parseThread, ${n} comments (Chromium, median of ${parse.length} after ${WARM} warm-up)`, value: median(parse), unit: 'ms', target: { max: target } });
    figures.push({ name: `parseThread ÷ plain DOM walk, ${count} comments (median of ${ratios.length} per-pair ratios)`, value: median(ratios), unit: '×', target: { max: 1.0 } });
  }
  return figures;
}

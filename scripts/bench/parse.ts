// parseThread on the live document of a generated HN page, in Chromium, as the content script runs it.
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { generateThread } from '../../test/support/generate-thread';
import { median, type Figure } from './report';

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
    const times = await page.evaluate((u) => {
      const parse = (globalThis as unknown as { parseThread: (d: Document, u: string) => { comments: unknown[] } }).parseThread;
      const out: number[] = [];
      for (let i = 0; i < 15; i++) {
        const t0 = performance.now();
        const t = parse(document, u);
        out.push(performance.now() - t0);
        if (t.comments.length === 0) throw new Error('nothing parsed');
      }
      return out;
    }, url);
    await page.close();
    figures.push({ name: `parseThread, ${n} comments (Chromium, median of ${times.length - 3} after 3 warm-up)`, value: median(times.slice(3)), unit: 'ms', target: { max: target } });
  }
  return figures;
}

// What each context costs to load: built bundle sizes, gzipped as a store serves them.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Figure } from './report';

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

export function benchSizes(outDir: string): Figure[] {
  return [
    { name: 'content script, built (gzip; no zod, no polyfill)', value: gz(join(outDir, 'content-scripts/content.js')), unit: 'KB', target: { max: 6 } },
    { name: 'side panel, built JS and CSS (gzip)', value: pageSize(outDir, 'sidepanel'), unit: 'KB', target: { max: 50 } },
    { name: 'background worker, built (gzip; no tokenizer)', value: gz(join(outDir, 'background.js')), unit: 'KB', target: { max: 200 } },
  ];
}

/** All JS and CSS an HTML entrypoint loads (its chunks), gzipped one by one. */
export function pageSize(outDir: string, prefix: string): number {
  const files = [
    ...readdirSync(join(outDir, 'chunks')).filter((f) => f.startsWith(prefix)).map((f) => join(outDir, 'chunks', f)),
    ...readdirSync(join(outDir, 'assets')).filter((f) => f.startsWith(prefix)).map((f) => join(outDir, 'assets', f)),
  ];
  return files.reduce((sum, f) => sum + gz(f), 0);
}

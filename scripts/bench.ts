// `npm run bench`: the speed and size figures the issues set targets for. Prints them; fails on nothing.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { benchParse } from './bench/parse';
import { benchExport, benchRender } from './bench/render';
import { benchFavorites } from './bench/favorites';
import { printFigures, type Figure } from './bench/report';
import { benchSizes } from './bench/sizes';
import { benchJob, benchModes, benchReopen } from './bench/summaries';
import { benchColdStart, benchFirstCard } from './bench/coldstart';
import { benchEstimate } from './bench/tokens';
import { benchProviders } from './bench/providers';
import { benchDigest } from './bench/digest';

const OUT = '.output/chrome-mv3';
if (!existsSync(`${OUT}/manifest.json`)) execSync('npx wxt build', { stdio: 'inherit' });

const figures: Figure[] = [];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  figures.push(...(await benchParse(browser)));
  figures.push(...(await benchRender(browser)));
} finally {
  await browser.close();
}
figures.push(...benchSizes(OUT), ...benchExport(), ...benchDigest(), ...benchEstimate());
figures.push(...(await benchColdStart()), ...(await benchFirstCard()));
figures.push(...(await benchFavorites(1000)));
// Every provider personality, 300 comments each, twice (BENCH_PROVIDERS=deepseek,gemini… for some).
figures.push(...(await benchProviders(process.env.BENCH_PROVIDERS?.split(','))));
// The long part: 3,000 comments at 60 tokens/s on 4 streams take about ten minutes, as a real model would.
const sizes = process.env.BENCH_COMMENTS ? process.env.BENCH_COMMENTS.split(',').map(Number) : [300, 3000];
for (const n of sizes) {
  figures.push(...(await benchReopen(n)));
  figures.push(...(await benchModes(n)));
  figures.push(...(await benchJob(n)));
}
printFigures(figures);

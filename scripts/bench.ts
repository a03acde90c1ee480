// `npm run bench`: the speed and size figures the issues set targets for. Prints them; fails on nothing.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { benchParse } from './bench/parse';
import { printFigures, type Figure } from './bench/report';
import { benchSizes } from './bench/sizes';

const OUT = '.output/chrome-mv3';
if (!existsSync(`${OUT}/manifest.json`)) execSync('npx wxt build', { stdio: 'inherit' });

const figures: Figure[] = [];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  figures.push(...(await benchParse(browser)));
} finally {
  await browser.close();
}
figures.push(...benchSizes(OUT));
printFigures(figures);

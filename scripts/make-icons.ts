// Renders scripts/icon.svg to the PNG sizes the stores want (Chrome's manifest takes no SVG), with Debian's Chromium.
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';

const SIZES = [16, 32, 48, 96, 128];
const svg = await readFile(new URL('./icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
await mkdir(new URL('../public/icon/', import.meta.url), { recursive: true });
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`);
  await page.screenshot({ path: new URL(`../public/icon/${size}.png`, import.meta.url).pathname, omitBackground: true });
  console.log(`public/icon/${size}.png`);
}
await browser.close();

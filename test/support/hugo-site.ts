/**
 * A small Hugo site with the project's templates (`hugo/`) and the given articles, built by the real `hugo`
 * (Debian's, or HUGO_PATH). Returns each article's rendered HTML.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const HUGO = process.env.HUGO_PATH ?? 'hugo';
const TEMPLATES = resolve(import.meta.dirname, '../../hugo');

const LAYOUT = `<!doctype html><html><head><title>{{ .Title }}</title><link rel="stylesheet" href="/css/matome.css"></head>
<body><h1 id="title">{{ .Title }}</h1><ul id="tags">{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul><img id="feature" src="{{ .Params.featureimage }}"><article id="content">{{ .Content }}</article></body></html>`;

export function buildSite(articles: Record<string, string>): { pages: Record<string, string>; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hn-matome-hugo-'));
  try {
    writeFileSync(join(dir, 'hugo.toml'), "baseURL = 'https://matome.example/'\nlanguageCode = 'ja'\ntitle = 'HN Matome test'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n");
    cpSync(TEMPLATES, dir, { recursive: true });
    mkdirSync(join(dir, 'layouts/_default'), { recursive: true });
    writeFileSync(join(dir, 'layouts/_default/single.html'), LAYOUT);
    writeFileSync(join(dir, 'layouts/_default/list.html'), '<ul>{{ range .Pages }}<li>{{ .Title }}</li>{{ end }}</ul>');
    mkdirSync(join(dir, 'content/posts'), { recursive: true });
    writeFileSync(join(dir, 'content/posts/_index.md'), "+++\ntitle = 'Posts'\n+++\n");
    for (const [name, md] of Object.entries(articles)) writeFileSync(join(dir, `content/posts/${name}.md`), md);
    const log = execFileSync(HUGO, ['--source', dir, '--destination', join(dir, 'public'), '--quiet', '--panicOnWarning'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const pages: Record<string, string> = {};
    for (const name of Object.keys(articles)) pages[name] = readFileSync(join(dir, `public/posts/${name.toLowerCase()}/index.html`), 'utf8');
    return { pages, log };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

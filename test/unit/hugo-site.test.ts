// Exported articles built by the real Hugo with the templates this project ships (`hugo/`).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HIGHLIGHT_COLORS, PALETTE } from '@/lib/palette';
import { renderHugoArticle, type HugoArticle, type HugoQuote } from '@/lib/export/hugo';
import { htmlDoc } from '../support/dom';
import { buildSite } from '../support/hugo-site';
import { readShared, sharedTest } from '../support/shared';

const HOSTILE = [
  'he said "hi" and \'bye\'',
  'C:\\path\\ ends with a backslash\\',
  'a }} b {{< matomeQuote body="x" >}} {{% ref "/" %}} {{ .Site.Title }}',
  '<script>document.title="pwned"</script>',
  '<img src=x onerror="alert(1)"><a href="javascript:alert(1)" onclick="x()">link</a>',
  'AT&T &amp; &lt;b&gt;',
  '> a quoted line\nthe answer > the question',
  '🎉 emoji, مرحبا بالعالم (RTL), 日本語',
  'x'.repeat(10_000),
  '',
];

const quote = (body: string, i: number): HugoQuote => ({ body, userName: i === 3 ? 'evil"<b>' : `user${i}`, createdAt: `2025-02-15T0${i % 10}:00:00`, color: ['', '#785bff', '#45d325', 'javascript:x', '#ff5733'][i % 5]! });

function article(quotes: HugoQuote[], title = '「Hostile」にHNが騒然！？'): HugoArticle {
  return { storyId: 43000000, date: '2025-02-14', title, tags: ['HN', 'テ"スト'], featureImage: 'thumbnails/blue.jpg', quotes };
}

describe('exported articles built with real Hugo', () => {
  test('hostile text: every card shows its text as text, nothing becomes markup, colours applied', () => {
    const a = article(HOSTILE.map(quote), `It's <script>alert(1)</script>`);
    const { pages } = buildSite({ hostile: renderHugoArticle(a, { sectionSize: 4 }) });
    const doc = htmlDoc(pages.hostile!);
    const content = doc.getElementById('content')!;
    const cards = [...content.querySelectorAll('figure.matome-quote')];
    expect(cards).toHaveLength(HOSTILE.length);
    // Text intact: what the reader sees is the comment, with only the exporter's documented substitutions (" → ”, a quoting > → ＞).
    cards.forEach((card, i) => {
      const shown = [...card.querySelector('blockquote')!.childNodes].map((n) => (n.nodeName === 'BR' ? '\n' : n.textContent)).join('');
      expect(shown).toBe(HOSTILE[i]!.replace(/"/g, '”').replace(/^>/gm, '＞').trim());
    });
    expect(cards[3]!.querySelector('.matome-quote__user')!.textContent).toBe('evil”<b>');
    // Not one element or handler from the text.
    expect(content.querySelectorAll('script, img, iframe, a[href^="javascript"]')).toHaveLength(0);
    expect([...doc.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((x) => x.name)).filter((n) => n.startsWith('on'))).toEqual([]);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    // Colours: the valid ones applied, the invalid one dropped.
    expect(cards[1]!.getAttribute('style')).toBe('--matome-color: #785bff');
    expect(cards[2]!.classList.contains('matome-quote--highlight')).toBe(true);
    expect(cards[3]!.classList.contains('matome-quote--highlight')).toBe(false);
    expect(cards[0]!.hasAttribute('style')).toBe(false);
    // Sections: 4 open, then details blocks of 4.
    const details = [...content.querySelectorAll('details.matome-more')];
    expect(details.map((d) => d.querySelector('summary')!.textContent)).toEqual(['もっとコメントを表示（1）', 'もっとコメントを表示（2）']);
    expect(details.map((d) => d.querySelectorAll('figure').length)).toEqual([4, 2]);
    // The footer link resolves, the title and tags are text.
    expect(content.querySelector('a[href$="/posts/"]')!.textContent).toBe('記事一覧へ');
    // The apostrophe is kept in the file (a TOML basic string); Hugo's typographer may curl it on the page.
    expect(renderHugoArticle(a)).toContain(`title = "It's <script>alert(1)</script>"`);
    expect(doc.getElementById('title')!.textContent).toMatch(/^It['’]s <script>alert\(1\)<\/script>$/);
    expect([...doc.querySelectorAll('#tags li')].map((l) => l.textContent)).toEqual(['HN', 'テ"スト']);
    expect(content.querySelector('blockquote')!.textContent!.trim()).toMatch(/^It['’]s <script>alert\(1\)<\/script>$/);
  });

  test('hostile titles and tags, from a model or a user, build and show as written: no shortcode, link, image or markup', () => {
    const titles = [
      '{{% ref "x" %}} は壊れない',
      '{{< matomeQuote body="x" >}} {{< /details >}}',
      '![i](http://host/t.png) と [リンク](javascript:alert(1)) と <b>太字</b> と <img src=x onerror=alert(1)>',
      '`code` *強調* _下線_ **太** ~~消~~ # 見出し | 表 | https://evil.example/x &amp; &lt;',
      '1. 番号 - 箇条 > 引用 \\ バックスラッシュ',
    ];
    const tags = ['{{% ref "y" %}}', '![t](http://h/x.png)', '<script>x</script>', 'a"b\\c'];
    const articles = Object.fromEntries(titles.map((title, i) => [`t${i}`, renderHugoArticle({ ...article([quote('本文', 0)], title), tags })]));
    for (const md of Object.values(articles)) expect(md).not.toMatch(/^> .*\{\{/m);
    const { pages } = buildSite(articles);
    titles.forEach((title, i) => {
      const doc = htmlDoc(pages[`t${i}`]!);
      const quoteLine = doc.querySelector('#content > blockquote')!;
      expect(quoteLine.textContent!.trim()).toBe(title);
      expect(quoteLine.querySelectorAll('*:not(p)')).toHaveLength(0);
      expect(doc.getElementById('title')!.textContent).toBe(title);
      expect([...doc.querySelectorAll('#tags li')].map((l) => l.textContent)).toEqual(tags);
      expect(doc.querySelectorAll('#content img, #content a[href^="javascript"], #content script, #content b')).toHaveLength(0);
    });
  });

  test("the site's six colours, all of them through export and Hugo, from the one palette; the template lists the same six", () => {
    const a = article(PALETTE.map((p, i) => ({ body: `色${i}`, userName: `u${i}`, createdAt: '2025-02-15T00:00:00', color: p.color.toUpperCase() })));
    const md = renderHugoArticle(a);
    for (const p of PALETTE) expect(md).toContain(`color="${p.color}"`);
    const cards = [...htmlDoc(buildSite({ six: md }).pages.six!).querySelectorAll('figure.matome-quote')];
    expect(cards.map((c) => c.getAttribute('style'))).toEqual(PALETTE.map((p) => `--matome-color: ${p.color}`));
    const template = readFileSync(resolve(import.meta.dirname, '../../hugo/layouts/shortcodes/matomeQuote.html'), 'utf8');
    expect([...template.matchAll(/"(#[0-9a-f]{6})"/g)].map((m) => m[1])).toEqual([...HIGHLIGHT_COLORS]);
  });

  sharedTest('the example article builds as the site would show it', () => {
    const { pages } = buildSite({ example: readShared('examples/hugo-matome-example.md') });
    const content = htmlDoc(pages.example!).getElementById('content')!;
    expect(content.querySelectorAll('figure.matome-quote')).toHaveLength(60);
    expect(content.querySelectorAll('details.matome-more figure')).toHaveLength(40);
    expect(content.querySelectorAll('.matome-quote--highlight')).toHaveLength(21);
    expect(content.querySelector('figure blockquote')!.textContent).toMatch(/^開発者はGPUなんて求めてなくて/);
  });

  test('the overview block, when asked for: before the quotes, hostile text shown as text; without it the article is unchanged', () => {
    const quotes = [quote('本文', 0), quote('二つ目', 1)];
    const plain = article(quotes);
    const overview = { mood: HOSTILE[0]!, disagreement: HOSTILE[2]!, points: HOSTILE.filter(Boolean) };
    const withIt = renderHugoArticle({ ...plain, overview });
    // Off (the default): byte for byte the article without an overview.
    expect(renderHugoArticle({ ...plain, overview: undefined })).toBe(renderHugoArticle(plain));
    expect(renderHugoArticle(plain)).not.toContain('matomeOverview');
    // The inner lines hold nothing Hugo would read as a shortcode.
    const inner = withIt.slice(withIt.indexOf('{{< matomeOverview'), withIt.indexOf('{{< /matomeOverview >}}'));
    expect(inner.split('\n').slice(1).join('\n')).not.toMatch(/\{\{|\}\}/);
    const { pages } = buildSite({ plain: renderHugoArticle(plain), over: withIt });
    const doc = htmlDoc(pages.over!);
    const content = doc.getElementById('content')!;
    const block = content.querySelector('section.matome-overview')!;
    expect(block.querySelector('h2')!.textContent).toBe('要点');
    // Before the quotes.
    expect(block.compareDocumentPosition(content.querySelector('figure.matome-quote')!) & 4).toBeTruthy(); // DOCUMENT_POSITION_FOLLOWING
    const points = [...block.querySelectorAll('li')].map((li) => [...li.childNodes].map((n) => (n.nodeName === 'BR' ? '\n' : n.textContent)).join(''));
    expect(points).toEqual(HOSTILE.filter(Boolean).map((h) => h.replace(/"/g, '”').replace(/^>/gm, '＞').trim()));
    expect(block.querySelector('.matome-overview__mood')!.textContent).toBe(`空気感：${HOSTILE[0]!.replace(/"/g, '”')}`);
    expect(block.querySelector('.matome-overview__split')!.textContent).toBe(`対立点：${HOSTILE[2]!.replace(/"/g, '”')}`);
    expect(block.querySelectorAll('script, img, a, figure')).toHaveLength(0);
    expect(htmlDoc(pages.plain!).querySelector('.matome-overview')).toBeNull();
  });
});

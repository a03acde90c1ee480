import { describe, expect, test } from 'vitest';
import { HugoArticle, pickFeatureImage, renderHugoArticle, shortcodeText, type HugoQuote } from '@/lib/export/hugo';
import { readShared, sharedTest } from '../support/shared';

const q = (body: string, color = ''): HugoQuote => ({ body, userName: 'pg', createdAt: '2025-02-14T23:55:10', color });
const article = (quotes: HugoQuote[], over: Partial<HugoArticle> = {}): HugoArticle => ({
  storyId: 43053844,
  date: '2025-02-14',
  title: 'GPUに対する我々の見解が180度変わった理由とは！？',
  tags: ['技術革新', 'GPU'],
  featureImage: 'thumbnails/blue.jpg',
  quotes,
  ...over,
});

/** The example article back to the exporter's input: front matter, then each quote's fields with its escaping undone. */
function fieldsOf(md: string): HugoArticle {
  const fm = (k: string) => new RegExp(`^${k} = '([^']*)'$`, 'm').exec(md)![1]!;
  const quotes = [...md.matchAll(/\{\{<matomeQuote body="([^"]*)" userName="([^"]*)" createdAt="([^"]*)" color="([^"]*)">\}\}/g)].map((m) => ({
    body: m[1]!
      .split('<br>')
      .map((l) => l.replace(/^＞/, '>').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&'))
      .join('\n'),
    userName: m[2]!,
    createdAt: m[3]!,
    color: m[4]!,
  }));
  return {
    storyId: Number(/item\?id=(\d+)/.exec(md)![1]),
    date: fm('date').slice(0, 10),
    title: fm('title'),
    tags: JSON.parse(/^tags = (\[.*\])$/m.exec(md)![1]!) as string[],
    featureImage: fm('featureimage'),
    quotes,
  };
}
const blankLinesFolded = (s: string) => s.replace(/\n{2,}/g, '\n\n').trim();

describe('the example article', () => {
  sharedTest('its own fields render back to the example, blank lines aside', () => {
    const example = readShared('examples/hugo-matome-example.md');
    const fields = fieldsOf(example);
    expect(fields.quotes).toHaveLength(60);
    const out = renderHugoArticle(fields);
    // The one place where the example breaks its own rule: a bare ">" in the middle of a line, which must be "&gt;".
    const canonical = example.replace('だからこそ、>Kubernetes', 'だからこそ、&gt;Kubernetes');
    expect(canonical).not.toBe(example);
    expect(blankLinesFolded(out)).toBe(blankLinesFolded(canonical));
  });
});

describe('layout', () => {
  test('front matter, title, source, open quotes, numbered details blocks, footer after two blank lines', () => {
    const quotes = Array.from({ length: 45 }, (_, i) => q(`本文${i}`, i === 0 ? '#785bff' : ''));
    const out = renderHugoArticle(article(quotes));
    expect(out.startsWith("+++\ndate = '2025-02-14T00:00:00'\ndraft = false\ntitle = 'GPUに対する我々の見解が180度変わった理由とは！？'\ntags = [\"技術革新\", \"GPU\"]\nfeatureimage = 'thumbnails/blue.jpg'\n+++\n\n> GPUに対する我々の見解が180度変わった理由とは！？\n\n引用元：[https://news.ycombinator.com/item?id=43053844](https://news.ycombinator.com/item?id=43053844)\n\n{{<matomeQuote body=\"本文0\" userName=\"pg\" createdAt=\"2025-02-14T23:55:10\" color=\"#785bff\">}}\n\n")).toBe(true);
    expect(out).toContain('color="#785bff">}}\n\n{{<matomeQuote body="本文1"');
    expect(out).toContain('body="本文19" userName="pg" createdAt="2025-02-14T23:55:10" color="">}}\n\n{{< details summary="もっとコメントを表示（1）">}}\n{{<matomeQuote body="本文20"');
    expect(out).toContain('body="本文39" userName="pg" createdAt="2025-02-14T23:55:10" color="">}}\n\n{{< /details >}}\n{{< details summary="もっとコメントを表示（2）">}}\n{{<matomeQuote body="本文40"');
    expect(out.endsWith('body="本文44" userName="pg" createdAt="2025-02-14T23:55:10" color="">}}\n\n{{< /details >}}\n\n\n[記事一覧へ]({{% ref "/posts/" %}})\n')).toBe(true);
    expect(out.match(/matomeQuote/g)).toHaveLength(45);
  });

  test('no details when everything fits; the section size and the months line are settings', () => {
    const few = renderHugoArticle(article([q('a'), q('b')]));
    expect(few).not.toContain('details');
    expect(few.endsWith('color="">}}\n\n\n[記事一覧へ]({{% ref "/posts/" %}})\n')).toBe(true);
    const small = renderHugoArticle(article([q('a'), q('b'), q('c')]), { sectionSize: 1, months: true });
    expect(small).toContain("date = '2025-02-14T00:00:00'\nmonths = '2025/02'\ndraft = false");
    expect(small.match(/details summary/g)).toHaveLength(2);
    expect(small).toContain('もっとコメントを表示（2）');
  });

  test('the feature image is the same for a thread on every export, and spread over the list', () => {
    const names = ['blue', 'green', 'red'];
    expect(pickFeatureImage(43053844, names)).toBe(pickFeatureImage(43053844, names));
    expect(new Set([1, 2, 3, 4, 5, 6].map((id) => pickFeatureImage(id, names))).size).toBe(3);
    expect(pickFeatureImage(7, [])).toBe('thumbnails/blue.jpg');
  });

  test('input is validated: a bad date is a clear error', () => {
    expect(() => renderHugoArticle(article([], { date: '14/02/2025' }))).toThrow(/date/);
  });
});

describe('hostile text', () => {
  const cases: [string, string, string][] = [
    ['double quotes', 'he said "hi"', 'he said ”hi”'],
    ['single quotes', "it's", "it's"],
    ['backslash', 'C:\\path\\', 'C:&#92;path&#92;'],
    ['shortcode delimiters', 'a }} b {{< c >}} {{% d %}}', 'a &#125;&#125; b &#123;&#123;&lt; c &gt;&#125;&#125; &#123;&#123;% d %&#125;&#125;'],
    ['script', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['img onerror', '<img src=x onerror="alert(1)">', '&lt;img src=x onerror=”alert(1)”&gt;'],
    ['ampersand', 'AT&T &amp;', 'AT&amp;T &amp;amp;'],
    ['quote at line start', '> quoted\nreply > not a quote', '＞ quoted<br>reply &gt; not a quote'],
    ['newlines', 'one\n\ntwo\r\nthree', 'one<br><br>two<br>three'],
    ['emoji, RTL, CJK', '🎉 مرحبا 日本語 café', '🎉 مرحبا 日本語 café'],
    ['control characters', 'a\u0000b\u0007c\u001bd\u0085e\tf', 'abcde f'],
    ['nothing', '', ''],
  ];
  test.each(cases)('%s', (_, input, expected) => {
    expect(shortcodeText(input)).toBe(expected);
    const out = renderHugoArticle(article([q(input)]));
    expect(out).toContain(`{{<matomeQuote body="${expected}" userName=`);
  });

  test('10,000 characters stay on one line, whole', () => {
    const long = 'あ'.repeat(5000) + '\n' + 'b'.repeat(5000);
    expect(shortcodeText(long)).toBe(`${'あ'.repeat(5000)}<br>${'b'.repeat(5000)}`);
  });

  test('title and tags are safe in TOML; an invalid colour is dropped', () => {
    const out = renderHugoArticle(article([q('x', 'red'), q('y', '#FF5C5C')], { title: "It's a\nnew 'day' <b>", tags: ['a"b', 'c\\d'] }));
    // The site keeps an apostrophe: the title becomes a TOML basic string, escaped.
    expect(out).toContain(`title = "It's a new 'day' <b>"`);
    expect(out).toContain("> It\\'s a new \\'day\\' &lt;b&gt;");
    expect(renderHugoArticle(article([], { title: 'No apostrophe "here"' }))).toContain(`title = 'No apostrophe "here"'`);
    expect(out).toContain('tags = ["a\\"b", "c\\\\d"]');
    expect(out).toContain('body="x" userName="pg" createdAt="2025-02-14T23:55:10" color=""');
    expect(out).toContain('body="y" userName="pg" createdAt="2025-02-14T23:55:10" color="#ff5c5c"');
  });
});

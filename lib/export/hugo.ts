import * as z from 'zod/mini';
import { siteColor } from '../palette';

/**
 * The Hugo "matome" article, exactly as the Japanese digest site writes it (`shared/docs/hugo-format.md`). The
 * exporter, never the model, makes every text safe for its place: TOML strings, shortcode parameters the site renders
 * as HTML, the Markdown blockquote.
 */


export const HugoQuote = z.object({
  /** Plain text; `\n` for line breaks. */
  body: z.string(),
  userName: z.string(),
  /** `YYYY-MM-DDTHH:MM:SS`, UTC, as HN gives it. */
  createdAt: z.string(),
  /** `''` or one of the site's six highlight colours; anything else is written as `''`. */
  color: z.string(),
});
export type HugoQuote = z.infer<typeof HugoQuote>;

export const HugoArticle = z.object({
  storyId: z.int().check(z.positive()),
  /** The story's UTC date, `YYYY-MM-DD`. */
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  title: z.string(),
  tags: z.array(z.string()),
  /** E.g. `thumbnails/blue.jpg`. */
  featureImage: z.string(),
  quotes: z.array(HugoQuote),
  /** The thread's key points, written before the quotes when the user asks for them (the site's format has none). */
  overview: z.optional(z.object({ mood: z.string(), disagreement: z.string(), points: z.array(z.string()) })),
});
export type HugoArticle = z.infer<typeof HugoArticle>;

export interface HugoOptions {
  /** Quotes per section: the first stand open, the rest go in `details` blocks of this many. Default 20. */
  sectionSize?: number;
  /** Adds `months = 'YYYY/MM'` after `date`, as the real site writes it. */
  months?: boolean;
}

// C0 and C1 control characters but for the line feed (a tab becomes a space first), and lone surrogates.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const clean = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL, '');

/**
 * A value for a shortcode parameter that the site renders as HTML: one line (`<br>` for breaks), no markup (`&`, `<`,
 * `>` as entities, a `>` that opens a quoted line as the full-width `＞`), no ASCII `"` (it would end the parameter:
 * `”`), no backslash (Hugo reads `\"` as an escape), and no `{{` or `}}` (they would open or close a shortcode).
 */
export function shortcodeText(text: string): string {
  return clean(text)
    .trim()
    .split('\n')
    .map((line) =>
      line
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/^(\s*)>/, '$1＞')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '”')
        .replace(/\\/g, '&#92;')
        .replace(/\{\{+/g, (m) => '&#123;'.repeat(m.length))
        .replace(/\}\}+/g, (m) => '&#125;'.repeat(m.length)),
    )
    .join('<br>');
}

/** A text on one line: line breaks become a space. */
const oneLine = (s: string) => clean(s).replace(/\s*\n\s*/g, ' ').trim();

/** A TOML literal string ('…'): it cannot hold `'` or a line break, so those become `’` and a space. */
export const tomlLiteral = (s: string) => `'${oneLine(s).replace(/'/g, '’')}'`;

/** A TOML basic string ("…"), escaped. */
export const tomlBasic = (s: string) => `"${oneLine(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The title as the site writes it: a literal string, or a basic string when it holds an apostrophe (kept as typed). */
export const tomlTitle = (s: string) => (oneLine(s).includes("'") ? tomlBasic(s) : tomlLiteral(s));

/**
 * A text for a line of Markdown that Hugo renders (the `> title` line): every character comes out as itself, never as
 * markup. `&`, `<`, `>` are entities (no HTML), `{` and `}` too (no shortcode: Hugo finds `{{<` and `{{%` before
 * Markdown, so a backslash would not stop them), every other ASCII punctuation mark is backslash-escaped (no link,
 * image, emphasis, code or heading), and `:` after a scheme is an entity so no bare URL is turned into a link.
 */
export function markdownText(text: string): string {
  return oneLine(text).replace(/[!-/:-@[-`{-~]/g, (ch) => {
    switch (ch) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '{':
        return '&#123;';
      case '}':
        return '&#125;';
      case ':':
        return '&#58;';
      default:
        return `\\${ch}`;
    }
  });
}

/** The same feature image for the same thread on every export. */
export function pickFeatureImage(storyId: number, names: readonly string[]): string {
  const name = names.length ? names[storyId % names.length]! : 'blue';
  return `thumbnails/${name}.jpg`;
}

const quoteLine = (q: HugoQuote) => {
  const color = siteColor(q.color);
  return `{{<matomeQuote body="${shortcodeText(q.body)}" userName="${shortcodeText(q.userName)}" createdAt="${shortcodeText(q.createdAt)}" color="${color}">}}`;
};

/**
 * The overview block (`hugo/layouts/shortcodes/matomeOverview.html`): the mood and the disagreement as parameters, one
 * point per inner line. Every text is made safe as a parameter is: one line, no markup, no `{{`, so the inner holds
 * nothing Hugo would read as a shortcode.
 */
function overviewBlock(o: NonNullable<HugoArticle['overview']>): string[] {
  const points = o.points.map(shortcodeText).filter(Boolean);
  if (!points.length) return [];
  return [`{{< matomeOverview mood="${shortcodeText(o.mood)}" disagreement="${shortcodeText(o.disagreement)}" >}}`, ...points, '{{< /matomeOverview >}}', ''];
}

/** The article as one Markdown file. Pure and synchronous: export never waits for anything. */
export function renderHugoArticle(article: HugoArticle, options: HugoOptions = {}): string {
  const a = HugoArticle.parse(article);
  const size = Math.max(1, Math.floor(options.sectionSize ?? 20));
  const url = `https://news.ycombinator.com/item?id=${a.storyId}`;
  const title = oneLine(a.title);
  const out: string[] = [
    '+++',
    `date = '${a.date}T00:00:00'`,
    ...(options.months ? [`months = '${a.date.slice(0, 4)}/${a.date.slice(5, 7)}'`] : []),
    'draft = false',
    `title = ${tomlTitle(a.title)}`,
    `tags = [${a.tags.map(tomlBasic).join(', ')}]`,
    `featureimage = ${tomlLiteral(a.featureImage)}`,
    '+++',
    '',
    // The same title, as inert Markdown text: whatever the model or the user wrote shows as written.
    `> ${markdownText(title)}`,
    '',
    `引用元：[${url}](${url})`,
    '',
    ...(a.overview ? overviewBlock(a.overview) : []),
  ];
  a.quotes.slice(0, size).forEach((q) => out.push(quoteLine(q), ''));
  for (let i = size, n = 1; i < a.quotes.length; i += size, n++) {
    out.push(`{{< details summary="もっとコメントを表示（${n}）">}}`);
    a.quotes.slice(i, i + size).forEach((q) => out.push(quoteLine(q), ''));
    out.push('{{< /details >}}');
  }
  if (a.quotes.length > size) out.push('');
  out.push('', '[記事一覧へ]({{% ref "/posts/" %}})', '');
  return out.join('\n');
}

/**
 * The per-row reference `parseThread` (lib/hn/parse.ts as it was before the document-level rewrite), kept verbatim:
 * it queries each comment row for each field. test/unit/hn-parse-parity.test.ts checks the fast parser against it on
 * every fixture and generated page, and the bench can point at it to measure the old figures.
 */
import type { Comment, CommentState, Story, Thread } from '../../lib/hn/thread';
import { htmlToText } from '../../lib/hn/text';
import { itemUrl, threadIdFromUrl } from '../../lib/hn/url';

export type ThreadParseErrorCode = 'not-item-page' | 'no-story';

/** The page is not something we can read a thread from: the panel words `code`; `message` is for logs. */
export class ThreadParseError extends Error {
  override name = 'ThreadParseError';
  constructor(
    readonly code: ThreadParseErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A comment as one page shows it, before the thread's structure (parents, subtree sizes) is known. */
export type PageComment = Omit<Comment, 'parentId' | 'replies'>;

export interface ParsedPage {
  story: Story;
  comments: PageComment[];
  /** Absolute URL of HN's next page of this thread (`a.morelink[rel=next]`), if any. */
  nextPage: string | null;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;

function ageTime(scope: Element | null): string | null {
  const title = scope?.querySelector('.age')?.getAttribute('title') ?? '';
  return TIME.exec(title)?.[0] ?? null;
}

function int(text: string | null | undefined): number | null {
  const m = /\d+/.exec((text ?? '').replace(/,/g, ''));
  return m ? Number(m[0]) : null;
}

function absolute(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}

/** A comment row's depth: HN's `indent` attribute, or in the 2021 markup the spacer's width (40px a level). */
export function rowDepth(row: Element): number {
  const ind = row.getElementsByClassName('ind')[0];
  const attr = ind?.getAttribute('indent');
  if (attr != null && attr !== '') return Number(attr) || 0;
  const width = ind?.querySelector('img')?.getAttribute('width');
  return width ? Math.round(Number(width) / 40) || 0 : 0;
}

const PLACEHOLDER: Record<string, CommentState> = { '[deleted]': 'deleted', '[flagged]': 'flagged', '[dead]': 'dead' };

const first = (scope: Element, cls: string): Element | undefined => scope.getElementsByClassName(cls)[0];

/** HN's showdead marks (`[flagged]`, `[dead]`) are bare text in the comment's header, between its spans. */
function headMark(head: Element | undefined): CommentState | null {
  for (let n = head?.firstChild; n; n = n.nextSibling) {
    // Reading `data` copies the string out of the DOM: skip the one-space separators without reading them.
    if (n.nodeType !== 3 || (n as Text).length < 6) continue;
    const t = (n as Text).data;
    if (t.includes('[flagged]')) return 'flagged';
    if (t.includes('[dead]')) return 'dead';
  }
  return null;
}

function parseComment(row: Element, id: number, base: string): PageComment {
  // getElementsByClassName over querySelector: this runs for every row of 3,000-comment threads.
  const head = first(row, 'comhead');
  const by = (head && first(head, 'hnuser')?.textContent?.trim()) || null;
  const body = first(row, 'commtext');
  const fadeHex = body ? /(?:^|\s)c([0-9a-f]{2})(?:\s|$)/i.exec(body.className)?.[1] : undefined;
  let text = body ? htmlToText(body, base) : '';
  // HN marks dead and flagged comments in the header (for showdead users) or replaces the text with a placeholder.
  let state: CommentState = 'ok';
  const placeholder = Object.hasOwn(PLACEHOLDER, text) ? PLACEHOLDER[text] : undefined;
  if (placeholder) {
    state = placeholder;
    text = '';
  } else if (!by && !text) state = 'deleted';
  else state = headMark(head) ?? 'ok';
  const title = head && first(head, 'age')?.getAttribute('title');
  return {
    id,
    depth: rowDepth(row),
    by: state === 'deleted' ? null : by,
    time: (title && TIME.exec(title)?.[0]) || null,
    text,
    state,
    fade: fadeHex ? parseInt(fadeHex, 16) : 0,
  };
}

function parseStory(doc: Document, id: number, base: string): Story {
  const fat = doc.querySelector('table.fatitem');
  const row = fat?.querySelector('tr.athing');
  if (!fat || !row || Number(row.id) !== id) {
    throw new ThreadParseError('no-story', `This HN page has no story for item ${id}: it may still be loading, or HN answered with an error page.`);
  }
  const link = row.querySelector('.titleline > a, td.title > a.storylink, td.title > a');
  const canonical = itemUrl(id);
  const sub = fat.querySelector('.subtext');
  const topText = fat.querySelector('.toptext');
  const commentsLink = sub ? [...sub.querySelectorAll('a')].find((a) => /comment|discuss/i.test(a.textContent ?? '')) : undefined;
  const titleless = !link;
  // A comment's own page (item?id=<comment>) is a thread too: its root is that comment.
  const rootComment = titleless ? row.querySelector('.commtext') : null;
  return {
    id,
    title: link?.textContent?.trim() || (rootComment ? `Re: ${row.querySelector('.onstory a')?.textContent?.trim() ?? `item ${id}`}` : `item ${id}`),
    url: absolute(link?.getAttribute('href') ?? null, base) ?? canonical,
    site: row.querySelector('.sitestr')?.textContent?.trim() || null,
    by: (sub ?? row).querySelector('a.hnuser')?.textContent?.trim() || null,
    time: ageTime(sub ?? row),
    points: int(sub?.querySelector('.score')?.textContent) ?? 0,
    commentCount: int(commentsLink?.textContent) ?? 0,
    text: (rootComment ? htmlToText(rootComment, base) : topText ? htmlToText(topText, base) : '') || null,
  };
}

/** One HN item page as it stands; throws ThreadParseError when it is not one. Pure: any Document, no browser APIs. */
export function parsePage(doc: Document, url: string): ParsedPage {
  const id = threadIdFromUrl(url);
  if (id == null) {
    throw new ThreadParseError('not-item-page', 'This page is not a Hacker News thread. Open a news.ycombinator.com/item?id=… page.');
  }
  const base = itemUrl(id);
  const story = parseStory(doc, id, base);
  const rows = doc.querySelectorAll('tr.comtr');
  const comments: PageComment[] = [];
  for (const row of rows) {
    const id = Number(row.id);
    if (id > 0 && Number.isInteger(id)) comments.push(parseComment(row, id, base));
  }
  const more = doc.querySelector('a.morelink[rel~="next"]');
  return { story, comments, nextPage: absolute(more?.getAttribute('href') ?? null, base) };
}

/**
 * Gives page-ordered comments their parents and subtree sizes from their depths, dropping repeats (pages read at
 * different moments can overlap). A comment deeper than any open parent hangs from the nearest shallower one.
 */
export function assembleComments(storyId: number, pageComments: readonly PageComment[]): Comment[] {
  const seen = new Set<number>();
  const out: Comment[] = [];
  const stack: number[] = []; // indexes into out, depths strictly increasing
  const close = (end: number) => {
    const i = stack.pop()!;
    out[i]!.replies = end - i - 1;
  };
  for (const c of pageComments) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    while (stack.length && out[stack.at(-1)!]!.depth >= c.depth) close(out.length);
    const parent = stack.length ? out[stack.at(-1)!]!.id : storyId;
    stack.push(out.length);
    out.push({ ...c, parentId: parent, replies: 0 });
  }
  while (stack.length) close(out.length);
  return out;
}

/** The thread on this one page. For a thread split over several pages see `readThread` in `./pages`. */
export function parseThreadReference(doc: Document, url: string): Thread {
  const page = parsePage(doc, url);
  return {
    story: page.story,
    comments: assembleComments(page.story.id, page.comments),
    pages: 1,
    nextPage: page.nextPage,
  };
}

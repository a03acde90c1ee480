import type { Comment, CommentState, Story, Thread } from './thread';
import { htmlToText } from './text';
import { itemUrl, threadIdFromUrl } from './url';

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

/** Depth from a row's first `.ind`: HN's `indent` attribute, or in the 2021 markup the spacer's width (40px a level). */
function indDepth(ind: Element | undefined): number {
  const attr = ind?.getAttribute('indent');
  if (attr != null && attr !== '') return Number(attr) || 0;
  // Only the 2021 markup lacks `indent`, so this lookup is per row on old pages alone.
  const width = ind?.querySelector('img')?.getAttribute('width');
  return width ? Math.round(Number(width) / 40) || 0 : 0;
}

/** A comment row's depth: HN's `indent` attribute, or in the 2021 markup the spacer's width (40px a level). */
export function rowDepth(row: Element): number {
  return indDepth(row.getElementsByClassName('ind')[0]);
}

const PLACEHOLDER: Record<string, CommentState> = { '[deleted]': 'deleted', '[flagged]': 'flagged', '[dead]': 'dead' };

/** HN's showdead marks (`[flagged]`, `[dead]`) are bare text in the comment's header, between its spans. */
function headMark(head: Element | undefined): CommentState | null {
  if (!head) return null;
  // One read of the header's whole text clears almost every row without visiting its nodes one by one.
  const all = head.textContent ?? '';
  if (!all.includes('[flagged]') && !all.includes('[dead]')) return null;
  for (let n = head.firstChild; n; n = n.nextSibling) {
    // Reading `data` copies the string out of the DOM: skip the one-space separators without reading them.
    if (n.nodeType !== 3 || (n as Text).length < 6) continue;
    const t = (n as Text).data;
    if (t.includes('[flagged]')) return 'flagged';
    if (t.includes('[dead]')) return 'dead';
  }
  return null;
}

/** Node.DOCUMENT_POSITION_PRECEDING, spelled out: documents from jsdom or DOMParser need no global `Node`. */
const PRECEDING = 2;

/**
 * Walks one document-level list (every element of a class, in document order) alongside scopes asked for in
 * document order, giving each scope its first descendant of that class as `scope.getElementsByClassName(cls)[0]`
 * would: the first listed element not before the scope, if it lies inside it. Only crafted pages nest scopes; there
 * an element can be the first of a scope and of one inside it, so it stays on the list.
 */
function firstOf(found: HTMLCollectionOf<Element>, nested: boolean): (scope: Element | undefined) => Element | undefined {
  let j = 0;
  let el = found[0];
  return (scope) => {
    if (!scope) return undefined;
    for (; el; el = found[++j]) {
      // A scope is not its own descendant, and it comes before every later scope's.
      if (el === scope) continue;
      if (scope.contains(el)) {
        const first = el;
        if (!nested) el = found[++j];
        return first;
      }
      // Not inside: after the scope (it has none; `el` may be the next one's) or before it (no later scope's either).
      if (!(scope.compareDocumentPosition(el) & PRECEDING)) return undefined;
    }
    return undefined;
  };
}

/**
 * The comment rows (`tr.comtr` with a numeric id) in page order. Each field comes from one document-level list,
 * matched to the rows in document order, not from lookups inside each row: on 3,000-comment threads those were most
 * of the time. The lists advance with the rows, so one pass reads each row whole and keeps no lists of its own.
 */
function parseComments(doc: Document, base: string, nested = false): PageComment[] {
  const list = (cls: string) => firstOf(doc.getElementsByClassName(cls), nested);
  const indOf = list('ind');
  const headOf = list('comhead');
  const userOf = list('hnuser');
  const ageOf = list('age');
  const bodyOf = list('commtext');
  const rows = doc.getElementsByClassName('comtr');
  const comments: PageComment[] = [];
  let prev: Element | undefined;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    // `tr.comtr`: the selector's type test, for the elements of an HTML page.
    if (row.localName !== 'tr') continue;
    const id = Number(row.id);
    if (!(id > 0 && Number.isInteger(id))) continue;
    // Rows nest only if one holds the next. HN's are adjacent siblings, which one call shows; a page whose rows
    // nest is matched again from the start, keeping each element for the rows inside.
    if (!nested && prev && row.previousElementSibling !== prev && prev.contains(row)) return parseComments(doc, base, true);
    prev = row;
    const depth = indDepth(indOf(row));
    // The user and the age are read inside the row's first header only.
    const head = headOf(row);
    const by = userOf(head)?.textContent?.trim() || null;
    const title = ageOf(head)?.getAttribute('title');
    const body = bodyOf(row);
    const fadeHex = body ? /(?:^|\s)c([0-9a-f]{2})(?:\s|$)/i.exec(body.className)?.[1] : undefined;
    let text = body ? htmlToText(body, base) : '';
    // HN marks dead and flagged comments in the header (for showdead users) or replaces the text with a placeholder.
    let state: CommentState = 'ok';
    // Own keys only: a comment whose whole text is `constructor` is a comment, not a placeholder.
    const placeholder = Object.hasOwn(PLACEHOLDER, text) ? PLACEHOLDER[text] : undefined;
    if (placeholder) {
      state = placeholder;
      text = '';
    } else if (!by && !text) state = 'deleted';
    else state = headMark(head) ?? 'ok';
    comments.push({
      id,
      depth,
      by: state === 'deleted' ? null : by,
      time: (title && TIME.exec(title)?.[0]) || null,
      text,
      state,
      fade: fadeHex ? parseInt(fadeHex, 16) : 0,
    });
  }
  return comments;
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
  const comments = parseComments(doc, base);
  // The class list first: a querySelector that finds nothing reads the whole page to say so.
  const more = [...doc.getElementsByClassName('morelink')].find((a) => a.matches('a.morelink[rel~="next"]'));
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
export function parseThread(doc: Document, url: string): Thread {
  const page = parsePage(doc, url);
  return {
    story: page.story,
    comments: assembleComments(page.story.id, page.comments),
    pages: 1,
    nextPage: page.nextPage,
  };
}

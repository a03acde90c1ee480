import { assembleComments, parsePage, type PageComment } from './parse';
import type { Thread } from './thread';
import { HN_ORIGIN, threadIdFromUrl } from './url';

export interface ReadProgress {
  /** Pages read so far (1 = the open page). */
  page: number;
  comments: number;
  /** The page about to be fetched, if any. */
  next: string | null;
}

export interface ReadOptions {
  /** Most pages to read in all, the open one included. */
  maxPages: number;
  /** Pause between page fetches, to be gentle with HN. */
  delayMs: number;
  fetchPage: (url: string, signal?: AbortSignal) => Promise<Document>;
  onProgress?: (p: ReadProgress) => void;
  signal?: AbortSignal;
}

/** Why reading ended before the last page: the page limit, or a page that could not be fetched or read. The panel words it. */
export type ReadStop = { reason: 'limit'; pages: number } | { reason: 'error'; page: number; detail: string };

export interface ReadResult {
  thread: Thread;
  stopped: ReadStop | null;
}

/** Only the same thread's own pages on HN are followed, whatever a page links to. */
function isSameThreadPage(url: string, id: number): boolean {
  return url.startsWith(`${HN_ORIGIN}/`) && threadIdFromUrl(url) === id;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });

/**
 * The whole thread starting from the open page: follows HN's "More" link one page at a time, merging pages without
 * duplicates. What was read is always returned; a failing page ends reading with `stopped` saying why.
 */
export async function readThread(first: Document, url: string, opts: ReadOptions): Promise<ReadResult> {
  const page1 = parsePage(first, url);
  const id = page1.story.id;
  const all: PageComment[] = [...page1.comments];
  let pages = 1;
  let next = page1.nextPage && isSameThreadPage(page1.nextPage, id) ? page1.nextPage : null;
  let stopped: ReadStop | null = null;
  const visited = new Set([url]);
  opts.onProgress?.({ page: pages, comments: all.length, next });
  while (next && !visited.has(next)) {
    if (pages >= opts.maxPages) {
      stopped = { reason: 'limit', pages };
      break;
    }
    visited.add(next);
    try {
      await sleep(opts.delayMs, opts.signal);
      const page = parsePage(await opts.fetchPage(next, opts.signal), next);
      all.push(...page.comments);
      pages++;
      next = page.nextPage && isSameThreadPage(page.nextPage, id) ? page.nextPage : null;
      opts.onProgress?.({ page: pages, comments: all.length, next });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      stopped = { reason: 'error', page: pages + 1, detail: String((err as Error)?.message ?? err).slice(0, 500) };
      break;
    }
  }
  return {
    thread: { story: page1.story, comments: assembleComments(id, all), pages, nextPage: stopped ? next : null },
    stopped,
  };
}

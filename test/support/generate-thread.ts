/**
 * Large, deterministic HN threads in real markup (1,000 or 3,000 comments and more) for tests and benchmarks.
 * The same seed always gives the same thread.
 */
import { renderItemPage, textToHnHtml, type PageComment, type PageStory } from './hn-page';

export interface GeneratedThread {
  story: PageStory;
  comments: PageComment[];
  /** The thread as HN would serve it: one HTML page, or several joined by "More" links when `pageSize` is set. */
  pages: string[];
  /** Plain text of each comment, by id, as the parser should read it. */
  texts: Map<number, string>;
}

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const WORDS = (
  'the a of to and in is it that for on with as was this but be at by not are have from or an they you one had ' +
  'GPU latency cache kernel Rust memory compiler thread async model token budget startup pricing users deploy ' +
  'benchmark database index query schema migration browser extension tab panel storage quota network server'
).split(' ');
const USERS = Array.from({ length: 400 }, (_, i) => `user${i.toString(36)}${i % 7 === 0 ? '_dev' : ''}`);

function sentence(r: () => number, words: number): string {
  const w = Array.from({ length: words }, () => WORDS[Math.floor(r() * WORDS.length)]!);
  w[0] = w[0]!.charAt(0).toUpperCase() + w[0]!.slice(1);
  return `${w.join(' ')}.`;
}

function commentText(r: () => number, id: number): string {
  const paras: string[] = [];
  const n = 1 + Math.floor(r() * r() * 4);
  for (let p = 0; p < n; p++) {
    const kind = r();
    if (kind < 0.08) paras.push(`> ${sentence(r, 6 + Math.floor(r() * 8))}`);
    else if (kind < 0.12) paras.push(`See https://example.com/${id}/notes?page=${p} for the numbers.`);
    else paras.push(Array.from({ length: 1 + Math.floor(r() * 4) }, () => sentence(r, 5 + Math.floor(r() * 14))).join(' '));
  }
  return paras.join('\n\n');
}

export function generateThread(opts: { comments: number; seed?: number; storyId?: number; pageSize?: number }): GeneratedThread {
  const r = rng(opts.seed ?? 42);
  const storyId = opts.storyId ?? 40_000_000;
  const start = Date.parse('2026-03-01T08:00:00Z');
  const story: PageStory = {
    id: storyId,
    title: `Generated thread with ${opts.comments} comments`,
    url: `https://example.com/article/${storyId}`,
    site: 'example.com',
    by: 'generator',
    time: new Date(start).toISOString().slice(0, 19),
    points: 500 + Math.floor(r() * 1000),
    commentCount: opts.comments,
  };
  const comments: PageComment[] = [];
  const texts = new Map<number, string>();
  let depth = 0;
  for (let i = 0; i < opts.comments; i++) {
    // Mostly replies that go deeper or stay, with regular returns to the top level.
    const x = r();
    depth = i === 0 ? 0 : x < 0.22 ? 0 : x < 0.6 ? Math.min(depth + 1, 12) : x < 0.85 ? depth : Math.max(0, depth - 1 - Math.floor(r() * 3));
    const id = storyId + 1 + i * 3 + Math.floor(r() * 3);
    const text = commentText(r, id);
    texts.set(id, text);
    comments.push({
      id,
      depth,
      by: USERS[Math.floor(r() * USERS.length)]!,
      time: new Date(start + (i + 1) * 37_000).toISOString().slice(0, 19),
      html: textToHnHtml(text),
      fade: r() < 0.03 ? 0x5a : 0,
    });
  }
  const pageSize = opts.pageSize ?? Infinity;
  const chunks: PageComment[][] = [];
  let chunk: PageComment[] = [];
  for (const c of comments) {
    // HN splits pages between top-level subtrees.
    if (c.depth === 0 && chunk.length >= pageSize) {
      chunks.push(chunk);
      chunk = [];
    }
    chunk.push(c);
  }
  chunks.push(chunk);
  const pages = chunks.map((cs, i) =>
    renderItemPage(story, cs, { nextPage: i < chunks.length - 1 ? `item?id=${storyId}&p=${i + 2}` : undefined }),
  );
  return { story, comments, pages, texts };
}

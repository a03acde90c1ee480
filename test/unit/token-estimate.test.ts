import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, test } from 'vitest';
import { parseThread } from '@/lib/hn/parse';
import { ASK_SYSTEM, askPrompt, OVERVIEW_SYSTEM, overviewPrompt, type SummaryLine } from '@/lib/overview/prompt';
import { planBatches } from '@/lib/summarize/batch';
import { jobComments } from '@/lib/summarize/digest';
import { batchPrompt, COMMENTS_SYSTEM, THREAD_SYSTEM, type PromptComment, type PromptStory } from '@/lib/summarize/prompt';
import { countTokens } from '@/lib/summarize/tokens';
import { htmlDoc } from '../support/dom';
import { generateThread } from '../support/generate-thread';
import { readShared, sharedPath, sharedTest } from '../support/shared';

/**
 * The product counts tokens with an estimate (`lib/summarize/tokens.ts`), not o200k itself: here its error against
 * o200k, per batch as the product plans and sends them. Within ±10 % per batch, so a planned batch never overflows.
 */

const url = (id: number) => `https://news.ycombinator.com/item?id=${id}`;
const err = (estimate: number, exact: number) => estimate / exact - 1;

interface ThreadText {
  story: PromptStory;
  comments: PromptComment[];
}

function readThread(html: string, id: number): ThreadText {
  const t = parseThread(htmlDoc(html, url(id)), url(id));
  return { story: { id: t.story.id, title: t.story.title }, comments: jobComments(t) };
}

const generated = (n: number) => {
  const g = generateThread({ comments: n, seed: 100 + n });
  return readThread(g.pages[0]!, g.story.id);
};

/** Every batch of a thread as the job plans it and the provider sends it: the estimate's error on the user message, and the planned request (its comments, plus the overhead the job adds) against the request sent. */
function batchErrors(t: ThreadText, maxTokens: number) {
  const overhead = countTokens(COMMENTS_SYSTEM) + countTokens(t.story.title) + 8;
  const byId = new Map(t.comments.map((c) => [c.id, c]));
  const system = o200k(COMMENTS_SYSTEM);
  return planBatches(t.comments, { storyId: t.story.id, maxTokens, concurrency: 4, overheadTokens: overhead }).map((b) => {
    const user = batchPrompt(t.story, b.ids.map((id) => byId.get(id)!), (id) => byId.get(id)?.text);
    const exact = o200k(user);
    return { user: err(countTokens(user), exact), planned: err(b.tokens + overhead, system + exact), exact };
  });
}

function expectBatchesWithin(t: ThreadText, bound = 0.1) {
  for (const maxTokens of [1500, 6000]) {
    const errors = batchErrors(t, maxTokens);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.user, `user message of a ${e.exact}-token batch (max ${maxTokens})`).toBeGreaterThanOrEqual(-bound);
      expect(e.user, `user message of a ${e.exact}-token batch (max ${maxTokens})`).toBeLessThanOrEqual(bound);
      expect(e.planned, `planned request of a ${e.exact}-token batch (max ${maxTokens})`).toBeGreaterThanOrEqual(-bound);
      expect(e.planned, `planned request of a ${e.exact}-token batch (max ${maxTokens})`).toBeLessThanOrEqual(bound);
    }
  }
}

describe('estimate against o200k, per batch', () => {
  const SHARED_PAGES = ['item-48350598.html', 'item-49575859.html', 'item-49891290.html'];
  for (const page of SHARED_PAGES) {
    sharedTest(`${page}: every batch within ±10 %`, () => {
      const id = Number(page.match(/\d+/)![0]);
      expectBatchesWithin(readThread(readShared(`fixtures/hn/${page}`), id));
    });
  }

  sharedTest('every saved HN page in ../shared is covered above', () => {
    const pages = readdirSync(sharedPath('fixtures/hn')).filter((f) => /^item-\d+\.html$/.test(f));
    expect(pages.sort()).toEqual([...SHARED_PAGES].sort());
  });

  test('a generated thread of 1,000 comments: every batch within ±10 %', () => {
    expectBatchesWithin(generated(1000));
  });

  test('a generated thread of 3,000 comments: every batch within ±10 %', () => {
    expectBatchesWithin(generated(3000));
  }, 60_000);
});

describe('estimate against o200k, other text', () => {
  test('the system prompts, each within ±10 %', () => {
    for (const p of [COMMENTS_SYSTEM, THREAD_SYSTEM, OVERVIEW_SYSTEM, ASK_SYSTEM]) {
      const e = err(countTokens(p), o200k(p));
      expect(Math.abs(e), p.slice(0, 60)).toBeLessThanOrEqual(0.1);
    }
  });

  sharedTest('Japanese: the recorded answers, and the overview prompt written from them, within ±10 %', () => {
    const answers = JSON.parse(readShared('fixtures/answers/item-48350598.ja.json')) as { thread: { title: string }; comments: { id: number; ja: string; score: number }[] };
    const all = answers.comments.map((c) => c.ja);
    const total = err(all.reduce((a, s) => a + countTokens(s), 0), all.reduce((a, s) => a + o200k(s), 0));
    expect(Math.abs(total)).toBeLessThanOrEqual(0.1);
    // A single short answer can be off by more, but not wildly.
    for (const s of all) expect(Math.abs(err(countTokens(s), o200k(s))), s).toBeLessThanOrEqual(0.6);
    const lines: SummaryLine[] = answers.comments.map((c) => ({ id: c.id, ja: c.ja, score: c.score }));
    const prompt = overviewPrompt({ id: 48350598, title: answers.thread.title }, lines);
    expect(Math.abs(err(countTokens(prompt), o200k(prompt)))).toBeLessThanOrEqual(0.1);
  });

  sharedTest("a question's prompt over a saved thread within ±10 %", () => {
    const t = readThread(readShared('fixtures/hn/item-48350598.html'), 48350598);
    const prompt = askPrompt(t.story, 'Linuxは動く？バッテリーは？', t.comments.map((c) => ({ id: c.id, by: 'someone', text: c.text, ja: null, score: null })));
    expect(Math.abs(err(countTokens(prompt), o200k(prompt)))).toBeLessThanOrEqual(0.1);
  });

  test('URL- and code-heavy comments: each within ±20 %, their batch within ±10 %', () => {
    const comments: PromptComment[] = HEAVY.map((text, i) => ({ id: 41_000_001 + i, parentId: 41_000_000, text }));
    for (const c of comments) expect(Math.abs(err(countTokens(c.text), o200k(c.text))), c.text.slice(0, 60)).toBeLessThanOrEqual(0.2);
    const user = batchPrompt({ id: 41_000_000, title: 'Show HN: A tiny HTTP server in Rust' }, comments, () => undefined);
    expect(Math.abs(err(countTokens(user), o200k(user)))).toBeLessThanOrEqual(0.1);
  });

  test('a few edge cases', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('a')).toBe(1);
    expect(countTokens(' ')).toBe(1);
    // Longer text never counts for less than its start (fitText's binary search relies on it, near enough).
    const long = HEAVY.join('\n\n');
    let last = 0;
    for (let i = 0; i <= long.length; i += 97) {
      const n = countTokens(long.slice(0, i));
      expect(n).toBeGreaterThanOrEqual(last - 2);
      last = Math.max(last, n);
    }
  });
});

describe('the product does not ship the tokenizer', () => {
  test('nothing under lib/, entrypoints/ or components/ imports gpt-tokenizer', () => {
    const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (['.ts', '.tsx', '.js', '.mjs', '.jsx', '.vue', '.svelte'].includes(extname(e.name))) {
          if (/(?:from\s*|import\s*\(?\s*|require\s*\(\s*)['"]gpt-tokenizer/.test(readFileSync(p, 'utf8'))) offenders.push(p.slice(root.length + 1));
        }
      }
    };
    for (const dir of ['lib', 'entrypoints', 'components']) walk(join(root, dir));
    expect(offenders).toEqual([]);
  });
});

/** Comments as HN readers write them when they paste links and code (the parser's text: code blocks verbatim). */
const HEAVY = [
  'There is a good write-up on this at https://blog.cloudflare.com/how-we-built-pingora-the-proxy-that-connects-cloudflare-to-the-internet/ and the follow-up https://github.com/cloudflare/pingora/issues/1234#issuecomment-1876543210 covers the edge cases.',
  'Sources: https://arxiv.org/abs/2305.14314 https://arxiv.org/pdf/2402.17764v1 https://en.wikipedia.org/wiki/Rust_(programming_language) https://news.ycombinator.com/item?id=39012345 https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  'You can reproduce it with:\n\n  $ curl -sSL https://example.com/install.sh | sh -s -- --yes\n  $ export PATH="$HOME/.local/bin:$PATH"\n  $ hyperfine --warmup 3 \'./server --threads 4\'\n\nOn my M2 it does about 180k req/s.',
  'The trick is to avoid the allocation in the hot loop:\n\n  fn handle(buf: &mut [u8], conn: &mut TcpStream) -> io::Result<usize> {\n      let n = conn.read(buf)?;\n      if n == 0 {\n          return Ok(0);\n      }\n      conn.write_all(&RESPONSE[..])?;\n      Ok(n)\n  }\n\nwith RESPONSE a static byte string.',
  'In Python it is a one-liner:\n\n  counts = Counter(w.lower() for line in open("log.txt") for w in line.split() if len(w) > 3)\n  print(counts.most_common(10))\n\nbut it is 40x slower than the Rust version (see https://gist.github.com/nicobrenner/056a5aaff5d0119c0032ecdad5029557).',
  'SELECT u.id, COUNT(*) AS n FROM users u JOIN orders o ON o.user_id = u.id WHERE o.created_at > NOW() - INTERVAL \'7 days\' GROUP BY u.id HAVING COUNT(*) > 10 ORDER BY n DESC LIMIT 50;\n\nruns in 12ms with an index on orders(user_id, created_at).',
  'Numbers from our prod fleet (p50 / p99, ms): nginx 0.41 / 2.9, envoy 0.58 / 4.1, pingora 0.37 / 2.2. Config at https://docs.example.org/proxy/v2.3/config.html#upstream-keepalive-timeout',
];

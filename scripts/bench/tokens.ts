// The token estimate the product counts with (lib/summarize/tokens.ts) against the real o200k_base tokenizer: its error
// on every batch as the job plans it and the provider sends it (the saved HN pages, generated threads of 1,000 and
// 3,000 comments, batches of at most 1,500 and 6,000 tokens), and how fast each counts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { parseThread } from '../../lib/hn/parse';
import { planBatches } from '../../lib/summarize/batch';
import { jobComments } from '../../lib/summarize/digest';
import { batchPrompt, COMMENTS_SYSTEM, type PromptComment, type PromptStory } from '../../lib/summarize/prompt';
import { countTokens } from '../../lib/summarize/tokens';
import { htmlDoc } from '../../test/support/dom';
import { generateThread } from '../../test/support/generate-thread';
import { median, type Figure } from './report';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = process.env.HN_MATOME_SHARED ?? resolve(ROOT, '..', 'shared');

interface ThreadText {
  story: PromptStory;
  comments: PromptComment[];
}

function readThread(html: string, id: number): ThreadText {
  const url = `https://news.ycombinator.com/item?id=${id}`;
  const t = parseThread(htmlDoc(html, url), url);
  return { story: { id: t.story.id, title: t.story.title }, comments: jobComments(t) };
}

/** Every batch of a thread, as planned at 1,500 and at 6,000 tokens: its user message, and what the plan takes the request to be. */
function batches(t: ThreadText): { user: string; planned: number }[] {
  const overhead = countTokens(COMMENTS_SYSTEM) + countTokens(t.story.title) + 8;
  const byId = new Map(t.comments.map((c) => [c.id, c]));
  return [1500, 6000].flatMap((maxTokens) =>
    planBatches(t.comments, { storyId: t.story.id, maxTokens, concurrency: 4, overheadTokens: overhead }).map((b) => ({
      user: batchPrompt(t.story, b.ids.map((id) => byId.get(id)!), (id) => byId.get(id)?.text),
      planned: b.tokens + overhead,
    })),
  );
}

/** Milliseconds per 1 MB of text (UTF-16 code units) for `count` over `texts`: the median of 5 rounds after 3 to warm up. */
function msPerMB(texts: string[], count: (s: string) => number): number {
  const chars = texts.reduce((a, s) => a + s.length, 0);
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < 8; r++) {
    const t0 = performance.now();
    for (const s of texts) sink += count(s);
    if (r >= 3) times.push(performance.now() - t0);
  }
  if (sink < 0) console.log(sink);
  return (median(times) * 1e6) / chars;
}

export function benchEstimate(): Figure[] {
  const sets: { name: string; threads: () => ThreadText[] }[] = [];
  const hn = resolve(SHARED, 'fixtures/hn');
  if (existsSync(hn)) {
    const pages = readdirSync(hn).filter((f) => /^item-\d+\.html$/.test(f));
    sets.push({ name: `the saved HN pages (${pages.length})`, threads: () => pages.map((f) => readThread(readFileSync(resolve(hn, f), 'utf8'), Number(f.match(/\d+/)![0]))) });
  } else console.warn(`[shared fixtures missing] ${hn}: the saved HN pages are not measured`);
  for (const n of [1000, 3000]) {
    sets.push({
      name: `generated, ${n.toLocaleString('en-US')} comments`,
      threads: () => {
        const g = generateThread({ comments: n, seed: 100 + n });
        return [readThread(g.pages[0]!, g.story.id)];
      },
    });
  }

  const figures: Figure[] = [];
  const all: string[] = [];
  const allErrors: number[] = [];
  const plannedErrors: number[] = [];
  const system = o200k(COMMENTS_SYSTEM);
  for (const set of sets) {
    const list = set.threads().flatMap(batches);
    const errors = list.map(({ user }) => (100 * (countTokens(user) - o200k(user))) / o200k(user));
    plannedErrors.push(...list.map(({ user, planned }) => (100 * (planned - system - o200k(user))) / (system + o200k(user))));
    all.push(...list.map((b) => b.user));
    allErrors.push(...errors);
    const label = `estimate error against o200k, ${set.name}, ${list.length} batches`;
    figures.push(
      { name: `${label}: worst under-estimate, % below o200k (negative: every batch above)`, value: -Math.min(...errors), unit: '%', target: { max: 10 } },
      { name: `${label}: worst over-estimate, % above o200k`, value: Math.max(...errors), unit: '%', target: { max: 10 } },
      { name: `${label}: mean absolute error`, value: errors.reduce((a, e) => a + Math.abs(e), 0) / errors.length, unit: '%' },
    );
  }
  figures.push(
    { name: `estimate error against o200k, all ${allErrors.length} batches: mean`, value: allErrors.reduce((a, e) => a + e, 0) / allErrors.length, unit: '%' },
    { name: `planned request (comments + overhead) against o200k of the request sent (system + user), all batches: worst under, % below`, value: -Math.min(...plannedErrors), unit: '%', target: { max: 10 } },
    { name: `planned request (comments + overhead) against o200k of the request sent (system + user), all batches: worst over, % above`, value: Math.max(...plannedErrors), unit: '%', target: { max: 10 } },
  );

  const estimate = msPerMB(all, countTokens);
  const exact = msPerMB(all, o200k);
  figures.push(
    { name: 'token count, time per 1 MB of batch text: estimate', value: estimate, unit: 'ms' },
    { name: 'token count, time per 1 MB of batch text: o200k (gpt-tokenizer)', value: exact, unit: 'ms' },
  );
  return figures;
}

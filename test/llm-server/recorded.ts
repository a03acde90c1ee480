// Recorded model answers (`../shared/fixtures/answers/*.ja.json`): Japanese written for a real saved thread in the
// digest site's voice. The `recorded` personality replays them, so the panel shows what a good model writes for that
// thread (the README's pictures); comments without a recording get the generated summary.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../support/shared';

export interface RecordedItem {
  ja: string;
  score: number;
  kind: string;
}

export interface Recording {
  /** The story's title as HN shows it (from the saved page the answers were written for). */
  storyTitle: string;
  title: string;
  tags: string[];
  comments: Map<number, RecordedItem>;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'", nbsp: ' ' };
const decode = (s: string) => s.replace(/&(#x27|#39|amp|lt|gt|quot|nbsp);/g, (_, e: string) => ENTITIES[e]!);

let cache: Recording[] | null = null;

/** Every recording there is (none when `../shared` is not beside the project). */
export function recordings(dir = sharedPath('fixtures/answers')): Recording[] {
  if (cache) return cache;
  cache = [];
  if (!existsSync(dir)) return cache;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ja.json'))) {
    const file = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const html = readFileSync(join(dir, '../hn', file.source), 'utf8');
    const storyTitle = decode(/<span class="titleline"><a[^>]*>([^<]*)/.exec(html)?.[1]?.trim() ?? '');
    cache.push({
      storyTitle,
      title: file.thread.title,
      tags: file.thread.tags,
      comments: new Map(file.comments.map((c: RecordedItem & { id: number }) => [c.id, { ja: c.ja, score: c.score, kind: c.kind }])),
    });
  }
  return cache;
}

/** The recorded answer for a comment, if one was written. */
export function recordedComment(id: number): RecordedItem | null {
  for (const r of recordings()) {
    const c = r.comments.get(id);
    if (c) return c;
  }
  return null;
}

/** The recorded title and tags for a thread, known by its story title (the request's `Thread:` line). */
export function recordedThread(threadLine: string): { title: string; tags: string[] } | null {
  const r = recordings().find((x) => x.storyTitle && threadLine.startsWith(x.storyTitle));
  return r ? { title: r.title, tags: r.tags } : null;
}

import type { Favorite } from './schema';

/** Everything a favourite can be found by, in one lower-case string: titles, users, Japanese and original text. */
export function haystack(f: Favorite): string {
  const parts: string[] = [];
  if (f.kind === 'thread') {
    parts.push(f.story.title, f.meta?.title ?? '', f.edits.title ?? '', ...(f.meta?.tags ?? []), f.story.by ?? '');
    const bodies = f.edits.bodies;
    for (const c of f.cards) if (c.status === 'done') parts.push(bodies[c.id] ?? c.ja);
    for (const c of f.comments) parts.push(c.by ?? '', c.text);
  } else {
    parts.push(f.story.title, f.comment.by ?? '', f.body, f.comment.text);
  }
  return parts.join('\n').toLowerCase();
}

/** The ids (kind:id) whose haystack holds every word of the query; all of them for an empty query. */
export function searchFavorites(haystacks: ReadonlyMap<string, string>, query: string): Set<string> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out = new Set<string>();
  for (const [key, text] of haystacks) if (words.every((w) => text.includes(w))) out.add(key);
  return out;
}

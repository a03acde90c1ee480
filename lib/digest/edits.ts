import * as z from 'zod/mini';

/** What the user changed in a thread's digest. Kept per thread, so it survives closing the panel. */
export const ThreadEdits = z.object({
  v: z.literal(1),
  storyId: z.int().check(z.positive()),
  /** The digest as the user picked it, in any order; null while it is the automatic pick. */
  selected: z.nullable(z.array(z.int())),
  /** Edited Japanese bodies, by comment id. */
  bodies: z.record(z.string(), z.string()),
  /** Chosen colours by comment id: '' for none, or a highlight colour. */
  colors: z.record(z.string(), z.string()),
  title: z.nullable(z.string()),
  tags: z.nullable(z.array(z.string())),
  updatedAt: z.number(),
});
export type ThreadEdits = z.infer<typeof ThreadEdits>;

export const noEdits = (storyId: number): ThreadEdits => ({ v: 1, storyId, selected: null, bodies: {}, colors: {}, title: null, tags: null, updatedAt: 0 });

/** Adds or removes one comment from the digest, starting from what is shown (the automatic pick or the user's). */
export function toggleSelected(e: ThreadEdits, shown: ReadonlySet<number>, id: number): ThreadEdits {
  const next = new Set(shown);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return { ...e, selected: [...next], updatedAt: Date.now() };
}

export const setBody = (e: ThreadEdits, id: number, body: string, original: string): ThreadEdits => {
  const bodies = { ...e.bodies };
  if (body === original) delete bodies[id];
  else bodies[id] = body;
  return { ...e, bodies, updatedAt: Date.now() };
};

export const setColor = (e: ThreadEdits, id: number, color: string): ThreadEdits => ({ ...e, colors: { ...e.colors, [id]: color }, updatedAt: Date.now() });

import * as z from 'zod/mini';

/**
 * What the user changed in a thread's digest, kept per thread. Everything belongs to the comment, not to a model:
 * an edited body is shown over whatever summary the comment has now. Picks are overrides on the automatic pick
 * (ticked in, unticked out), so the automatic pick keeps growing while a job streams.
 */
export const ThreadEdits = z.object({
  storyId: z.int().check(z.positive()),
  /** Ticked into the digest (or edited, or recoloured) over the automatic pick. */
  picksIn: z.array(z.int()),
  /** Unticked out of it. */
  picksOut: z.array(z.int()),
  /** A whole pick from the first version (it listed every picked card): the base instead of the automatic pick, until "back to automatic". */
  frozen: z.nullable(z.array(z.int())),
  /** Edited Japanese bodies, by comment id. */
  bodies: z.record(z.string(), z.string()),
  /** Chosen colours by comment id: '' for none, or a highlight colour. */
  colors: z.record(z.string(), z.string()),
  title: z.nullable(z.string()),
  tags: z.nullable(z.array(z.string())),
  updatedAt: z.number(),
});
export type ThreadEdits = z.infer<typeof ThreadEdits>;

export const EDITS_VERSION = 2;

export const noEdits = (storyId: number): ThreadEdits => ({ storyId, picksIn: [], picksOut: [], frozen: null, bodies: {}, colors: {}, title: null, tags: null, updatedAt: 0 });

/** The first version: `v: 1` and `selected`, the whole pick once the user changed it. Nothing of it is lost. */
export function editsFromV1(old: unknown): unknown {
  if (!old || typeof old !== 'object' || !('selected' in old)) return old;
  const { v: _v, selected, ...rest } = old as { v?: number; selected: number[] | null };
  return { ...rest, picksIn: [], picksOut: [], frozen: selected ?? null };
}

/** One change, as it is written: a change made in one panel never overwrites another panel's other changes. */
export const EditOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('pick'), id: z.int(), on: z.boolean() }),
  /** Back to the automatic pick: every tick and untick forgotten. */
  z.object({ op: z.literal('auto') }),
  /** `text` null: back to the summary as written. */
  z.object({ op: z.literal('body'), id: z.int(), text: z.nullable(z.string()) }),
  z.object({ op: z.literal('color'), id: z.int(), color: z.string() }),
  z.object({ op: z.literal('title'), title: z.nullable(z.string()) }),
  z.object({ op: z.literal('tags'), tags: z.nullable(z.array(z.string())) }),
]);
export type EditOp = z.infer<typeof EditOp>;

const without = (ids: readonly number[], id: number) => ids.filter((x) => x !== id);
const withId = (ids: readonly number[], id: number) => (ids.includes(id) ? [...ids] : [...ids, id]);

/** A card the user worked on goes into the digest. */
const include = (e: ThreadEdits, id: number): Pick<ThreadEdits, 'picksIn' | 'picksOut'> => ({ picksIn: withId(e.picksIn, id), picksOut: without(e.picksOut, id) });

export function applyEdit(e: ThreadEdits, op: EditOp, now = Date.now()): ThreadEdits {
  switch (op.op) {
    case 'pick':
      return { ...e, picksIn: op.on ? withId(e.picksIn, op.id) : without(e.picksIn, op.id), picksOut: op.on ? without(e.picksOut, op.id) : withId(e.picksOut, op.id), updatedAt: now };
    case 'auto':
      return { ...e, picksIn: [], picksOut: [], frozen: null, updatedAt: now };
    case 'body': {
      const bodies = { ...e.bodies };
      if (op.text == null) delete bodies[op.id];
      else bodies[op.id] = op.text;
      return { ...e, bodies, ...(op.text != null && include(e, op.id)), updatedAt: now };
    }
    case 'color':
      return { ...e, colors: { ...e.colors, [op.id]: op.color }, ...include(e, op.id), updatedAt: now };
    case 'title':
      return { ...e, title: op.title, updatedAt: now };
    case 'tags':
      return { ...e, tags: op.tags, updatedAt: now };
  }
}

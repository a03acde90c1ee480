/**
 * A list in a message between contexts, validated item by item: one bad item (a summary over the size limit, a comment
 * the page wrote oddly) is left out and counted, and never sinks the rest.
 */
export function eachValid<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, list: readonly unknown[]): { items: T[]; dropped: number } {
  const items: T[] = [];
  for (const raw of list) {
    const r = schema.safeParse(raw);
    if (r.success) items.push(r.data);
  }
  return { items, dropped: list.length - items.length };
}

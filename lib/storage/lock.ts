/**
 * Runs `fn` alone among every context of the extension holding the same lock name (Web Locks: every panel and the
 * worker), or, where the API is missing, alone in this context.
 */
const chains = new Map<string, Promise<unknown>>();

export function exclusive<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request(`hn-matome/${name}`, fn);
  const next = (chains.get(name) ?? Promise.resolve()).catch(() => undefined).then(fn);
  chains.set(name, next);
  return next;
}

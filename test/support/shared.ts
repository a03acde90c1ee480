import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { test } from 'vitest';

/**
 * `../shared` (saved third-party HN pages, the example article) sits beside the project in CI but not in a user's
 * clone. Tests that need it run whenever it is there, and otherwise say by name that they did not run.
 */
export const SHARED_DIR = process.env.HN_MATOME_SHARED ?? resolve(fileURLToPath(new URL('../../..', import.meta.url)), 'shared');
export const hasShared = existsSync(resolve(SHARED_DIR, 'fixtures/hn'));

export const sharedPath = (rel: string) => resolve(SHARED_DIR, rel);
export const readShared = (rel: string) => readFileSync(sharedPath(rel), 'utf8');

/** `test`, or when ../shared is absent a test that records by name that this one did not run (and why). */
export function sharedTest(name: string, fn: () => unknown | Promise<unknown>, timeout?: number) {
  if (hasShared) test(name, fn, timeout);
  else
    test(`NOT RUN (no ${SHARED_DIR}): ${name}`, ({ expect }) => {
      console.warn(`[shared fixtures missing] did not run: ${name}`);
      expect(existsSync(SHARED_DIR)).toBe(false);
    });
}

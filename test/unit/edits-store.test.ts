// Edits in storage: one change at a time on what is stored now, so two panels editing one thread keep both.
import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { editThread, loadEdits, watchEdits } from '@/lib/storage/edits';
import type { ThreadEdits } from '@/lib/digest/edits';

beforeEach(() => fakeBrowser.reset());

test('two panels editing one thread at once: every edit is kept', async () => {
  // Forty changes from "two panels", interleaved: each writes one change, never its whole stale copy.
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      i % 2 ? editThread(9, { op: 'body', id: i, text: `panel B ${i}` }) : editThread(9, { op: 'color', id: i, color: '#ff33a1' }),
    ),
  );
  const e = await loadEdits(9);
  expect(Object.keys(e.bodies)).toHaveLength(20);
  expect(Object.keys(e.colors)).toHaveLength(20);
  // Edited and recoloured cards are all in the digest.
  expect(e.picksIn.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
});

test('first-version edits are migrated on read, never replaced by empty ones; unreadable ones are set aside', async () => {
  await fakeBrowser.storage.local.set({ 'edits:5': { v: 1, storyId: 5, selected: [6, 7], bodies: { 6: '直した' }, colors: {}, title: null, tags: null, updatedAt: 3 } });
  expect(await loadEdits(5)).toMatchObject({ frozen: [6, 7], bodies: { 6: '直した' } });
  // Something a newer version wrote, that this one cannot read: kept aside before anything is written there.
  await fakeBrowser.storage.local.set({ 'edits:8': { storyId: 8, somethingNew: true }, 'edits:8$': { v: 2 } });
  await editThread(8, { op: 'title', title: 'x' });
  expect((await fakeBrowser.storage.local.get('edits:8-unreadable'))['edits:8-unreadable']).toEqual({ storyId: 8, somethingNew: true });
});

test('a panel sees another panel\'s edits as they are written', async () => {
  const seen: ThreadEdits[] = [];
  const stop = watchEdits(3, (e) => seen.push(e));
  await editThread(3, { op: 'body', id: 4, text: 'ほかのパネル' });
  await new Promise((r) => setTimeout(r, 10));
  stop();
  expect(seen.at(-1)?.bodies).toEqual({ 4: 'ほかのパネル' });
});

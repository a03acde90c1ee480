import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { FLASH_ATTR, revealComment } from '@/lib/hn/reveal';
import { htmlDoc } from '../support/dom';

const states = () => htmlDoc(readFileSync(new URL('../fixtures/hn/states.html', import.meta.url), 'utf8'), 'https://news.ycombinator.com/item?id=47000001');
const row = (doc: Document, id: number) => doc.querySelector(`tr.comtr[id="${id}"]`)!;

test('a comment hidden in a collapsed subtree is expanded, without HN\'s script, and flagged for the flash', () => {
  const doc = states();
  expect(row(doc, 47000022).classList.contains('noshow')).toBe(true);
  expect(revealComment(doc, 47000022)).toBe(true);
  expect(row(doc, 47000020).classList.contains('coll')).toBe(false);
  expect(row(doc, 47000020).querySelector('.comment')!.classList.contains('noshow')).toBe(false);
  for (const id of [47000021, 47000022, 47000023]) expect(row(doc, id).classList.contains('noshow')).toBe(false);
  expect(row(doc, 47000022).hasAttribute(FLASH_ATTR)).toBe(true);
});

test('the row is found even though HN gives its toggle link the same id', () => {
  const doc = states();
  expect(doc.getElementById('47000010')).not.toBeNull();
  expect(revealComment(doc, 47000010)).toBe(true);
  expect(row(doc, 47000010).hasAttribute(FLASH_ATTR)).toBe(true);
  // Nothing else on the page changed state.
  expect(row(doc, 47000020).classList.contains('coll')).toBe(true);
});

test('a comment that is not on the page is reported, not invented', () => {
  expect(revealComment(states(), 1)).toBe(false);
});

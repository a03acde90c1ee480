import { expect } from 'vitest';
import { htmlDoc } from '../support/dom';
import { renderItemPage } from '../support/hn-page';
import { readShared, sharedTest } from '../support/shared';

/** Tag and class path of every element under `el`: the shape of HN's markup without its data. */
const skeleton = (el: Element): string[] =>
  [el, ...el.querySelectorAll('*')].map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].filter((c) => !/^c[0-9a-f]{2}$/i.test(c)).sort().join('.')}`);

sharedTest('the generated markup has the very shape of a saved 2026 HN page, rows and story alike', () => {
  const real = htmlDoc(readShared('fixtures/hn/item-48350598.html'));
  const realRow = real.querySelector('tr.comtr[id="48351877"]')!; // depth 1, has parent and next links
  const gen = htmlDoc(
    renderItemPage({ id: 48350598, title: 'Chuwi Minibook X', url: 'https://x.example/', site: 'x.example', by: 'thcipriani', time: '2026-05-31T22:59:50', points: 148, commentCount: 124 }, [
      { id: 1, depth: 0, by: 'a', time: '2026-06-01T00:51:16', html: 'x' },
      { id: 48351877, depth: 1, by: 'djfergus', time: '2026-06-01T02:06:55', html: 'This laptop has a 10” screen.<p>Different category.' },
    ]),
  );
  const genRow = gen.querySelector('tr.comtr[id="48351877"]')!;
  // HN adds a "parent" link in the navs that the generator leaves out (nothing reads it); the rest is identical.
  const drop = (s: string[]) => s.filter((x) => x !== 'a.clicky');
  expect(drop(skeleton(genRow))).toEqual(drop(skeleton(realRow)));
  expect(skeleton(gen.querySelector('table.fatitem tr.athing')!)).toEqual(skeleton(real.querySelector('table.fatitem tr.athing')!));
  expect(genRow.querySelector('.age')!.getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d \d+$/);
});

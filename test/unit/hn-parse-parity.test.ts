// The fast parser (one document-level list per field, matched to rows) against the per-row reference it replaced:
// the same thread, or the same error, on every page we have, every page we generate, and pages built to mislead the
// matching (fields missing, doubled, nested, outside rows, rows inside rows).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseThread } from '@/lib/hn/parse';
import { htmlDoc } from '../support/dom';
import { generateThread } from '../support/generate-thread';
import { renderItemPage, textToHnHtml, type PageComment, type PageStory } from '../support/hn-page';
import { parseThreadReference } from '../support/parse-reference';
import { hasShared, readShared, sharedPath, sharedTest } from '../support/shared';

const url = (id: number) => `https://news.ycombinator.com/item?id=${id}`;

/** What a parser makes of a document: the thread, or the error it throws (by name, code and message: each has its own class). */
function outcome(parse: (d: Document, u: string) => unknown, doc: Document, u: string) {
  try {
    return { thread: parse(doc, u) };
  } catch (e) {
    const { name, code, message } = e as { name: string; code?: string; message: string };
    return { error: { name, code, message } };
  }
}

/** Both parsers on the same document; the result, for further checks. */
function same(doc: Document, u: string) {
  const fast = outcome(parseThread, doc, u);
  // JSON too: the same keys in the same order, as the thread is stored and exported.
  expect(JSON.stringify(fast)).toBe(JSON.stringify(outcome(parseThreadReference, doc, u)));
  expect(fast).toEqual(outcome(parseThreadReference, doc, u));
  return fast;
}

/** The story id a saved page is about, from its own markup; 1 when it has none. */
const pageId = (doc: Document) => Number(doc.querySelector('table.fatitem tr.athing')?.id) || 1;

/** A page as saved, and cut short at a few points, as a page still loading would be. */
function sameWithCuts(html: string) {
  const id = pageId(htmlDoc(html, 'https://news.ycombinator.com/'));
  const whole = same(htmlDoc(html, url(id)), url(id));
  for (let i = 1; i < 8; i++) same(htmlDoc(html.slice(0, Math.floor((html.length * i) / 8)), url(id)), url(id));
  return whole;
}

describe('saved pages', () => {
  const shared = hasShared ? readdirSync(sharedPath('fixtures/hn')).filter((f) => f.endsWith('.html')) : [];
  sharedTest(`every page in ../shared/fixtures/hn (${shared.length})`, () => {
    expect(shared.length).toBeGreaterThan(0);
    for (const f of shared) {
      const t = sameWithCuts(readShared(`fixtures/hn/${f}`));
      expect(t.thread, f).toBeDefined();
    }
  });

  const ownDir = new URL('../fixtures/hn/', import.meta.url);
  for (const f of readdirSync(ownDir).filter((n) => n.endsWith('.html'))) {
    test(`own fixture ${f}, whole and cut short`, () => {
      const html = readFileSync(new URL(f, ownDir), 'utf8');
      sameWithCuts(html);
      // The same page at a URL that is not a thread, and at another item's URL.
      same(htmlDoc(html, 'https://news.ycombinator.com/news'), 'https://news.ycombinator.com/news');
      same(htmlDoc(html, url(999)), url(999));
    });
  }
});

describe('generated threads', () => {
  test.each([1000, 3000])('%i comments as the bench makes them, one page and split into pages', (n) => {
    for (const g of [generateThread({ comments: n, seed: n }), generateThread({ comments: n, seed: n + 1, pageSize: 400 })]) {
      for (const [i, html] of g.pages.entries()) {
        const u = i ? `${url(g.story.id)}&p=${i + 1}` : url(g.story.id);
        const t = same(htmlDoc(html, u), u).thread as { comments: unknown[]; nextPage: string | null };
        expect(t.comments.length).toBeGreaterThan(0);
        expect(t.nextPage === null).toBe(i === g.pages.length - 1);
      }
    }
  }, 60_000);

  test('small threads of every seed from 1 to 40', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const g = generateThread({ comments: 1 + (seed % 13) * 7, seed, pageSize: seed % 3 ? undefined : 10 });
      for (const html of g.pages) same(htmlDoc(html, url(g.story.id)), url(g.story.id));
    }
  });

  test('every comment state, collapsed rows and both markups, at random', () => {
    let s = 12345;
    const r = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const states = ['ok', 'ok', 'ok', 'deleted', 'flagged', 'dead'] as const;
    for (let p = 0; p < 30; p++) {
      const story: PageStory = { id: 48000000 + p, title: `Page ${p}`, by: 'op', time: '2026-10-01T00:00:00', points: p, commentCount: 40, toptextHtml: p % 4 ? undefined : 'Ask <i>this</i>' };
      let depth = 0;
      const comments: PageComment[] = Array.from({ length: 40 }, (_, i) => {
        depth = i && r() < 0.6 ? Math.min(depth + 1, 6) : Math.floor(r() * (depth + 1));
        const state = states[Math.floor(r() * states.length)]!;
        return {
          id: story.id + 1 + i,
          depth,
          by: r() < 0.1 ? null : `u${i}`,
          time: `2026-10-01T00:${String(i).padStart(2, '0')}:00`,
          html: r() < 0.1 ? '' : textToHnHtml(r() < 0.1 ? '[dead]' : `Comment ${i} [dead] and [flagged] in the text.\n\nSecond.`),
          fade: r() < 0.2 ? Math.floor(r() * 256) : 0,
          state,
          collapsed: r() < 0.1,
        };
      });
      const html = renderItemPage(story, comments, { markup: p % 2 ? '2021' : 'modern', nextPage: p % 5 ? undefined : `item?id=${story.id}&p=2` });
      same(htmlDoc(html, url(story.id)), url(story.id));
    }
  });
});

describe('pages built to mislead the matching', () => {
  const STORY = 49000001;
  const page = (rows: string, after = '') =>
    `<html><body><table class="fatitem"><tr class="athing submission" id="${STORY}"><td class="title"><span class="titleline"><a href="https://example.com/">Story</a></span></td></tr>` +
    `<tr><td class="subtext"><span class="score">5 points</span> by <a class="hnuser">op</a> <span class="age" title="2026-10-01T00:00:00 1">now</span> | <a>3 comments</a></td></tr></table>` +
    `<table class="comment-tree">${rows}</table>${after}</body></html>`;
  const row = (id: number | string, opts: { ind?: string; head?: string; body?: string; cls?: string; tag?: string } = {}) => {
    const tag = opts.tag ?? 'tr';
    const cell = tag === 'tr' ? 'td' : 'div';
    return (
      `<${tag} class="${opts.cls ?? 'athing comtr'}" id="${id}"><${cell}><table><tr>${opts.ind ?? '<td class="ind" indent="1"><img width="40"></td>'}<td class="default">` +
      `${opts.head ?? `<span class="comhead"><a class="hnuser">u${id}</a> <span class="age" title="2026-10-01T01:00:00 1">1h</span> <span class="navs">[–]</span></span>`}` +
      `<div class="comment">${opts.body ?? `<div class="commtext c00">Text of ${id}</div>`}</div></td></tr></table></${cell}></${tag}>`
    );
  };
  /** The page, then `edit` for what markup cannot say (the HTML parser would move it): both parsers must agree. */
  const check = (name: string, rows: string, after = '', edit?: (doc: Document) => void) =>
    test(name, () => {
      const doc = htmlDoc(page(rows, after), url(STORY));
      edit?.(doc);
      const t = same(doc, url(STORY));
      expect((t.thread as { comments: unknown[] }).comments.length).toBeGreaterThan(0);
    });
  const byId = (doc: Document, id: string) => doc.querySelector(`tr[id="${id}"]`)!;

  check('a row missing its user, one missing its header, one missing its age', row(1, { head: '<span class="comhead"> <span class="age" title="2026-10-01T01:00:00">1h</span></span>' }) + row(2, { head: '' }) + row(3, { head: '<span class="comhead"><a class="hnuser">c</a></span>' }) + row(4));
  check('a comment without commtext, and one without its indent cell', row(1, { body: '' }) + row(2, { ind: '' }) + row(3, { body: '<div class="comment">no class</div>' }) + row(4));
  check('users, ages and texts nested deeper, doubled, or only in a second header', [
    row(1, { head: '<span class="comhead"><b><i><a class="hnuser">deep</a></i></b> <span class="x"><span class="age" title="2026-10-01T02:00:00">x</span></span></span>' }),
    row(2, { head: '<span class="comhead"><a class="hnuser">one</a><a class="hnuser">two</a><span class="age" title="2026-10-01T03:00:00">a</span><span class="age" title="2026-10-01T04:00:00">b</span></span>' }),
    row(3, { head: '<span class="comhead"> [dead] </span><span class="comhead"><a class="hnuser">second</a> <span class="age" title="2026-10-01T05:00:00">c</span></span>' }),
    row(4, { body: '<div><div><div class="commtext c5a">outer<div class="commtext cff">inner</div></div></div></div><div class="commtext">second</div>' }),
    row(5, { ind: '<td class="ind"><span class="ind" indent="3"></span></td>' }),
    row(6, { ind: '<td class="ind" indent=""><img width="120"></td>' }),
  ].join(''));
  check('field classes inside the text, on the row itself, and on the header itself', [
    row(1, { body: '<div class="commtext">see <span class="hnuser">fake</span> <span class="age" title="2026-01-01T00:00:00">x</span><span class="comhead">h</span><span class="ind" indent="9"></span></div>' }),
    row(2, { cls: 'athing comtr commtext hnuser ind comhead age' }),
    row(3, { head: '<span class="comhead hnuser age"><a class="hnuser">self</a></span>' }),
    row(4, { head: '<a class="hnuser">before</a><span class="comhead"><span class="age" title="2026-10-01T06:00:00">y</span></span>' }),
  ].join(''));
  check('showdead marks: bare text, nested, in the text, and both in one header', [
    row(1, { head: '<span class="comhead"><a class="hnuser">a</a> [flagged] <span class="navs">[dead]</span></span>' }),
    row(2, { head: '<span class="comhead"><a class="hnuser">b</a><b> [dead] </b></span>' }),
    row(3, { head: '<span class="comhead"><a class="hnuser">c</a> [dead] x [flagged]</span>' }),
    row(4, { body: '<div class="commtext">[flagged]</div>' }),
    row(5, { head: '<span class="comhead"> </span>', body: '<div class="commtext">[deleted]</div>' }),
    row(6, { head: '<span class="comhead"> </span>', body: '<div class="commtext"></div>' }),
    row(7, { body: '<div class="commtext">[dead] </div>' }),
  ].join(''));
  check(
    'rows that do not count: bad ids, not a tr, no id, other rows between',
    [
      row('abc'),
      row(0),
      row(-5),
      row('1.5'),
      row(' 12 '),
      '<tr class="athing comtr"><td><span class="comhead"><a class="hnuser">noid</a></span><div class="commtext">orphan</div></td></tr>',
      row(20),
      '<tr class="spacer"><td><span class="comhead"><a class="hnuser">between</a></span><span class="commtext">between</span><span class="ind" indent="7"></span></td></tr>',
      row(21),
      row(22),
    ].join(''),
    '',
    (doc) => {
      // A div with the row's class, where a row would be: the parser would have put it outside the table.
      const div = doc.createElement('div');
      div.className = 'athing comtr';
      div.id = '13';
      div.innerHTML = '<span class="comhead"><a class="hnuser">div</a></span><div class="commtext">div</div>';
      byId(doc, '21').before(div);
      expect(doc.querySelectorAll('tr.comtr[id="20"], tr.comtr[id="21"], tr.comtr[id="22"], div.comtr').length).toBe(4);
    },
  );
  check('fields before the first row and after the last', `<tr><td><span class="commtext">before</span><span class="ind" indent="4"></span></td></tr>${row(1)}${row(2)}`, '<div class="comhead"><a class="hnuser">footer</a></div><div class="commtext">footer</div><div class="ind" indent="2"></div>');
  check('two comment tables', row(1) + row(2), `<table>${row(3)}${row(4, { head: '' })}</table>`);
  check('rows inside rows, some sharing their first header and text with the row around them', [1, 2, 3, 4, 5, 6, 7, 8].map((id) => row(id, { head: id === 5 ? '' : undefined })).join(''), '', (doc) => {
    // 2 inside 1's text, after 1's own fields; 4 at the very start of 3 (3's first header and text are 4's);
    // 6 inside 5, which has no header of its own; 8 inside 7's header.
    byId(doc, '1').querySelector('.commtext')!.append(byId(doc, '2'));
    byId(doc, '3').prepend(byId(doc, '4'));
    byId(doc, '5').querySelector('.comment')!.prepend(byId(doc, '6'));
    byId(doc, '7').querySelector('.comhead')!.append(byId(doc, '8'));
    expect(doc.querySelectorAll('tr.comtr tr.comtr').length).toBe(4);
  });
  check('a row whose id is taken by a later element, and a repeated id', row(1) + row(1) + `<tr><td><a id="1" class="togg">[–]</a></td></tr>` + row(2));
  check('more links: one without rel=next, then the real one', row(1), '<a class="morelink" href="item?id=1&p=9">More</a><a class="morelink" rel="nofollow next" href="item?id=1&p=2">More</a>');

  test('random damage to a real page: removed, moved, copied and re-classed elements', () => {
    const g = generateThread({ comments: 60, seed: 99 });
    const html = renderItemPage(g.story, [...g.comments.slice(0, 30), ...g.comments.slice(30).map((c, i) => ({ ...c, state: (['deleted', 'flagged', 'dead', 'ok'] as const)[i % 4] }))]);
    let s = 7;
    const r = (n: number) => ((s = (s * 1103515245 + 12345) % 2 ** 31), s % n);
    const classes = ['comtr', 'athing comtr', 'comhead', 'hnuser', 'age', 'commtext', 'ind', 'x'];
    const original = htmlDoc(html, url(g.story.id));
    let nested = 0;
    for (let round = 0; round < 100; round++) {
      const doc = original.cloneNode(true) as Document;
      const tree = doc.querySelector('table.comment-tree')!;
      for (let m = 0; m < 1 + r(6); m++) {
        const all = tree.querySelectorAll('*');
        const el = all[r(all.length)]!;
        const other = all[r(all.length)]!;
        switch (r(6)) {
          case 0:
            el.remove();
            break;
          case 1:
            if (!el.contains(other)) other.append(el);
            break;
          case 2:
            other.before(el.cloneNode(true));
            break;
          case 3:
            el.setAttribute('class', classes[r(classes.length)]!);
            break;
          case 4: {
            // A whole row into another row, anywhere in it.
            const rows = tree.querySelectorAll('tr.comtr');
            const row = rows[r(rows.length)];
            if (row && !row.contains(other)) other.prepend(row);
            break;
          }
          default:
            if (!el.contains(other) && el !== other) other.after(el);
        }
      }
      same(doc, url(g.story.id));
      if (doc.querySelector('tr.comtr tr.comtr')) nested++;
    }
    // The damage reached the hard case too: rows inside rows.
    expect(nested).toBeGreaterThan(20);
  }, 60_000);
});

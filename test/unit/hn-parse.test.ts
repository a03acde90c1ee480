import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseThread, ThreadParseError } from '@/lib/hn/parse';
import { Thread } from '@/lib/hn/thread';
import { htmlDoc } from '../support/dom';
import { generateThread } from '../support/generate-thread';
import { renderItemPage, textToHnHtml, type PageComment } from '../support/hn-page';
import { readShared, sharedTest } from '../support/shared';

const own = (name: string) => readFileSync(new URL(`../fixtures/hn/${name}`, import.meta.url), 'utf8');
const url = (id: number) => `https://news.ycombinator.com/item?id=${id}`;
const parse = (html: string, id: number) => Thread.parse(parseThread(htmlDoc(html, url(id)), url(id)));
const byId = (t: Thread, id: number) => t.comments.find((c) => c.id === id)!;

describe('saved HN pages (../shared)', () => {
  sharedTest('item-49891290: 69 comments, depths 0–3, no spacer, title without epoch', () => {
    const t = parse(readShared('fixtures/hn/item-49891290.html'), 49891290);
    expect(t.story).toEqual({
      id: 49891290,
      title: 'Jeeves. Reasoning improves Jev-like decision models',
      url: 'https://github.com/PostHog/jeeves',
      site: 'github.com/posthog',
      by: 'nicowaltz',
      time: '2026-09-29T11:13:54',
      points: 166,
      commentCount: 69,
      text: null,
    });
    expect(t.comments).toHaveLength(69);
    expect(new Set(t.comments.map((c) => c.id)).size).toBe(69);
    expect(new Set(t.comments.map((c) => c.depth))).toEqual(new Set([0, 1, 2, 3]));
    expect(t.comments.every((c) => c.state === 'ok' && c.fade === 0 && c.by && c.time)).toBe(true);
    expect(t.comments.slice(0, 3).map((c) => [c.id, c.parentId, c.depth, c.by, c.time, c.replies])).toEqual([
      [49892563, 49891290, 0, 'sharih', '2026-09-29T13:06:24', 11],
      [49892718, 49892563, 1, 'zihotki', '2026-09-29T13:15:32', 8],
      [49893777, 49892718, 2, 'nico', '2026-09-29T14:19:34', 1],
    ]);
    expect(byId(t, 49893777).text).toBe(
      'For email you can use a classifier\n\n' +
        'One way: separately embed sender, recipients, subject, body - then use the embedding vectors as input to a logistic classifier\n\n' +
        'With that setup, I get 95% accuracy on email classification, training on 50-100 base examples. The model trains on CPU in under 1min, and it does inference in under 20ms (most of it is running the embeddings, so you can make it faster if you train your own embeddings model)\n\n' +
        'Here’s a gist with some sample code: https://gist.github.com/nicobrenner/056a5aaff5d0119c0032ecdad5029557\n\n' +
        'That code applies the embeddings + classifier setup on the Banking77 dataset. It gets 93-94% accuracy depending on the embeddings you use (SOTA for this is ~95%, with much bigger and slower models)',
    );
    // HN's own subtree count (`n` on the toggle) counts the comment itself.
    expect(byId(t, 49892563).replies).toBe(12 - 1);
  });

  sharedTest('item-49575859: 12 comments, spacer and indent, fractional-second times', () => {
    const t = parse(readShared('fixtures/hn/item-49575859.html'), 49575859);
    expect(t.story.title).toBe('A bizarre Commodore 64 peripheral, a mime, and some pretty bad ads');
    expect(t.story.time).toBe('2026-09-05T12:23:51');
    expect(t.story.points).toBe(86);
    expect(t.comments).toHaveLength(12);
    expect(t.comments[0]).toMatchObject({ id: 49578202, by: 'badc0ffee', time: '2026-09-05T16:37:53', depth: 0, replies: 1 });
    expect(t.comments[1]).toMatchObject({ id: 49582366, parentId: 49578202, depth: 1, by: 'LocalH', time: '2026-09-06T01:03:07' });
    expect(t.comments[0]!.text).toBe(
      'Love it.\n\nI wonder if they could have made the disk support work better by producing an interposer board to turn the (much simpler) Apple Disk II drive into a 1541, rather than butchering a 1541 to go the opposite way.\n\n' +
        "Adrian Black found that the 1541-compatible Enhancer 2000 was essentially that, right down to having a pin-compatible Disk II style interface internally. He tried using a real Disk II with the Enhancer's logic board, and had some success using it as a C64 drive: https://youtu.be/zGm5Jvo571g?t=5780",
    );
    expect(Math.max(...t.comments.map((c) => c.depth))).toBe(3);
  });

  sharedTest('item-48350598: 124 comments, downvoted in upper-case hex, truncated links, quotes, italics', () => {
    const t = parse(readShared('fixtures/hn/item-48350598.html'), 48350598);
    expect(t.story).toMatchObject({ id: 48350598, title: 'Chuwi Minibook X', by: 'thcipriani', points: 148, commentCount: 124, site: 'tylercipriani.com' });
    expect(t.comments).toHaveLength(124);
    expect(t.comments.filter((c) => c.fade).map((c) => [c.id, c.fade])).toEqual([
      [48351648, 0xae],
      [48352062, 0x5a],
      [48352756, 0x73],
      [48351013, 0x73],
    ]);
    expect(byId(t, 48351450)).toMatchObject({ depth: 0, by: 'winter_blue', time: '2026-06-01T00:51:16', replies: 17 });
    // HN shows "https://img.website.xin/contents/sitefiles3601/18006016/imag..."; the text keeps the whole URL.
    expect(byId(t, 48350952).text).toBe(
      "The GDP devices are amazing except for the keyboard, which is some fever dream layout I've never been able to understand. https://img.website.xin/contents/sitefiles3601/18006016/images/456568.png",
    );
    expect(byId(t, 48351668).text).toBe(">So replace the OS: https://docs.mrchromebox.tech/\n\nHow's the Windows support with this flow?");
    expect(byId(t, 48352756).text).toBe(
      'A notebook that weighs more than a kilo is simply not a good thing\n\n– Linus Torvalds\n\n' +
        'If you are an adult, able-bodied human male, and you even notice a laptop being "heavy" becauase it\'s over 1000 grams, I am sorry but your health is fucked. I am not a strong man. But if you are so weak 200grams extra or whatever bothers you, sort your life out. Seriously. You will feel so much better.',
    );
    // Every parent is the story or a comment that comes earlier, one level up.
    const index = new Map(t.comments.map((c, i) => [c.id, i]));
    for (const [i, c] of t.comments.entries()) {
      if (c.depth === 0) expect(c.parentId).toBe(48350598);
      else {
        expect(index.get(c.parentId)).toBeLessThan(i);
        expect(byId(t, c.parentId).depth).toBe(c.depth - 1);
      }
    }
  });

  sharedTest('synthetic XSS page: hostile markup comes out as plain text, nothing executable kept', () => {
    const t = parse(readShared('fixtures/hn/synthetic-xss-item.html'), 123);
    expect(t.story).toMatchObject({ id: 123, title: 'Ask HN: a question', url: url(123), points: 42, by: 'alice', time: null });
    expect(t.story.text).toBe('Hello\n\nSecond paragraph\n\nline 1\nline 2\n\nunsafe');
    expect(t.comments).toEqual([
      { id: 456, parentId: 123, depth: 2, by: 'bob', time: null, text: 'Text\n\nReply italic link (https://example.com/path)', state: 'ok', fade: 0, replies: 0 },
      { id: 457, parentId: 123, depth: 0, by: null, time: null, text: '', state: 'deleted', fade: 0, replies: 0 },
    ]);
    expect(JSON.stringify(t)).not.toMatch(/alert|script|javascript:/i);
  });
});

describe('own pages in HN markup', () => {
  test('every comment state: deleted with replies, collapsed, flagged, dead, downvoted', () => {
    const t = parse(own('states.html'), 47000001);
    expect(t.story).toEqual({
      id: 47000001,
      title: 'Show HN: Every comment state',
      url: 'https://example.org/states?x=1&y=2',
      site: 'example.org',
      by: 'maker',
      time: '2026-10-01T08:30:00',
      points: 1204,
      commentCount: 12,
      text: null,
    });
    const rows = t.comments.map((c) => [c.id, c.parentId, c.depth, c.by, c.state, c.fade, c.replies]);
    expect(rows).toEqual([
      [47000010, 47000001, 0, 'alice', 'ok', 0, 3],
      [47000011, 47000010, 1, null, 'deleted', 0, 2],
      [47000012, 47000011, 2, 'bob', 'ok', 0, 1],
      [47000013, 47000012, 3, 'carol', 'ok', 0, 0],
      [47000020, 47000001, 0, 'dave', 'ok', 0x5a, 3],
      [47000021, 47000020, 1, 'erin', 'ok', 0, 1],
      [47000022, 47000021, 2, 'frank', 'ok', 0, 0],
      [47000023, 47000020, 1, 'grace', 'flagged', 0, 0],
      [47000030, 47000001, 0, 'heidi', 'flagged', 0xdd, 2],
      [47000031, 47000030, 1, 'ivan', 'dead', 0xdd, 0],
      [47000032, 47000030, 1, null, 'dead', 0, 0],
      [47000040, 47000001, 0, 'judy', 'ok', 0xae, 0],
    ]);
    expect(byId(t, 47000010).text).toBe('Entities: & <tag> "quoted" café \'single\' 🎉 日本語 مرحبا');
    expect(byId(t, 47000011).text).toBe('');
    expect(byId(t, 47000012).text).toBe('> quoted line\n\nReply under a deleted one.\n\n  fn main() {\n      println!("hi");\n  }\n\nAfter code.');
    expect(byId(t, 47000013).text).toBe('See https://example.com/a/very/long/path/to/a/page.html and this.');
    expect(byId(t, 47000022).text).toBe('Hidden grandchild');
    expect(byId(t, 47000023).text).toBe('');
    expect(byId(t, 47000030).text).toBe('Flagged but visible text');
    expect(byId(t, 47000031).text).toBe('Dead comment text');
    expect(t.comments.every((c) => c.time?.startsWith('2026-10-01T'))).toBe(true);
  });

  test('2021 markup: span.commtext with the reply link inside, depth from the spacer width', () => {
    const t = parse(own('markup-2021.html'), 26000001);
    expect(t.story).toMatchObject({ title: 'Markup from 2021', url: 'https://example.net/2021/post', site: 'example.net', points: 77, by: 'olduser', time: '2021-03-01T12:00:00', commentCount: 4 });
    expect(t.comments.map((c) => [c.id, c.parentId, c.depth, c.by, c.time, c.state, c.fade])).toEqual([
      [26000010, 26000001, 0, 'oscar', '2021-03-01T12:30:00', 'ok', 0],
      [26000011, 26000010, 1, 'peggy', '2021-03-01T12:45:10', 'ok', 0],
      [26000012, 26000011, 2, 'trent', '2021-03-01T13:00:59', 'ok', 0x88],
      [26000013, 26000001, 0, null, '2021-03-01T14:00:00', 'deleted', 0],
    ]);
    expect(t.comments[0]!.text).toBe('First paragraph, spread over two source lines.\n\nSecond with https://example.org/x');
    expect(t.comments[1]!.text).toBe('A reply.');
  });

  test('Ask HN: the text post, its URL is the item itself', () => {
    const t = parse(own('ask-hn.html'), 47100001);
    expect(t.story).toMatchObject({ title: 'Ask HN: How do you read long threads?', url: url(47100001), site: null, points: 31, commentCount: 2 });
    expect(t.story.text).toBe('Threads with 1,000 comments are hard to follow.\n\nWhat tools do you use? I tried https://example.com/reader.');
    expect(t.comments.map((c) => c.text)).toEqual(['I collapse every top-level comment and open them one by one.', 'Search for ">" to find the replies that quote the article.']);
  });

  test('an empty thread is a thread with no comments', () => {
    const html = renderItemPage({ id: 47300001, title: 'Nobody here yet', url: 'https://example.com/', site: 'example.com', by: 'x', time: '2026-10-03T00:00:00', points: 1, commentCount: 0 }, []);
    const t = parse(html, 47300001);
    expect(t.comments).toEqual([]);
    expect(t.story.commentCount).toBe(0);
    expect(t.nextPage).toBeNull();
  });

  test('a 20-deep reply chain keeps every parent', () => {
    const chain: PageComment[] = Array.from({ length: 21 }, (_, i) => ({ id: 47400010 + i, depth: i, by: `u${i}`, time: '2026-10-04T00:00:00', html: `level ${i}` }));
    const t = parse(renderItemPage({ id: 47400001, title: 'Deep', by: 'x', time: '2026-10-04T00:00:00', points: 5, commentCount: 21 }, chain), 47400001);
    expect(t.comments.map((c) => c.depth)).toEqual(chain.map((c) => c.depth));
    t.comments.forEach((c, i) => expect(c.parentId).toBe(i === 0 ? 47400001 : 47400010 + i - 1));
    expect(t.comments[0]!.replies).toBe(20);
    expect(t.comments[20]!.text).toBe('level 20');
  });

  test('a 10,000-character comment comes through whole', () => {
    const long = Array.from({ length: 10 }, (_, p) => `${'word '.repeat(199)}end${p}`).join('\n\n');
    expect(long.length).toBeGreaterThanOrEqual(10_000);
    const t = parse(renderItemPage({ id: 47500001, title: 'Long', by: 'x', time: '2026-10-05T00:00:00', points: 5, commentCount: 1 }, [{ id: 47500002, depth: 0, by: 'verbose', time: '2026-10-05T00:00:01', html: textToHnHtml(long) }]), 47500001);
    expect(t.comments[0]!.text).toBe(long);
  });

  test('1,000 generated comments parse to exactly what was generated', () => {
    const g = generateThread({ comments: 1000, seed: 7 });
    const t = parse(g.pages[0]!, g.story.id);
    expect(t.comments).toHaveLength(1000);
    t.comments.forEach((c, i) => {
      const src = g.comments[i]!;
      expect([c.id, c.depth, c.by, c.time, c.fade]).toEqual([src.id, src.depth, src.by, src.time, src.fade ?? 0]);
      expect(c.text).toBe(g.texts.get(c.id));
    });
  });
});

describe('pages that are not threads', () => {
  const fails = (html: string, u: string) => {
    try {
      parseThread(htmlDoc(html, u), u);
    } catch (e) {
      return e as ThreadParseError;
    }
    throw new Error('expected a ThreadParseError');
  };

  test('a page outside HN item pages', () => {
    const e = fails('<html><body><p>hello</p></body></html>', 'https://example.com/item?id=1');
    expect(e).toBeInstanceOf(ThreadParseError);
    expect(e.code).toBe('not-item-page');
    expect(e.message).toMatch(/not a Hacker News thread/);
  });

  test('an HN listing page', () => {
    expect(fails(own('listing.html'), 'https://news.ycombinator.com/news').code).toBe('not-item-page');
    // Even served at an item URL, a listing has no story to read.
    expect(fails(own('listing.html'), url(47200001)).code).toBe('no-story');
  });

  test('an item URL whose page is an error or still empty', () => {
    const e = fails('<html><body>Sorry.</body></html>', url(5));
    expect(e.code).toBe('no-story');
    expect(e.message).toMatch(/item 5/);
  });

  test('truncated HTML: what arrived is read, nothing invented', () => {
    const html = own('states.html');
    const cut = html.slice(0, html.indexOf('id="47000030"') + 200);
    const t = parse(cut, 47000001);
    expect(t.comments.map((c) => c.id)).toEqual([47000010, 47000011, 47000012, 47000013, 47000020, 47000021, 47000022, 47000023, 47000030]);
    expect(t.comments.at(-1)).toMatchObject({ id: 47000030, text: '' });
  });
});

test('a comment whose whole text is a word like "constructor" is that comment, not a placeholder', () => {
  const story = { id: 900, title: 'Words', url: 'https://x.example/', site: 'x.example', by: 'op', time: '2026-05-31T22:59:50', points: 1, commentCount: 3 };
  const html = renderItemPage(story, ['constructor', 'toString', '[dead]'].map((w, i) => ({ id: 901 + i, depth: 0, by: 'u', time: '2026-05-31T23:00:00', html: w })));
  const t = parseThread(htmlDoc(html), 'https://news.ycombinator.com/item?id=900');
  expect(t.comments.map((c) => [c.text, c.state])).toEqual([
    ['constructor', 'ok'],
    ['toString', 'ok'],
    ['', 'dead'],
  ]);
});

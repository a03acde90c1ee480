/**
 * Writes HN item pages in HN's own markup (today's, copied from a saved 2026 page, and the 2021 one), for the cases
 * the saved pages lack and for large generated threads. `test/unit/hn-page.test.ts` checks it against the real pages.
 */

export interface PageStory {
  id: number;
  title: string;
  /** Omitted for Ask HN: the title links to the item itself. */
  url?: string;
  site?: string;
  by: string;
  time: string;
  points: number;
  commentCount: number;
  /** Ask/Show HN body, as HN's HTML. */
  toptextHtml?: string;
}

export interface PageComment {
  id: number;
  depth: number;
  by: string | null;
  time: string;
  /** The comment body as HN's HTML (`&`, `<`, `>` already escaped as HN does). */
  html: string;
  fade?: number;
  state?: 'ok' | 'deleted' | 'flagged' | 'dead';
  /** Collapsed by the user: this row is `coll`, its descendants `noshow`. */
  collapsed?: boolean;
}

export interface PageOptions {
  markup?: 'modern' | '2021';
  /** Relative href of the "More" link, e.g. `item?id=1&p=2`. */
  nextPage?: string;
}

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

/** Plain text → HN comment HTML: paragraphs become `<p>`, as HN stores them. */
export const textToHnHtml = (text: string) =>
  text
    .split('\n\n')
    .map((p, i) => (i ? '<p>' : '') + escapeHtml(p))
    .join('');

const epoch = (time: string) => Math.floor(Date.parse(`${time}Z`) / 1000);
const hex = (n = 0) => n.toString(16).padStart(2, '0');

function bodyFor(c: PageComment): { head: string; text: string } {
  switch (c.state) {
    case 'deleted':
      return { head: '', text: '[deleted]' };
    case 'flagged':
      return { head: ' [flagged]', text: c.html };
    case 'dead':
      return { head: ' [dead]', text: c.html };
    default:
      return { head: '', text: c.html };
  }
}

function modernRow(c: PageComment, storyId: number, hidden: boolean, kids: number): string {
  const { head, text } = bodyFor(c);
  const user = c.by && c.state !== 'deleted' ? `<a href="user?id=${c.by}" class="hnuser">${c.by}</a> ` : ' ';
  const vote =
    c.state === 'deleted'
      ? '<img src="s.gif" height="1" width="14">'
      : `<a id='up_${c.id}' href='vote?id=${c.id}&amp;how=up&amp;goto=item%3Fid%3D${storyId}'><div class='votearrow' title='upvote'></div></a>`;
  const cls = ['athing', 'comtr', c.collapsed && 'coll', hidden && 'noshow'].filter(Boolean).join(' ');
  return (
    `<tr class="${cls}" id="${c.id}"><td><table border="0"><tr><td class="ind" indent="${c.depth}"><img src="s.gif" height="1" width="${c.depth * 40}"></td>` +
    `<td valign="top" class="votelinks${c.collapsed ? ' nosee' : ''}"><center>${vote}</center></td><td class="default"><div style="margin-top:2px; margin-bottom:-10px;">` +
    `<span class="comhead">${user}<span class="age" title="${c.time} ${epoch(c.time)}"><a href="item?id=${c.id}">3 hours ago</a></span> <span id="unv_${c.id}"></span>${head}` +
    `<span class="navs"> | <a href="#${c.id}" class="clicky" aria-hidden="true">next</a> <a class="togg clicky" id="${c.id}" n="${kids + 1}" href="javascript:void(0)">${c.collapsed ? `[${kids + 1} more]` : '[–]'}</a><span class="onstory"></span></span></span></div><br>\n` +
    `<div class="comment${c.collapsed ? ' noshow' : ''}"><div class="commtext c${hex(c.fade)}">${text}</div><div class="reply"><p><font size="1"><u><a href="reply?id=${c.id}&amp;goto=item%3Fid%3D${storyId}%23${c.id}" rel="nofollow">reply</a></u></font></div></div></td></tr></table></td></tr>`
  );
}

function row2021(c: PageComment, storyId: number, hidden: boolean, kids: number): string {
  const { head, text } = bodyFor(c);
  const user = c.by && c.state !== 'deleted' ? `<a href="user?id=${c.by}" class="hnuser">${c.by}</a>` : '';
  const cls = ['athing', 'comtr', c.collapsed && 'coll', hidden && 'noshow'].filter(Boolean).join(' ');
  return (
    `<tr class='${cls}' id='${c.id}'><td><table border='0'>  <tr>    <td class='ind'><img src="s.gif" height="1" width="${c.depth * 40}"></td><td valign="top" class="votelinks">\n` +
    `      <center><a id='up_${c.id}' href='vote?id=${c.id}&amp;how=up&amp;goto=item%3Fid%3D${storyId}'><div class='votearrow' title='upvote'></div></a></center>    </td><td class="default"><div style="margin-top:2px; margin-bottom:-10px;"><span class="comhead">\n` +
    `          ${user} <span class="age" title="${c.time}"><a href="item?id=${c.id}">on March 1, 2021</a></span> <span id="unv_${c.id}"></span>${head}<span class="par"></span> <a class="togg" n="${kids + 1}" href="javascript:void(0)" onclick="return toggle(event, ${c.id})">[–]</a>          <span class='storyon'></span>\n` +
    `                  </span></div><br><div class="comment${c.collapsed ? ' noshow' : ''}">\n` +
    `                  <span class="commtext c${hex(c.fade)}">${text}<div class='reply'>        <p><font size="1">\n` +
    `                      <u><a href="reply?id=${c.id}&amp;goto=item%3Fid%3D${storyId}%23${c.id}">reply</a></u>\n` +
    `                  </font>\n      </div></span>\n              </div></td></tr>\n        </table></td></tr>`
  );
}

function storyRows(s: PageStory, markup: 'modern' | '2021'): string {
  const href = s.url ?? `item?id=${s.id}`;
  const site = s.site ? `<span class="sitebit comhead"> (<a href="from?site=${s.site}"><span class="sitestr">${s.site}</span></a>)</span>` : '';
  const title =
    markup === '2021'
      ? `<td class="title"><a href="${escapeHtml(href)}" class="storylink">${escapeHtml(s.title)}</a>${site}</td>`
      : `<td class="title"><span class="titleline"><a href="${escapeHtml(href)}">${escapeHtml(s.title)}</a>${site}</span></td>`;
  const comments = s.commentCount ? `${s.commentCount}&nbsp;comments` : 'discuss';
  return (
    `<tr class="athing${markup === 'modern' ? ' submission' : ''}" id="${s.id}"><td align="right" valign="top" class="title"><span class="rank"></span></td><td valign="top" class="votelinks"><center><a id='up_${s.id}' href='vote?id=${s.id}&amp;how=up&amp;goto=item%3Fid%3D${s.id}'><div class='votearrow' title='upvote'></div></a></center></td>${title}</tr>` +
    `<tr><td colspan="2"></td><td class="subtext"><span class="subline"><span class="score" id="score_${s.id}">${s.points} points</span> by <a href="user?id=${s.by}" class="hnuser">${s.by}</a> <span class="age" title="${s.time}${markup === 'modern' ? ` ${epoch(s.time)}` : ''}"><a href="item?id=${s.id}">5 hours ago</a></span> <span id="unv_${s.id}"></span> | <a href="hide?id=${s.id}&amp;goto=item%3Fid%3D${s.id}">hide</a> | <a href="item?id=${s.id}">${comments}</a></span></td></tr>` +
    `<tr><td colspan="2"></td><td><div class="toptext">${s.toptextHtml ?? ''}</div></td></tr>`
  );
}

/** A whole HN item page (one page of a thread), ready to serve or to parse. */
export function renderItemPage(story: PageStory, comments: readonly PageComment[], opts: PageOptions = {}): string {
  const markup = opts.markup ?? 'modern';
  // Subtree sizes, and which rows sit under a collapsed comment.
  const kids = new Array<number>(comments.length).fill(0);
  const hidden = new Array<boolean>(comments.length).fill(false);
  for (let i = 0; i < comments.length; i++) {
    let j = i + 1;
    while (j < comments.length && comments[j]!.depth > comments[i]!.depth) {
      if (comments[i]!.collapsed) hidden[j] = true;
      j++;
    }
    kids[i] = j - i - 1;
  }
  const row = markup === '2021' ? row2021 : modernRow;
  const rows = comments.map((c, i) => row(c, story.id, hidden[i]!, kids[i]!)).join('\n');
  const more = opts.nextPage ? `<table border="0"><tr><td class="title"><a href="${escapeHtml(opts.nextPage)}" class="morelink" rel="next">More</a></td></tr></table>` : '';
  return (
    `<html lang="en" op="item"><head><meta name="referrer" content="origin"><link rel="stylesheet" type="text/css" href="news.css?mXliRxibFHJvHQLZKf3b"><title>${escapeHtml(story.title)} | Hacker News</title></head><body><center>` +
    `<table id="hnmain" border="0" cellpadding="0" cellspacing="0" width="85%" bgcolor="#f6f6ef"><tr><td bgcolor="#ff6600"><span class="pagetop"><b class="hnname"><a href="news">Hacker News</a></b></span></td></tr>` +
    `<tr style='height:10px'/><tr id="bigbox"><td><table class="fatitem" border="0">${storyRows(story, markup)}</table><br>\n` +
    `<table border="0" class="comment-tree">\n${rows}\n</table>\n${more}<br><br></td></tr></table></center></body></html>`
  );
}

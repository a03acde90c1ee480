/**
 * HN comment HTML → plain text, as the reader sees it: paragraphs split by a blank line, `>` quotes kept (HN writes
 * them as text), code blocks verbatim, links as their full URL (HN truncates the visible text), entities decoded.
 * Works on any DOM (the page's, a DOMParser document, jsdom) and never touches layout.
 */

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Elements whose content is never text the reader sees (or is hostile markup in a crafted page). */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'object', 'embed', 'button', 'form']);

const COLLAPSIBLE = /[\t\n\r\f]| {2}/;

class Writer {
  readonly blocks: string[] = [];
  private inline = '';

  text(s: string) {
    this.inline += s;
  }

  /** Ends the current paragraph; browsers collapse its whitespace (but not non-breaking spaces). */
  flush() {
    // Testing first spares the replace (and its copy) for the common paragraph that needs none.
    const raw = this.inline;
    const p = (COLLAPSIBLE.test(raw) ? raw.replace(/[ \t\n\r\f]+/g, ' ') : raw).trim();
    if (p) this.blocks.push(p);
    this.inline = '';
  }

  verbatim(s: string) {
    this.flush();
    const block = s.replace(/^\n/, '').replace(/\s+$/, '');
    if (block) this.blocks.push(block);
  }
}

function linkText(a: Element, base: string): string {
  const shown = a.textContent ?? '';
  const href = a.getAttribute('href');
  if (!href) return shown;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return shown;
  }
  // Never turn a script URL into text that looks like a link.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return shown;
  const full = url.href;
  const stem = shown.replace(/(\.\.\.|…)$/, '');
  if (!shown || full.startsWith(stem) || href.startsWith(stem)) return href.startsWith('http') ? href : full;
  return `${shown} (${full})`;
}

function walk(node: Node, out: Writer, base: string) {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      out.text((child as Text).data);
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue;
    const el = child as Element;
    // localName is lower case in any document and costs no allocation: this runs for every element of every comment.
    const tag = el.localName;
    switch (tag) {
      case 'i':
      case 'b':
      case 'em':
      case 'strong':
      case 'span':
      case 'font':
      case 'u':
        walk(el, out, base);
        break;
      case 'a':
        out.text(linkText(el, base));
        break;
      case 'div':
      case 'p':
      case 'blockquote':
      case 'ul':
      case 'ol':
      case 'li':
        // The 2021 markup nests the reply link inside the comment's span.
        if (tag === 'div' && el.classList.contains('reply')) break;
        out.flush();
        walk(el, out, base);
        out.flush();
        break;
      case 'pre':
        out.verbatim(el.textContent ?? '');
        break;
      case 'br':
        out.flush();
        break;
      default:
        if (!SKIPPED.has(tag)) walk(el, out, base);
    }
  }
}

/** Plain text of an HN text element (`.commtext`, `.toptext`); `base` resolves relative links. */
export function htmlToText(el: Element, base = 'https://news.ycombinator.com/'): string {
  const out = new Writer();
  walk(el, out, base);
  out.flush();
  return out.blocks.join('\n\n');
}

import { JSDOM } from 'jsdom';

/** An HTML string as a Document, parsed by a spec-following HTML parser (jsdom's parse5), as a browser would. */
export const htmlDoc = (html: string, url = 'https://news.ycombinator.com/') => new JSDOM(html, { url }).window.document;

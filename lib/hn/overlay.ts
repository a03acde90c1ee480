/** The Japanese summaries on the HN page itself, under each comment, as text. DOM only. */

export const OVERLAY_CLASS = 'hn-matome-ja';

export interface OverlayItem {
  id: number;
  text: string;
  color: string;
}

export function removeOverlay(doc: Document) {
  for (const el of doc.querySelectorAll(`.${OVERLAY_CLASS}`)) el.remove();
}

/** Puts (or replaces) each comment's summary under its text, styled to sit in HN's page. Returns how many it placed. */
export function showOverlay(doc: Document, items: readonly OverlayItem[]): number {
  removeOverlay(doc);
  let placed = 0;
  for (const item of items) {
    const text = doc.querySelector(`tr.comtr[id="${item.id}"] .commtext`);
    if (!text) continue;
    const el = doc.createElement('div');
    el.className = OVERLAY_CLASS;
    el.lang = 'ja';
    // Text only: nothing from the model is ever parsed as HTML.
    el.textContent = item.text;
    const color = /^#[0-9a-f]{6}$/i.test(item.color) ? item.color : '';
    el.style.cssText = `margin:6px 0 2px;padding:4px 8px;border-left:3px solid ${color || '#ff6600'};background:#fff8f0;color:${color || '#333'};white-space:pre-wrap;font-size:10pt;line-height:1.5;max-width:1215px;`;
    text.after(el);
    placed++;
  }
  return placed;
}

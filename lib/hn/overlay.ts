/** The Japanese summaries on the HN page itself, under each comment, as text. DOM only. */

export const OVERLAY_CLASS = 'hn-matome-ja';

export interface OverlayItem {
  id: number;
  text: string;
  color: string;
  label?: string;
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
    const color = /^#[0-9a-f]{6}$/i.test(item.color) ? item.color : '';
    // Text only: nothing from the model is ever parsed as HTML.
    if (item.label && color) {
      const chip = doc.createElement('span');
      chip.textContent = item.label;
      chip.style.cssText = `display:inline-block;margin-right:6px;padding:0 6px;border:1px solid ${color};border-radius:8px;font-size:8pt;font-weight:bold;color:#222;background:#fff;`;
      el.append(chip);
    }
    el.append(item.text);
    // The highlight colour marks the edge only: the text stays dark on the light ground, readable whatever the colour.
    el.style.cssText = `margin:6px 0 2px;padding:4px 8px;border-left:4px solid ${color || '#ff6600'};background:#fff8f0;color:#222;white-space:pre-wrap;font-size:10pt;line-height:1.5;max-width:1215px;`;
    text.after(el);
    placed++;
  }
  return placed;
}

/** Showing one comment on the live HN page: expand what hides it, scroll to it, flash it. DOM only. */
import { rowDepth as depth } from './parse';

export const FLASH_ATTR = 'data-hn-matome-flash';
const FLASH_MS = 1500;

function rowOf(doc: Document, id: number): HTMLElement | null {
  // HN also gives the collapse toggle the comment's id, so match the row itself.
  return doc.querySelector<HTMLElement>(`tr.comtr[id="${id}"]`);
}

/** The rows above `row` that contain it, nearest first. */
function ancestors(row: HTMLElement): HTMLElement[] {
  const out: HTMLElement[] = [];
  let want = depth(row);
  for (let r = row.previousElementSibling; r && want > 0; r = r.previousElementSibling) {
    if (!r.classList.contains('comtr')) continue;
    const d = depth(r);
    if (d < want) {
      out.push(r as HTMLElement);
      want = d;
    }
  }
  return out;
}

/** Undo HN's collapse of `row`'s subtree by hand, for when HN's own script is not there to do it. */
function uncollapse(row: HTMLElement) {
  row.classList.remove('coll');
  row.querySelector('.comment')?.classList.remove('noshow');
  const toggle = row.querySelector('a.togg');
  if (toggle) toggle.textContent = '[–]';
  const d = depth(row);
  for (let r = row.nextElementSibling; r && r.classList.contains('comtr') && depth(r) > d; r = r.nextElementSibling) {
    r.classList.remove('noshow');
  }
}

function isHidden(row: HTMLElement): boolean {
  return row.classList.contains('noshow') || row.style.display === 'none';
}

/** Expands, scrolls to and flashes comment `id`. False when the page does not have it. */
export function revealComment(doc: Document, id: number): boolean {
  const row = rowOf(doc, id);
  if (!row) return false;
  const collapsed = [row, ...ancestors(row)].filter((r) => r.classList.contains('coll')).reverse();
  for (const r of collapsed) {
    // HN's script keeps its collapse state in step when it is there; otherwise undo the collapse ourselves.
    r.querySelector<HTMLElement>('a.togg')?.click();
    if (r.classList.contains('coll')) uncollapse(r);
  }
  if (isHidden(row)) row.classList.remove('noshow');
  // A hidden tab runs no smooth-scroll frames: jump there instead.
  row.scrollIntoView?.({ block: 'center', behavior: doc.visibilityState === 'hidden' ? 'instant' : 'smooth' });
  row.setAttribute(FLASH_ATTR, '');
  const anim = row.animate?.([{ backgroundColor: '#ffe08a' }, { backgroundColor: 'transparent' }], { duration: FLASH_MS, easing: 'ease-out' });
  const done = () => row.removeAttribute(FLASH_ATTR);
  if (anim) anim.onfinish = done;
  else setTimeout(done, FLASH_MS);
  return true;
}

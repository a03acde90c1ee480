import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { OVERLAY_CLASS, removeOverlay, showOverlay } from '@/lib/hn/overlay';
import { htmlDoc } from '../support/dom';

const doc = () => htmlDoc(readFileSync(new URL('../fixtures/hn/states.html', import.meta.url), 'utf8'));

test('the Japanese goes under each comment as text, replaces itself, and goes away whole', () => {
  const d = doc();
  const hostile = '<img src=x onerror="window.__x=1"><script>window.__x=2</script>';
  expect(showOverlay(d, [{ id: 47000010, text: 'こんにちは', color: '#785bff' }, { id: 47000012, text: hostile, color: 'red;background:url(x)' }, { id: 1, text: 'not here', color: '' }])).toBe(2);
  const els = [...d.querySelectorAll(`.${OVERLAY_CLASS}`)];
  expect(els.map((e) => e.textContent)).toEqual(['こんにちは', hostile]);
  expect(d.querySelectorAll(`.${OVERLAY_CLASS} img, .${OVERLAY_CLASS} script`)).toHaveLength(0);
  expect(els[0]!.previousElementSibling!.classList.contains('commtext')).toBe(true);
  // The colour marks the edge; the text is dark, readable whatever the colour.
  expect((els[0] as HTMLElement).style.borderLeftColor).toBe('rgb(120, 91, 255)');
  expect((els[0] as HTMLElement).style.color).toBe('rgb(34, 34, 34)');
  expect((els[1] as HTMLElement).getAttribute('style')).not.toContain('url(');
  // A highlight's kind goes with it as a label (also as text).
  showOverlay(d, [{ id: 47000010, text: '本文', color: '#785bff', label: '✦ Insight' }]);
  expect(d.querySelector(`.${OVERLAY_CLASS}`)!.textContent).toBe('✦ Insight本文');
  expect(d.querySelector(`.${OVERLAY_CLASS} span`)!.textContent).toBe('✦ Insight');
  showOverlay(d, [{ id: 47000010, text: 'again', color: '' }]);
  expect([...d.querySelectorAll(`.${OVERLAY_CLASS}`)].map((e) => e.textContent)).toEqual(['again']);
  removeOverlay(d);
  expect(d.querySelectorAll(`.${OVERLAY_CLASS}`)).toHaveLength(0);
});

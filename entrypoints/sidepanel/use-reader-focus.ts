import { useEffect, useRef } from 'preact/hooks';
import { FOCUS_MAX } from '@/lib/messages/job';
import type { CardRegistry } from '@/lib/panel/cards';

/** How often, at most, the panel tells a running job what the reader is looking at. */
const EVERY_MS = 250;

/**
 * While a job runs, tells the background which comments the reader has on screen and has picked: their batches are
 * asked for next, so scrolling far down a long thread fills what is in view first.
 */
export function useReaderFocus(running: boolean, cards: CardRegistry, picked: () => number[], send: (ids: number[]) => void) {
  // The picks as they are now, not as they were when the job started.
  const picks = useRef(picked);
  picks.current = picked;
  useEffect(() => {
    if (!running) return;
    let last = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tell = () => {
      timer = undefined;
      const ids = [...new Set([...cards.inView(), ...picks.current()])].slice(0, FOCUS_MAX);
      const key = ids.join(',');
      if (key !== last) send(ids);
      last = key;
    };
    const later = () => {
      timer ??= setTimeout(tell, EVERY_MS);
    };
    tell();
    addEventListener('scroll', later, { passive: true });
    addEventListener('resize', later, { passive: true });
    return () => {
      clearTimeout(timer);
      removeEventListener('scroll', later);
      removeEventListener('resize', later);
    };
  }, [running]);
}

import { useEffect, useReducer } from 'preact/hooks';

/** The time now; while `on` (a countdown on screen) the component renders again each second. */
export function useNow(on: boolean): number {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [on]);
  return Date.now();
}

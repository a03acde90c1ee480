import { KIND_COLORS } from '@/lib/summarize/schema';

export const KIND_LABELS: Record<keyof typeof KIND_COLORS, string> = {
  insight: 'Insight',
  experience: 'Experience',
  counterpoint: 'Counterpoint',
  data: 'Data',
  humour: 'Humour',
};

/** What each highlight colour means. */
export function Legend() {
  return (
    <ul class="legend" aria-label="Highlight colours">
      {(Object.keys(KIND_COLORS) as (keyof typeof KIND_COLORS)[]).map((k) => (
        <li key={k}>
          <span class="swatch" style={{ background: KIND_COLORS[k] }} aria-hidden="true" />
          {KIND_LABELS[k]}
        </li>
      ))}
    </ul>
  );
}

import { t } from '@/lib/i18n';
import { colorOf, symbolOf, type Highlight } from '@/lib/palette';

/** A highlight kind as a chip: the site's colour as its marker, the symbol and name in a readable colour. */
export function KindChip({ kind }: { kind: Highlight }) {
  return (
    <span class="chip" data-testid="kind-chip" data-kind={kind} style={{ '--accent-color': colorOf(kind) }}>
      <span class="chip-symbol" aria-hidden="true">
        {symbolOf(kind)}
      </span>
      {t(kind)}
    </span>
  );
}

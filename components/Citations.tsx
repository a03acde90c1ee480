import { t } from '@/lib/i18n';
import type { Cited } from '@/lib/overview/schema';

export interface CiteProps {
  /** A comment's user, for its chip. */
  nameOf: (id: number) => string | null;
  /** Shows the comment: its card in the panel, and on the HN page. */
  onCite: (id: number) => void;
}

/** The comments a text rests on, as chips with their users' names. */
export function Citations({ ids, nameOf, onCite }: CiteProps & { ids: readonly number[] }) {
  if (!ids.length) return null;
  return (
    <span class="cites">
      {ids.map((id) => {
        const name = nameOf(id) ?? `#${id}`;
        return (
          <button type="button" key={id} class="cite" data-testid="citation" data-comment-id={id} title={t('cite', { user: name })} onClick={() => onCite(id)}>
            {name}
          </button>
        );
      })}
    </span>
  );
}

/** A text and its citations; `writing`: still being written (a cursor, no chips yet). */
export function CitedText({ item, writing, testid, ...cite }: CiteProps & { item: Cited; writing?: boolean; testid?: string }) {
  return (
    <p class="cited" lang="ja" data-testid={testid}>
      {item.text}
      {writing ? (
        <span class="cursor" aria-hidden="true">
          ▍
        </span>
      ) : (
        <>
          {' '}
          <Citations ids={item.cites} {...cite} />
        </>
      )}
    </p>
  );
}

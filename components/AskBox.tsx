import { useEffect, useState } from 'preact/hooks';
import { problemText, t } from '@/lib/i18n';
import type { AskView } from '@/lib/overview/state';
import { CitedText, type CiteProps } from './Citations';

export interface AskBoxProps extends CiteProps {
  view: AskView;
  /** The question as it is typed (the background estimates it); absent where nothing can be asked (a favourite). */
  onQuestion?: (q: string) => void;
  onSend?: (q: string) => void;
  /** Forgets one answer, or all (null). */
  onRemove?: (id: string | null) => void;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Questions to the thread: the box with what sending will cost, the answer streaming in, the answers kept. */
export function AskBox({ view, onQuestion, onSend, onRemove, ...cite }: AskBoxProps) {
  const [q, setQ] = useState('');
  // Answered: the box is ready for the next question.
  const latest = view.answers[0];
  useEffect(() => {
    if (latest && latest.question === q.trim()) setQ('');
  }, [latest?.id]);
  const busy = view.status === 'writing';
  const est = view.estimate && view.question === q.trim() ? view.estimate : null;
  if (!onSend && !view.answers.length) return null;
  return (
    <section class="ask" aria-label={t('askLabel')}>
      {onSend && (
        <form
          class="ask-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (q.trim() && !busy) onSend(q.trim());
          }}
        >
          <label class="ask-label" for="ask-input">
            {t('askLabel')}
          </label>
          <div class="ask-row">
            <input
              id="ask-input"
              lang="ja"
              data-testid="ask"
              value={q}
              placeholder={t('askPlaceholder')}
              maxLength={2000}
              onInput={(e) => {
                setQ(e.currentTarget.value);
                onQuestion?.(e.currentTarget.value);
              }}
            />
            <button type="submit" class="primary" data-testid="ask-send" disabled={busy || !q.trim()}>
              {t('askSend')}
            </button>
          </div>
          {est && (
            <p class="hint" data-testid="ask-estimate">
              {t('askEstimate', {
                tokens: fmt(est.promptTokens + est.outputTokens),
                cost: est.costUsd == null ? '' : ` (≈ $${est.costUsd < 0.01 ? est.costUsd.toFixed(4) : est.costUsd.toFixed(2)})`,
                n: fmt(est.comments),
                whole: est.whole ? t('askWhole') : '',
              })}
            </p>
          )}
          {view.status === 'failed' && view.problem && (
            <p class="job-error" role="alert" data-testid="ask-error">
              {t('askFailed', { problem: problemText(view.problem) })}
            </p>
          )}
        </form>
      )}
      {busy && view.writing && (
        <article class="answer" data-testid="answer-writing" aria-live="polite">
          <p class="question">{view.question}</p>
          <p class="hint">{t('askWriting')}</p>
          {view.writing.done.map((p, i) => (
            <CitedText key={i} item={p} {...cite} />
          ))}
          {view.writing.text && <CitedText item={{ text: view.writing.text, cites: [] }} writing {...cite} />}
        </article>
      )}
      {view.answers.map((a) => (
        <article key={a.id} class="answer" data-testid="answer" data-found={a.found ? 'true' : 'false'}>
          <p class="question">
            {a.question}
            {onRemove && (
              <button type="button" class="icon small" aria-label={t('answerRemove')} title={t('answerRemove')} data-testid="answer-remove" onClick={() => onRemove(a.id)}>
                ×
              </button>
            )}
          </p>
          {!a.found && <p class="hint">{t('askNotFound')}</p>}
          {a.answer.map((p, i) => (
            <CitedText key={i} item={p} {...cite} />
          ))}
        </article>
      ))}
      {onRemove && view.answers.length > 1 && (
        <button type="button" class="link" data-testid="answers-clear" onClick={() => onRemove(null)}>
          {t('answersClear')}
        </button>
      )}
    </section>
  );
}

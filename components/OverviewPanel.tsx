import { useState } from 'preact/hooks';
import { problemText, t } from '@/lib/i18n';
import type { OverviewView } from '@/lib/overview/state';
import { CitedText, type CiteProps } from './Citations';

export interface OverviewPanelProps extends CiteProps {
  view: OverviewView;
  /** Writes it (again); absent where no model can (a favourite, no model set yet, too few summaries). */
  onWrite?: () => void;
  /** Copies it as Markdown with footnote links; resolves false when the clipboard refused. */
  onCopy?: () => Promise<boolean>;
}

/** The thread at a glance: where it leans, its key points (each citing its comments), the main disagreement. */
export function OverviewPanel({ view, onWrite, onCopy, ...cite }: OverviewPanelProps) {
  const [copied, setCopied] = useState(false);
  const e = view.entry;
  const writing = view.status === 'writing' ? view.writing : null;
  if (!e && !writing && view.status !== 'failed') {
    return onWrite ? (
      <button type="button" class="overview-write" data-testid="overview-write" onClick={onWrite}>
        {t('overviewWrite')}
      </button>
    ) : null;
  }
  return (
    <section class="overview" data-testid="overview" data-status={view.status} aria-labelledby="overview-title">
      <h2 id="overview-title">
        {t('overview')}
        {e && !writing && <span class="hint"> · {t('overviewFrom', { n: e.from })}</span>}
      </h2>
      {writing ? (
        <>
          <p class="hint" role="status">
            {t('overviewWriting')}
          </p>
          <ol class="points">
            {writing.done.map((p, i) => (
              <li key={i} data-testid="overview-point">
                <CitedText item={p} {...cite} />
              </li>
            ))}
            {writing.text && (
              <li>
                <CitedText item={{ text: writing.text, cites: [] }} writing {...cite} />
              </li>
            )}
          </ol>
        </>
      ) : (
        e && (
          <>
            {e.mood && (
              <p class="mood" lang="ja" data-testid="overview-mood">
                {t('overviewMood', { text: e.mood })}
              </p>
            )}
            <ol class="points">
              {e.points.map((p, i) => (
                <li key={i} data-testid="overview-point">
                  <CitedText item={p} {...cite} />
                </li>
              ))}
            </ol>
            {e.disagreement && (
              <p class="mood" lang="ja" data-testid="overview-disagreement">
                {t('overviewSplit', { text: e.disagreement })}
              </p>
            )}
          </>
        )
      )}
      {view.status === 'failed' && view.problem && (
        <p class="job-error" role="alert" data-testid="overview-error">
          {t('overviewFailed', { problem: problemText(view.problem) })}
        </p>
      )}
      {view.stale && !writing && (
        <p class="hint" data-testid="overview-stale">
          {t('overviewStale')}
        </p>
      )}
      {!writing && (
        <div class="overview-tools">
          {onWrite && (view.stale || view.status === 'failed') && (
            <button type="button" class="small" data-testid="overview-rewrite" onClick={onWrite}>
              {t('overviewRewrite')}
            </button>
          )}
          {e && onCopy && (
            <button type="button" class="small" data-testid="overview-copy" onClick={() => void onCopy().then(setCopied)}>
              {copied ? t('copied') : t('overviewCopy')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

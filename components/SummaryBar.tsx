import { modelName, problemText, t } from '@/lib/i18n';
import type { Problem, ProblemCode } from '@/lib/messages/problem';
import type { JobState } from '@/lib/summarize/card';
import { useNow } from './use-now';

export interface SummaryBarProps {
  job: JobState;
  /** Comments not summarised yet. */
  pending: number;
  connected: boolean;
  onStart: (confirmed: boolean) => void;
  onCancel: () => void;
  onSettings: () => void;
  /** Summaries written by another model or an earlier prompt (shown all the same). */
  stale?: number;
  /** The model a re-run would use. */
  model?: string | null;
  /** Re-runs exactly those, on the user's word. */
  onResummarise?: () => void;
  /** Cards that failed, by problem (the job's own stop left out: it is said once, above them). */
  failures?: { problem: Problem; ids: number[] }[];
  onRetry?: (ids: number[]) => void;
}

/** Problems the user fixes in Settings. */
const SETTINGS_FIXES: ProblemCode[] = ['no-key', 'key-refused', 'quota-exceeded', 'model-missing', 'builtin-missing', 'builtin-not-ready', 'unreachable'];

const fmt = (n: number) => n.toLocaleString('en-US');
const usd = (c: number | null) => (c == null ? '' : ` (≈ $${c < 0.01 ? c.toFixed(4) : c.toFixed(2)})`);
const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Start, progress, the big-job confirmation, and why a job stopped. */
export function SummaryBar({ job, pending, connected, onStart, onCancel, onSettings, stale = 0, model, onResummarise, failures = [], onRetry }: SummaryBarProps) {
  // Waits count down on screen, a second at a time.
  const now = useNow(job.waiting != null);
  const secondsLeft = (until: number) => Math.max(1, Math.ceil((until - now) / 1000));
  const stoppedFor = job.status === 'stopped' ? job.problem : null;
  const fixInSettings = !!stoppedFor && SETTINGS_FIXES.includes(stoppedFor.code);
  if (job.status === 'confirm' && job.estimate) {
    const e = job.estimate;
    return (
      <section class="bar confirm" role="alertdialog" aria-labelledby="confirm-title">
        <p id="confirm-title">
          {t(e.mode === 'editor' ? 'confirmScore' : 'confirm', {
            n: fmt(e.comments),
            k: fmt(e.picks),
            prompt: fmt(e.promptTokens),
            output: fmt(e.outputTokens),
            cost: usd(e.costUsd),
          })}
        </p>
        {/* What the other way of working would cost, for the choice (Settings switches it). */}
        {e.other && (
          <p class="hint" data-testid="confirm-other">
            {t(e.mode === 'editor' ? 'confirmFull' : 'confirmEditor', { prompt: fmt(e.other.promptTokens), output: fmt(e.other.outputTokens), cost: usd(e.other.costUsd) })}
          </p>
        )}
        <button type="button" class="primary" data-testid="confirm-start" onClick={() => onStart(true)}>
          {t('confirmGo')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('notNow')}
        </button>
      </section>
    );
  }
  const running = job.status === 'running';
  const tokens = `${job.usage.estimated ? '≈' : ''}${fmt(job.usage.prompt + job.usage.completion)}`;
  const finished = job.done + job.failed;
  const pct = (n: number) => (job.total ? (100 * n) / job.total : 0);
  return (
    <section class="bar">
      {running ? (
        <>
          <div class="progress" data-testid="progress" role="progressbar" aria-valuemin={0} aria-valuemax={job.total} aria-valuenow={finished} data-done={job.done} data-failed={job.failed}>
            <div class="progress-fill" style={{ width: `${pct(job.done)}%` }} />
            {/* Editor mode: the scores, a lighter fill after the Japanese. */}
            {job.scored > 0 && <div class="progress-scored" style={{ left: `${pct(job.done)}%`, width: `${pct(job.scored)}%` }} />}
            <div class="progress-failed" style={{ left: `${pct(job.done)}%`, width: `${pct(job.failed)}%` }} />
            <span class="progress-text">
              {t('progress', { done: fmt(job.done), total: fmt(job.total), failed: (job.failed ? t('failedPart', { n: job.failed }) : '') + (job.scored ? t('scoredPart', { n: fmt(job.scored) }) : ''), tokens })}
            </span>
          </div>
          {job.waiting && (
            <p class="waiting" data-testid="waiting" role="status">
              {t(job.waiting.kind === 'rate-limit' ? 'waiting' : 'outageWaiting', { s: secondsLeft(job.waiting.until), since: clock(job.waiting.since) })}
            </p>
          )}
          <button type="button" onClick={onCancel} data-testid="cancel">
            {t('cancel')}
          </button>
        </>
      ) : (
        pending > 0 && (
          <button type="button" class="primary" data-testid="summarize" disabled={!connected} onClick={() => onStart(false)}>
            {job.scored ? t('writeRest', { n: fmt(pending) }) : job.done ? t('summariseRest', { n: fmt(pending) }) : t('summarise', { n: fmt(pending) })}
          </button>
        )
      )}
      {job.status === 'done' && pending > 0 && job.scored > 0 && (
        <p class="done" data-testid="progress">
          {t('editorDone', { done: fmt(job.done), scored: fmt(job.scored), tokens: job.usage.requests ? t('tokensPart', { n: tokens }) : t('fromCache') })}
        </p>
      )}
      {job.status === 'done' && !pending && (
        <p class="done" data-testid="progress">
          {t('allDone', { n: fmt(job.done), tokens: job.usage.requests ? t('tokensPart', { n: tokens }) : t('fromCache') })}
        </p>
      )}
      {!running && stale > 0 && (
        <p class="notice" data-testid="stale-bar">
          {t('staleBar', { n: fmt(stale) })}
          {model && onResummarise && (
            <>
              {' '}
              <button type="button" class="link" data-testid="resummarise-all" onClick={onResummarise}>
                {t('resummariseAll', { n: fmt(stale), model: modelName(model) })}
              </button>
            </>
          )}
        </p>
      )}
      {job.status === 'stopped' && job.waiting?.kind === 'reconnect' && (
        <p class="waiting" data-testid="reconnecting" role="status">
          {t('reconnecting', { s: secondsLeft(job.waiting.until) })}
        </p>
      )}
      {(job.status === 'stopped' || job.status === 'cancelled') && job.problem && (
        <p class={job.status === 'stopped' ? 'job-error' : 'notice'} data-testid={job.status === 'stopped' ? 'error' : 'cancelled'} role={job.status === 'stopped' ? 'alert' : 'status'}>
          {problemText(job.problem)}{' '}
          {/* Settings when the fix is there; otherwise Summarise the remaining, just above, is the retry. */}
          {fixInSettings && (
            <button type="button" class="link" data-testid="fix-settings" onClick={onSettings}>
              {t('openSettings')}
            </button>
          )}
        </p>
      )}
      {failures.map((f) => (
        <p class="failed-group" data-testid="failed-group" data-problem={f.problem.code} role="status">
          {t('failedGroup', { n: fmt(f.ids.length), problem: problemText(f.problem) })}{' '}
          {onRetry && !running && (
            <button type="button" class="link" data-testid="retry-failed" onClick={() => onRetry(f.ids)}>
              {t('retryThem')}
            </button>
          )}
        </p>
      ))}
    </section>
  );
}

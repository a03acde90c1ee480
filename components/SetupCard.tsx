import { useState } from 'preact/hooks';
import { t, testResultText } from '@/lib/i18n';
import type { KeyStatus, TestResult } from '@/lib/messages/settings';
import type { Settings } from '@/lib/settings';
import { AccessNote, type Access } from './AccessNote';
import { BuiltInStatusLine, type BuiltIn } from './BuiltInStatus';
import { EndpointFields } from './EndpointFields';

export interface SetupCardProps {
  settings: Settings;
  keyStatus: KeyStatus;
  builtIn: BuiltIn;
  models: string[];
  onConnect: (patch: Settings, key: string | null) => Promise<{ result: TestResult; access: Access | null }>;
  onUseBuiltIn: () => void;
  onDownloadBuiltIn: () => void;
  onSettings: () => void;
}

/**
 * First contact: until a model is usable, this stands where *Summarise* would. A provider (or the built-in model), a
 * key where one is needed, and one click that saves and tests the connection; the thread stays below.
 */
export function SetupCard(p: SetupCardProps) {
  const [draft, setDraft] = useState<Settings>({ ...p.settings, provider: 'openai' });
  const [key, setKey] = useState('');
  const [result, setResult] = useState<TestResult | null>(null);
  const [access, setAccess] = useState<Access | null>(null);
  const [busy, setBusy] = useState(false);
  const connect = async () => {
    setBusy(true);
    try {
      const r = await p.onConnect(draft, key || null);
      setResult(r.result);
      setAccess(r.access);
    } finally {
      setBusy(false);
    }
  };
  const builtInThere = p.builtIn.status !== 'unavailable' && p.builtIn.status !== 'checking';
  return (
    <section class="setup" data-testid="setup" aria-labelledby="setup-title">
      <h2 id="setup-title">{t('setupTitle')}</h2>
      <p class="hint">{t('setupBody')}</p>
      {builtInThere && (
        <div class="setup-builtin">
          <BuiltInStatusLine builtIn={p.builtIn} onDownload={p.onDownloadBuiltIn} />
          {p.builtIn.status === 'available' && (
            <button type="button" data-testid="use-builtin" onClick={p.onUseBuiltIn}>
              {t('useBuiltIn')}
            </button>
          )}
        </div>
      )}
      <form
        class="setup-form"
        onSubmit={(e) => {
          e.preventDefault();
          void connect();
        }}
      >
        <EndpointFields draft={draft} onDraft={setDraft} apiKey={key} onKey={setKey} keyStatus={p.keyStatus} models={p.models} compact />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy} data-testid="connect">
            {busy ? t('s_checking') : t('connect')}
          </button>
          <button type="button" class="link" onClick={p.onSettings}>
            {t('moreSettings')}
          </button>
        </div>
      </form>
      {result && (
        <p class={result.ok ? 'ok-note' : 'job-error'} role={result.ok ? 'status' : 'alert'} data-testid="setup-result">
          {testResultText(result)}
        </p>
      )}
      <AccessNote access={access} />
    </section>
  );
}

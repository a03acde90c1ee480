import { useEffect, useRef, useState } from 'preact/hooks';
import type { KeyStatus, TestResult } from '@/lib/messages/settings';
import { t, testResultText } from '@/lib/i18n';
import { EffortSetting } from '@/lib/endpoint/models';
import type { Settings } from '@/lib/settings';
import { AccessNote, type Access } from './AccessNote';
import { BuiltInStatusLine, type BuiltIn } from './BuiltInStatus';
import { EndpointFields } from './EndpointFields';

export interface SettingsViewProps {
  settings: Settings;
  keyStatus: KeyStatus;
  builtIn: BuiltIn;
  models: string[];
  /** Saves; `key` only when the user typed a new one. Resolves once saved, with the browser's access prompt to follow. */
  onSave: (patch: Settings, key: string | null) => Promise<Access | null>;
  /** Saves, then tests the endpoint the way the jobs will use it. */
  onConnect: (patch: Settings, key: string | null) => Promise<{ result: TestResult; access: Access | null }>;
  onDownloadBuiltIn: () => void;
  onClose: () => void;
}

const num = (v: string) => (v.trim() === '' ? null : Number(v));

/** Model endpoint, key and job settings. The key goes straight to the background and is never shown again. */
export function SettingsView(p: SettingsViewProps) {
  const [draft, setDraft] = useState<Settings>(p.settings);
  const [key, setKey] = useState('');
  const [saved, setSaved] = useState<{ text: string; ok: boolean } | null>(null);
  const [tested, setTested] = useState<TestResult | null>(null);
  const [access, setAccess] = useState<Access | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const testResult = useRef<HTMLParagraphElement>(null);
  // The result is shown where the button is, and brought into view.
  useEffect(() => testResult.current?.scrollIntoView({ block: 'nearest' }), [tested]);
  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    try {
      await task();
    } catch (err) {
      setSaved({ text: (err as Error).message, ok: false });
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      setAccess(await p.onSave(draft, key || null));
      setSaved({ text: t('s_savedOk'), ok: true });
    });
  const test = () =>
    run(async () => {
      const { result, access: a } = await p.onConnect(draft, key || null);
      setAccess(a);
      setTested(result);
      if (result.ok) set('model', result.model);
    });

  return (
    <form
      class="settings"
      data-testid="settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{t('settings')}</h2>
      <fieldset>
        <legend>{t('s_model')}</legend>
        <label class="check">
          <input type="radio" name="provider" checked={draft.provider === 'openai'} onChange={() => set('provider', 'openai')} /> {t('s_openai')}
        </label>
        <label class="check">
          <input type="radio" name="provider" checked={draft.provider === 'chrome-ai'} disabled={p.builtIn.status === 'unavailable'} onChange={() => set('provider', 'chrome-ai')} />{' '}
          {t('s_builtin')}
        </label>
        <BuiltInStatusLine builtIn={p.builtIn} onDownload={p.onDownloadBuiltIn} />
      </fieldset>
      {draft.provider === 'openai' && (
        <fieldset>
          <legend>{t('s_endpoint')}</legend>
          <EndpointFields draft={draft} onDraft={setDraft} apiKey={key} onKey={setKey} keyStatus={p.keyStatus} models={p.models} />
          <div class="actions">
            <button type="button" disabled={busy} data-testid="test-connection" onClick={() => void test()}>
              {t('s_test')}
            </button>
          </div>
          {tested && (
            <p ref={testResult} class={tested.ok ? 'ok-note' : 'job-error'} role={tested.ok ? 'status' : 'alert'} data-testid="test-result">
              {testResultText(tested)}
            </p>
          )}
          <AccessNote access={access} />
        </fieldset>
      )}
      {draft.provider === 'openai' && (
        <fieldset>
          <legend>{t('s_advanced')}</legend>
          <label>
            {t('s_effort')} <span class="hint">{t('s_effortHint')}</span>
            <select value={draft.reasoningEffort} data-testid="effort" onChange={(e) => set('reasoningEffort', e.currentTarget.value as Settings['reasoningEffort'])}>
              {EffortSetting.options.map((v) => (
                <option key={v} value={v}>
                  {v === 'auto' ? t('s_effortAuto') : v === 'off' ? t('s_effortOff') : v}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('s_temperature')} <span class="hint">{t('s_temperatureHint')}</span>
            <input type="number" min="0" max="2" step="0.1" value={draft.temperature ?? ''} onInput={(e) => set('temperature', num(e.currentTarget.value))} />
          </label>
          <label>
            {t('s_context')} <span class="hint">{t('s_contextHint')}</span>
            <input type="number" min="1024" step="1024" value={draft.contextWindow ?? ''} data-testid="context-window" onInput={(e) => set('contextWindow', num(e.currentTarget.value))} />
          </label>
          <label>
            {t('s_firstToken')}
            <input type="number" min="1" max="900" value={Math.round(draft.firstTokenMs / 1000)} onInput={(e) => set('firstTokenMs', (Number(e.currentTarget.value) || 180) * 1000)} />
          </label>
        </fieldset>
      )}
      <fieldset>
        <legend>{t('s_jobs')}</legend>
        <label>
          {t('s_concurrency')}
          <input type="number" min="1" max="16" value={draft.concurrency} onInput={(e) => set('concurrency', Number(e.currentTarget.value) || 1)} />
        </label>
        <label>
          {t('workMode')}
          <select value={draft.workMode} data-testid="work-mode" onChange={(e) => set('workMode', e.currentTarget.value as Settings['workMode'])}>
            <option value="full">{t('workModeFull')}</option>
            <option value="editor">{t('workModeEditor')}</option>
          </select>
        </label>
        <label>
          {t('s_digestSize')}
          <input type="number" min="1" max="1000" value={draft.digestSize} onInput={(e) => set('digestSize', Number(e.currentTarget.value) || 80)} />
        </label>
        <label>
          {t('s_confirmOver')}
          <input type="number" min="0" value={draft.confirmOver} onInput={(e) => set('confirmOver', Number(e.currentTarget.value) || 0)} />
        </label>
        <label>
          {t('s_price')}
          <span class="pair">
            <input type="number" min="0" step="0.01" value={draft.priceInPerM ?? ''} onInput={(e) => set('priceInPerM', num(e.currentTarget.value))} />
            <input type="number" min="0" step="0.01" value={draft.priceOutPerM ?? ''} onInput={(e) => set('priceOutPerM', num(e.currentTarget.value))} />
          </span>
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('export')}</legend>
        <label>
          {t('s_sectionSize')}
          <input type="number" min="1" max="1000" value={draft.sectionSize} onInput={(e) => set('sectionSize', Number(e.currentTarget.value) || 20)} />
        </label>
        <label class="check">
          <input type="checkbox" checked={draft.months} data-testid="months" onChange={(e) => set('months', e.currentTarget.checked)} /> {t('s_months')}
        </label>
        <label class="check">
          <input type="checkbox" checked={draft.exportOverview} data-testid="export-overview" onChange={(e) => set('exportOverview', e.currentTarget.checked)} /> {t('s_exportOverview')}
        </label>
        <label>
          {t('s_featureImages')}
          <input value={draft.featureImages.join(', ')} onChange={(e) => set('featureImages', e.currentTarget.value.split(',').map((x) => x.trim()).filter(Boolean))} />
        </label>
      </fieldset>
      <label class="lang">
        {t('language')}
        <select value={draft.lang} data-testid="lang" onChange={(e) => set('lang', e.currentTarget.value as Settings['lang'])}>
          <option value="auto">{t('langAuto')}</option>
          <option value="ja">日本語</option>
          <option value="en">English</option>
        </select>
      </label>
      <div class="actions sticky-actions">
        <button type="submit" class="primary" disabled={busy} data-testid="save-settings">
          {t('s_save')}
        </button>
        <button type="button" onClick={p.onClose}>
          {t('close')}
        </button>
        {saved && (
          <span class={saved.ok ? 'ok-text' : 'error-text'} role={saved.ok ? 'status' : 'alert'} data-testid="settings-message">
            {saved.text}
          </span>
        )}
      </div>
    </form>
  );
}

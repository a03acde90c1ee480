import { useState } from 'preact/hooks';
import type { KeyStatus, TestResult } from '@/lib/messages/settings';
import { t, testResultText } from '@/lib/i18n';
import { EffortSetting } from '@/lib/endpoint/models';
import { PRESETS, PresetId } from '@/lib/endpoint/presets';
import type { Settings } from '@/lib/settings';

export type BuiltInStatus = 'unavailable' | 'downloadable' | 'downloading' | 'available' | 'checking';

export interface SettingsViewProps {
  settings: Settings;
  keyStatus: KeyStatus;
  builtIn: { status: BuiltInStatus; progress: number | null };
  models: string[];
  /** Saves; `key` only when the user typed a new one. Resolves once saved, with the browser's answer on access to come. */
  onSave: (patch: Partial<Settings>, key: string | null) => Promise<{ origin: string | null; access: Promise<boolean> | null }>;
  onTest: () => Promise<TestResult>;
  onDownloadBuiltIn: () => void;
  onClose: () => void;
}

const builtInText = (): Record<BuiltInStatus, string> => ({
  checking: t('s_checking'),
  unavailable: t('s_unavailable'),
  downloadable: t('s_downloadable'),
  downloading: t('s_downloading'),
  available: t('s_available'),
});

const num = (v: string) => (v.trim() === '' ? null : Number(v));

/** A preset chosen: its base URL, model and prices (a custom endpoint keeps what was typed). */
function withPreset(d: Settings, id: PresetId): Settings {
  if (id === 'custom') return { ...d, preset: id };
  const p = PRESETS[id];
  return { ...d, preset: id, baseUrl: p.baseUrl, model: p.model, priceInPerM: p.price?.[0] ?? null, priceOutPerM: p.price?.[1] ?? null };
}

/** Model endpoint, key and job settings. The key goes straight to the background and is never shown again. */
export function SettingsView(p: SettingsViewProps) {
  const [draft, setDraft] = useState<Settings>(p.settings);
  const [key, setKey] = useState('');
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const preset = PRESETS[draft.preset];
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const run = async (task: () => Promise<{ text: string; ok: boolean }>) => {
    setBusy(true);
    try {
      setMessage(await task());
    } catch (err) {
      setMessage({ text: (err as Error).message, ok: false });
    } finally {
      setBusy(false);
    }
  };
  const [access, setAccess] = useState<{ text: string; ok: boolean } | null>(null);
  /** Saves, and follows the browser's permission prompt for the endpoint's origin, which the user may keep open. */
  const saveNow = async (patch: Settings) => {
    const { origin, access: asking } = await p.onSave(patch, key ? key : null);
    if (!asking || !origin) return setAccess(null);
    const decided = await Promise.race([asking, new Promise<null>((r) => setTimeout(() => r(null), 300))]);
    if (decided == null) {
      setAccess({ text: t('s_asking', { origin }), ok: true });
      void asking.then((granted) => setAccess(granted ? { text: t('s_granted', { origin }), ok: true } : { text: t('s_noPermission', { origin }), ok: false }));
    } else setAccess(decided ? null : { text: t('s_noPermission', { origin }), ok: false });
  };
  const save = () =>
    run(async () => {
      await saveNow(draft);
      return { text: t('s_savedOk'), ok: true };
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
        <label>
          <input type="radio" name="provider" checked={draft.provider === 'openai'} onChange={() => set('provider', 'openai')} /> {t('s_openai')}
        </label>
        <label>
          <input type="radio" name="provider" checked={draft.provider === 'chrome-ai'} disabled={p.builtIn.status === 'unavailable'} onChange={() => set('provider', 'chrome-ai')} />{' '}
          {t('s_builtin')}
        </label>
        <p class="hint" data-testid="builtin-status">
          {t('s_builtinStatus')} {builtInText()[p.builtIn.status]}
          {p.builtIn.progress != null && ` ${Math.round(p.builtIn.progress * 100)}%`}
          {p.builtIn.status === 'downloadable' && (
            <>
              {' '}
              <button type="button" onClick={p.onDownloadBuiltIn}>
                {t('s_download')}
              </button>
            </>
          )}
        </p>
      </fieldset>
      {draft.provider === 'openai' && (
        <fieldset>
          <legend>{t('s_endpoint')}</legend>
          <label>
            {t('s_preset')}
            <select value={draft.preset} data-testid="preset" onChange={(e) => setDraft((d) => withPreset(d, e.currentTarget.value as PresetId))}>
              {PresetId.options.map((id) => (
                <option key={id} value={id}>
                  {id === 'custom' ? t('s_custom') : PRESETS[id].label}
                </option>
              ))}
            </select>
          </label>
          {preset.keyUrl && (
            <p class="hint">
              <a href={preset.keyUrl} target="_blank" rel="noreferrer noopener" data-testid="key-link">
                {preset.needsKey ? t('s_getKey', { name: preset.label }) : t('s_getServer', { name: preset.label })}
              </a>
            </p>
          )}
          <label>
            {t('s_baseUrl')}
            <input type="url" required value={draft.baseUrl} data-testid="base-url" onInput={(e) => set('baseUrl', e.currentTarget.value)} />
          </label>
          {draft.preset === 'custom' && <p class="hint">{t('s_baseUrlHint')}</p>}
          <label>
            {t('s_apiKey')} {p.keyStatus.set && <span class="hint">({t('s_saved', { hint: p.keyStatus.hint ?? '' })})</span>}
            <input type="password" autocomplete="off" value={key} placeholder={p.keyStatus.set ? t('s_keepKey') : preset.needsKey ? 'sk-…' : t('s_noKeyNeeded')} data-testid="api-key" onInput={(e) => setKey(e.currentTarget.value)} />
          </label>
          <label>
            {t('s_modelName')}
            <input list="models" value={draft.model} placeholder={t('s_modelFirstListed')} data-testid="model" onInput={(e) => set('model', e.currentTarget.value)} />
            <datalist id="models">
              {p.models.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </label>
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
          {preset.localContext && <p class="hint">{t(preset.localContext.api === 'ollama' ? 's_ollamaContext' : 's_lmstudioContext')}</p>}
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
        <label>
          <span>
            <input type="checkbox" checked={draft.months} onChange={(e) => set('months', e.currentTarget.checked)} /> {t('s_months')}
          </span>
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
      <div class="actions">
        <button type="submit" class="primary" disabled={busy} data-testid="save-settings">
          {t('s_save')}
        </button>
        {draft.provider === 'openai' && (
          <button type="button" disabled={busy} data-testid="test-connection" onClick={() =>
              run(async () => {
                // The test uses what is saved: save first.
                await saveNow(draft);
                const r = await p.onTest();
                if (r.ok && r.model !== draft.model) {
                  // No model was set (or it was written with Gemini's `models/`): the one that answered is kept.
                  set('model', r.model);
                  await p.onSave({ ...draft, model: r.model }, null);
                }
                return { text: testResultText(r), ok: r.ok };
              })
            }
          >
            {t('s_test')}
          </button>
        )}
        <button type="button" onClick={p.onClose}>
          {t('close')}
        </button>
      </div>
      {access && (
        <p class={access.ok ? 'notice' : 'job-error'} role="status" data-testid="access-status">
          {access.text}
        </p>
      )}
      {message && (
        <p class={message.ok ? 'notice' : 'job-error'} role={message.ok ? 'status' : 'alert'} data-testid="settings-message">
          {message.text}
        </p>
      )}
    </form>
  );
}

import { t } from '@/lib/i18n';
import type { KeyStatus } from '@/lib/messages/settings';
import { PRESETS, PresetId } from '@/lib/endpoint/presets';
import type { Settings } from '@/lib/settings';

export interface EndpointFieldsProps {
  draft: Settings;
  onDraft: (d: Settings) => void;
  apiKey: string;
  onKey: (key: string) => void;
  keyStatus: KeyStatus;
  models: readonly string[];
  /** The first-contact card: the base URL only where the user must give it (a local server, a custom endpoint). */
  compact?: boolean;
}

/** A preset chosen: its base URL, model and prices (a custom endpoint keeps what was typed). */
export function withPreset(d: Settings, id: PresetId): Settings {
  if (id === 'custom') return { ...d, preset: id };
  const p = PRESETS[id];
  return { ...d, preset: id, baseUrl: p.baseUrl, model: p.model, priceInPerM: p.price?.[0] ?? null, priceOutPerM: p.price?.[1] ?? null };
}

/** Which endpoint: the provider preset, where to get its key, the base URL, the key, the model. */
export function EndpointFields({ draft, onDraft, apiKey, onKey, keyStatus, models, compact }: EndpointFieldsProps) {
  const preset = PRESETS[draft.preset];
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => onDraft({ ...draft, [k]: v });
  const showUrl = !compact || draft.preset === 'custom' || !!preset.localContext;
  return (
    <>
      <label>
        {t('s_preset')}
        <select value={draft.preset} data-testid="preset" onChange={(e) => onDraft(withPreset(draft, e.currentTarget.value as PresetId))}>
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
      {showUrl && (
        <label>
          {t('s_baseUrl')}
          <input type="url" required value={draft.baseUrl} data-testid="base-url" onInput={(e) => set('baseUrl', e.currentTarget.value)} />
        </label>
      )}
      {showUrl && draft.preset === 'custom' && <p class="hint">{t('s_baseUrlHint')}</p>}
      {(preset.needsKey || !compact || draft.preset === 'custom') && (
        <label>
          {t('s_apiKey')} {keyStatus.set && <span class="hint">({t('s_saved', { hint: keyStatus.hint ?? '' })})</span>}
          <input
            type="password"
            autocomplete="off"
            value={apiKey}
            placeholder={keyStatus.set ? t('s_keepKey') : preset.needsKey ? 'sk-…' : t('s_noKeyNeeded')}
            data-testid="api-key"
            onInput={(e) => onKey(e.currentTarget.value)}
          />
        </label>
      )}
      <label>
        {t('s_modelName')}
        <input list="models" value={draft.model} placeholder={t('s_modelFirstListed')} data-testid="model" onInput={(e) => set('model', e.currentTarget.value)} />
        <datalist id="models">
          {models.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </label>
      {preset.localContext && <p class="hint">{t(preset.localContext.api === 'ollama' ? 's_ollamaContext' : 's_lmstudioContext')}</p>}
    </>
  );
}

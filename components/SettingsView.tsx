import { useState } from 'preact/hooks';
import type { KeyStatus, TestResult } from '@/lib/messages/settings';
import type { Settings } from '@/lib/storage/settings';

export type BuiltInStatus = 'unavailable' | 'downloadable' | 'downloading' | 'available' | 'checking';

export interface SettingsViewProps {
  settings: Settings;
  keyStatus: KeyStatus;
  builtIn: { status: BuiltInStatus; progress: number | null };
  models: string[];
  /** Saves; `key` only when the user typed a new one. Resolves to a message for the user. */
  onSave: (patch: Partial<Settings>, key: string | null) => Promise<string>;
  onTest: () => Promise<TestResult>;
  onDownloadBuiltIn: () => void;
  onClose: () => void;
}

const BUILT_IN_TEXT: Record<BuiltInStatus, string> = {
  checking: 'Checking…',
  unavailable: "Not available in this browser (it needs Chrome 138 or later with the on-device model; Firefox has none). Use an endpoint.",
  downloadable: 'Available after a one-time download.',
  downloading: 'Downloading…',
  available: 'Ready. No key needed; nothing leaves this computer.',
};

const num = (v: string) => (v.trim() === '' ? null : Number(v));

/** Model endpoint, key and job settings. The key goes straight to the background and is never shown again. */
export function SettingsView(p: SettingsViewProps) {
  const [draft, setDraft] = useState<Settings>(p.settings);
  const [key, setKey] = useState('');
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
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
  const save = () => run(async () => ({ text: await p.onSave(draft, key ? key : null), ok: true }));

  return (
    <form
      class="settings"
      data-testid="settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>Settings</h2>
      <fieldset>
        <legend>Model</legend>
        <label>
          <input type="radio" name="provider" checked={draft.provider === 'openai'} onChange={() => set('provider', 'openai')} /> OpenAI-compatible endpoint
        </label>
        <label>
          <input type="radio" name="provider" checked={draft.provider === 'chrome-ai'} disabled={p.builtIn.status === 'unavailable'} onChange={() => set('provider', 'chrome-ai')} />{' '}
          Chrome's built-in model
        </label>
        <p class="hint" data-testid="builtin-status">
          Built-in model: {BUILT_IN_TEXT[p.builtIn.status]}
          {p.builtIn.progress != null && ` ${Math.round(p.builtIn.progress * 100)}%`}
          {p.builtIn.status === 'downloadable' && (
            <>
              {' '}
              <button type="button" onClick={p.onDownloadBuiltIn}>
                Download
              </button>
            </>
          )}
        </p>
      </fieldset>
      {draft.provider === 'openai' && (
        <fieldset>
          <legend>Endpoint</legend>
          <label>
            Base URL
            <input type="url" required value={draft.baseUrl} data-testid="base-url" onInput={(e) => set('baseUrl', e.currentTarget.value)} />
          </label>
          <p class="hint">OpenAI, or e.g. https://openrouter.ai/api/v1, http://localhost:11434/v1 (Ollama), http://localhost:1234/v1 (LM Studio).</p>
          <label>
            API key {p.keyStatus.set && <span class="hint">(saved: {p.keyStatus.hint})</span>}
            <input type="password" autocomplete="off" value={key} placeholder={p.keyStatus.set ? 'Leave empty to keep the saved key' : 'sk-…'} data-testid="api-key" onInput={(e) => setKey(e.currentTarget.value)} />
          </label>
          <label>
            Model
            <input list="models" required value={draft.model} data-testid="model" onInput={(e) => set('model', e.currentTarget.value)} />
            <datalist id="models">
              {p.models.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </label>
          <label>
            Temperature <span class="hint">(empty: not sent, as some models require)</span>
            <input type="number" min="0" max="2" step="0.1" value={draft.temperature ?? ''} onInput={(e) => set('temperature', num(e.currentTarget.value))} />
          </label>
        </fieldset>
      )}
      <fieldset>
        <legend>Jobs</legend>
        <label>
          Requests at once
          <input type="number" min="1" max="16" value={draft.concurrency} onInput={(e) => set('concurrency', Number(e.currentTarget.value) || 1)} />
        </label>
        <label>
          Digest size (comments pre-selected)
          <input type="number" min="1" max="1000" value={draft.digestSize} onInput={(e) => set('digestSize', Number(e.currentTarget.value) || 60)} />
        </label>
        <label>
          Ask first above (comments)
          <input type="number" min="0" value={draft.confirmOver} onInput={(e) => set('confirmOver', Number(e.currentTarget.value) || 0)} />
        </label>
        <label>
          Price per million tokens, in / out (USD)
          <span class="pair">
            <input type="number" min="0" step="0.01" value={draft.priceInPerM ?? ''} onInput={(e) => set('priceInPerM', num(e.currentTarget.value))} />
            <input type="number" min="0" step="0.01" value={draft.priceOutPerM ?? ''} onInput={(e) => set('priceOutPerM', num(e.currentTarget.value))} />
          </span>
        </label>
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy} data-testid="save-settings">
          Save
        </button>
        {draft.provider === 'openai' && (
          <button type="button" disabled={busy} data-testid="test-connection" onClick={() =>
              run(async () => {
                // The test uses what is saved: save first.
                await p.onSave(draft, key ? key : null);
                const r = await p.onTest();
                return { text: r.message, ok: r.ok };
              })
            }
          >
            Test connection
          </button>
        )}
        <button type="button" onClick={p.onClose}>
          Close
        </button>
      </div>
      {message && (
        <p class={message.ok ? 'notice' : 'job-error'} role={message.ok ? 'status' : 'alert'} data-testid="settings-message">
          {message.text}
        </p>
      )}
    </form>
  );
}

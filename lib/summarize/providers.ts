import { presetOf } from '../endpoint/presets';
import { problem } from '../messages/problem';
import type { Settings } from '../settings';
import { loadProfile, saveProfile } from '../storage/endpoints';
import { builtInModel } from './built-in';
import { chromeAIProvider } from './chrome-ai';
import { openAIProvider } from './openai-provider';
import { ProviderError, type Provider } from './provider';

/** The model name that cache keys use for these settings. */
export const modelOf = (s: Settings) => (s.provider === 'chrome-ai' ? 'chrome-built-in' : `${s.model}@${s.baseUrl}`);

/** The endpoint settings as `ChatEndpoint` takes them (the key and what was learned of the endpoint come apart). */
export function chatConfig(s: Settings, apiKey: string) {
  return {
    baseURL: s.baseUrl,
    apiKey,
    model: s.model,
    preset: presetOf(s.baseUrl, s.preset),
    temperature: s.temperature,
    effort: s.reasoningEffort,
    timeoutMs: s.timeoutMs,
    firstTokenMs: s.firstTokenMs,
    stallMs: s.stallMs,
    maxRetries: s.maxRetries,
    contextWindow: s.contextWindow,
  };
}

/** The provider the settings choose. A provider that cannot start fails its job with a problem, not silently. */
export async function makeProvider(s: Settings, apiKey: string, hooks: { onRateLimit: (ms: number) => void }): Promise<Provider> {
  if (s.provider === 'chrome-ai') {
    const api = builtInModel();
    if (!api) return failing(new ProviderError('not-found', problem('builtin-missing')));
    return chromeAIProvider(api).catch((err: unknown) => failing(err instanceof ProviderError ? err : new ProviderError('not-found', problem('builtin-failed', { detail: String(err) }))));
  }
  const cfg = chatConfig(s, apiKey);
  if (cfg.preset.needsKey && !apiKey) return failing(new ProviderError('auth', problem('no-key', { preset: cfg.preset.label })));
  if (!s.model) return failing(new ProviderError('not-found', problem('no-model')));
  return openAIProvider({
    ...cfg,
    profile: await loadProfile(s.baseUrl, s.model),
    remember: (p, model) => void saveProfile(s.baseUrl, model, p),
    onRateLimit: hooks.onRateLimit,
  });
}

function failing(err: ProviderError): Provider {
  return {
    model: 'none',
    confirmed: true,
    ready: Promise.resolve(),
    summarize: () => Promise.reject(err),
    probe: async () => false,
    describe: () => Promise.reject(err),
    write: () => Promise.reject(err),
  };
}

import type { Settings } from '../settings';
import { builtInModel } from './built-in';
import { chromeAIProvider } from './chrome-ai';
import { openAIProvider } from './openai-provider';
import { ProviderError, type Provider } from './provider';

/** The model name that cache keys use for these settings. */
export const modelOf = (s: Settings) => (s.provider === 'chrome-ai' ? 'chrome-built-in' : `${s.model}@${s.baseUrl}`);

/** The provider the settings choose. A provider that cannot start fails its job with a message, not silently. */
export async function makeProvider(s: Settings, apiKey: string, hooks: { onRateLimit: (ms: number) => void }): Promise<Provider> {
  if (s.provider === 'chrome-ai') {
    const api = builtInModel();
    if (api) return chromeAIProvider(api).catch((err) => failing(err instanceof ProviderError ? err : new ProviderError('not-found', String(err))));
    return failing(new ProviderError('not-found', "This browser has no built-in model: choose an OpenAI-compatible endpoint in Settings."));
  }
  return openAIProvider({
    baseURL: s.baseUrl,
    apiKey: apiKey || 'none',
    model: s.model,
    temperature: s.temperature,
    timeoutMs: s.timeoutMs,
    maxRetries: s.maxRetries,
    stallMs: s.stallMs,
    onRateLimit: hooks.onRateLimit,
  });
}

function failing(err: ProviderError): Provider {
  return {
    model: 'none',
    summarize: () => Promise.reject(err),
    describe: () => Promise.reject(err),
  };
}

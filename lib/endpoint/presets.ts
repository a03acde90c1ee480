import * as z from 'zod/mini';
import type { OutputMode } from './format';

/**
 * Provider presets: the base URL, a sensible model, where to get a key, and the quirks the extension applies for the
 * user (`shared/docs/providers.md`). Anything not here is learned from the endpoint's answers and remembered.
 */
export const PresetId = z.enum(['openai', 'gemini', 'openrouter', 'deepseek', 'groq', 'anthropic', 'ollama', 'lmstudio', 'custom']);
export type PresetId = z.infer<typeof PresetId>;

export interface Preset {
  id: PresetId;
  label: string;
  baseUrl: string;
  /** '' = the first model the endpoint lists. */
  model: string;
  /** Where the user gets a key (or the server); null when there is nothing to get. */
  keyUrl: string | null;
  needsKey: boolean;
  /** The output mode a new endpoint starts from (the rest of the ladder is discovered). */
  startMode: OutputMode;
  /** The output cap's parameter: reasoning-era APIs take `max_completion_tokens`; local servers know `max_tokens`. */
  tokenParam: 'max_completion_tokens' | 'max_tokens';
  /** The largest output cap the endpoint takes. */
  maxOutput?: number;
  /** How the effort is sent: OpenAI's `reasoning_effort`, or OpenRouter's `reasoning: {effort}`. */
  effortParam?: 'reasoning';
  /** OpenRouter drops `response_format` silently for models without it unless asked to route only to those with it. */
  requireParameters?: boolean;
  /** The context window is read from the server itself (`/api/show`, `/api/v0/models`), default when it cannot say. */
  localContext?: { api: 'ollama' | 'lmstudio'; fallback: number };
  /** USD per million tokens, in and out, for the estimate of the default model; null when free or unknown. */
  price: [number, number] | null;
}

export const PRESETS: Record<PresetId, Preset> = {
  openai: { id: 'openai', label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4.1-mini', keyUrl: 'https://platform.openai.com/api-keys', needsKey: true, startMode: 'strict', tokenParam: 'max_completion_tokens', price: [0.4, 1.6] },
  gemini: { id: 'gemini', label: 'Google Gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai', model: 'gemini-2.5-flash', keyUrl: 'https://aistudio.google.com/apikey', needsKey: true, startMode: 'strict', tokenParam: 'max_completion_tokens', price: [0.3, 2.5] },
  openrouter: { id: 'openrouter', label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', model: 'google/gemini-2.5-flash', keyUrl: 'https://openrouter.ai/settings/keys', needsKey: true, startMode: 'strict', tokenParam: 'max_completion_tokens', requireParameters: true, effortParam: 'reasoning', price: [0.3, 2.5] },
  deepseek: { id: 'deepseek', label: 'DeepSeek', baseUrl: 'https://api.deepseek.com/v1', model: 'deepseek-chat', keyUrl: 'https://platform.deepseek.com/api_keys', needsKey: true, startMode: 'json', tokenParam: 'max_tokens', maxOutput: 8192, price: [0.28, 0.42] },
  groq: { id: 'groq', label: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', model: 'openai/gpt-oss-20b', keyUrl: 'https://console.groq.com/keys', needsKey: true, startMode: 'strict', tokenParam: 'max_completion_tokens', price: [0.075, 0.3] },
  anthropic: { id: 'anthropic', label: 'Anthropic (OpenAI-compatible)', baseUrl: 'https://api.anthropic.com/v1', model: 'claude-haiku-4-5', keyUrl: 'https://console.anthropic.com/settings/keys', needsKey: true, startMode: 'text', tokenParam: 'max_completion_tokens', price: [1, 5] },
  ollama: { id: 'ollama', label: 'Ollama', baseUrl: 'http://localhost:11434/v1', model: '', keyUrl: 'https://ollama.com/download', needsKey: false, startMode: 'schema', tokenParam: 'max_tokens', localContext: { api: 'ollama', fallback: 4096 }, price: null },
  lmstudio: { id: 'lmstudio', label: 'LM Studio', baseUrl: 'http://localhost:1234/v1', model: '', keyUrl: 'https://lmstudio.ai/download', needsKey: false, startMode: 'schema', tokenParam: 'max_tokens', localContext: { api: 'lmstudio', fallback: 4096 }, price: null },
  custom: { id: 'custom', label: 'Custom', baseUrl: '', model: '', keyUrl: null, needsKey: false, startMode: 'strict', tokenParam: 'max_completion_tokens', price: null },
};

/** The preset a base URL belongs to (a user who typed a known URL gets its quirks too); `custom` otherwise. */
export function presetOf(baseUrl: string, chosen: PresetId = 'custom'): Preset {
  if (chosen !== 'custom') return PRESETS[chosen];
  const origin = originOf(baseUrl);
  const known = Object.values(PRESETS).find((p) => p.baseUrl && originOf(p.baseUrl) === origin);
  if (known) return known;
  // Local servers on another host name (127.0.0.1, a LAN address) are known by their default ports.
  const port = origin?.match(/:(\d+)$/)?.[1];
  return port === '11434' ? PRESETS.ollama : port === '1234' ? PRESETS.lmstudio : PRESETS.custom;
}

/** The preset whose endpoint a base URL is on; `custom` for any other. */
export const presetIdOf = (baseUrl: string): PresetId => presetOf(baseUrl).id;

export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** `models/gemini-2.5-flash` (Gemini's listing) and `gemini-2.5-flash` name the same model. */
export const bareModelId = (id: string) => id.replace(/^models\//, '');

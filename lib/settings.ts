import * as z from 'zod/mini';
import { EffortSetting } from './endpoint/models';
import { PresetId, presetIdOf } from './endpoint/presets';
import { WorkMode } from './summarize/card';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** User settings. Every field falls back to its default on its own, so one bad value never resets the rest. */
export const Settings = z.object({
  /** Most HN pages read for one thread (HN splits large threads with a "More" link). */
  maxPages: z.catch(z.int().check(z.minimum(1), z.maximum(200)), 20),
  /** Pause between HN page fetches. */
  pageDelayMs: z.catch(z.int().check(z.minimum(0), z.maximum(60_000)), 1000),

  /** `openai`: any OpenAI-compatible endpoint. `chrome-ai`: Chrome's built-in model, no key. */
  provider: z.catch(z.enum(['openai', 'chrome-ai']), 'openai'),
  /** Which provider's quirks apply (`lib/endpoint/presets.ts`); `custom` takes them from a known base URL. */
  preset: z.catch(PresetId, 'openai'),
  baseUrl: z.catch(z.url({ protocol: /^https?$/ }), DEFAULT_BASE_URL),
  /** '' until chosen (local servers: Test connection takes the first the server lists). */
  model: z.catch(z.string().check(z.trim(), z.maxLength(200)), 'gpt-4.1-mini'),
  /** Requests at once. */
  concurrency: z.catch(z.int().check(z.minimum(1), z.maximum(16)), 4),
  /** Sent only when set: some models reject any temperature. */
  temperature: z.catch(z.nullable(z.number().check(z.minimum(0), z.maximum(2))), null),
  /** Largest batch, in prompt tokens. */
  batchTokens: z.catch(z.int().check(z.minimum(300), z.maximum(200_000)), 6000),
  /** Until the endpoint answers at all (its response headers). */
  timeoutMs: z.catch(z.int().check(z.minimum(1000), z.maximum(600_000)), 60_000),
  /** Until the first token: reasoning models think first, tens of seconds are normal. */
  firstTokenMs: z.catch(z.int().check(z.minimum(1000), z.maximum(900_000)), 180_000),
  /** A stream silent this long mid-answer is given up and retried. */
  stallMs: z.catch(z.int().check(z.minimum(1000), z.maximum(600_000)), 30_000),
  /** Reasoning models: `auto` sends the lowest effort the model takes; `off` never sends one. */
  reasoningEffort: z.catch(EffortSetting, 'auto'),
  /** The model's context window in tokens, when the user knows better than the endpoint; null: found out. */
  contextWindow: z.catch(z.nullable(z.int().check(z.minimum(1024), z.maximum(10_000_000))), null),
  /** The SDK's own retries (429 honours Retry-After, 5xx, timeouts). */
  maxRetries: z.catch(z.int().check(z.minimum(0), z.maximum(10)), 2),

  /** How many cards the digest picks automatically (about half highlighted, as the site's articles: median 80). */
  /** `editor`: score everything, write Japanese for the picks and what is opened (far fewer output tokens). */
  workMode: z.catch(WorkMode, 'full'),
  digestSize: z.catch(z.int().check(z.minimum(1), z.maximum(1000)), 80),
  /** Ask before summarising more than this many comments (shows tokens and cost). */
  confirmOver: z.catch(z.int().check(z.minimum(0), z.maximum(100_000)), 300),
  /** USD per million tokens, for the estimate; null when unknown. Defaults are gpt-4.1-mini's. */
  priceInPerM: z.catch(z.nullable(z.number().check(z.minimum(0))), 0.4),
  priceOutPerM: z.catch(z.nullable(z.number().check(z.minimum(0))), 1.6),
  /** Size cap of the summary cache; least recently used threads go first. */
  cacheMB: z.catch(z.number().check(z.minimum(0.1), z.maximum(1000)), 4),

  /** Export: quotes per section (the first stand open, the rest fold into details blocks). */
  sectionSize: z.catch(z.int().check(z.minimum(1), z.maximum(1000)), 20),
  /** Export: the `months = 'YYYY/MM'` line the real site writes. */
  months: z.catch(z.boolean(), false),
  /** Export: the overview (要点) as a block before the quotes; off, the article is exactly the site's format. */
  exportOverview: z.catch(z.boolean(), false),
  /** Export: feature image names (`thumbnails/<name>.jpg`), one picked per thread, the same on every export. */
  featureImages: z.catch(z.array(z.string().check(z.trim(), z.regex(/^[\w.-]+$/))).check(z.minLength(1)), ['blue']),
  /** The Japanese summaries under each comment on the HN page, kept on across panels and restarts. */
  pageOverlay: z.catch(z.boolean(), false),
  /** The panel's language: the browser's, or chosen. */
  lang: z.catch(z.enum(['auto', 'ja', 'en']), 'auto'),
});
export type Settings = z.infer<typeof Settings>;

/**
 * Settings from storage. Settings saved before presets existed (or written without one) take the preset their base
 * URL belongs to: a local Ollama URL keeps working as Ollama, not as OpenAI wanting a key.
 */
export function parseSettings(raw: unknown): Settings {
  const r = typeof raw === 'object' && raw ? (raw as Record<string, unknown>) : {};
  if (r.preset === undefined && typeof r.baseUrl === 'string') return Settings.parse({ ...r, preset: presetIdOf(r.baseUrl) });
  return Settings.parse(r);
}

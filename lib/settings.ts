import * as z from 'zod/mini';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** User settings. Every field falls back to its default on its own, so one bad value never resets the rest. */
export const Settings = z.object({
  /** Most HN pages read for one thread (HN splits large threads with a "More" link). */
  maxPages: z.catch(z.int().check(z.minimum(1), z.maximum(200)), 20),
  /** Pause between HN page fetches. */
  pageDelayMs: z.catch(z.int().check(z.minimum(0), z.maximum(60_000)), 1000),

  /** `openai`: any OpenAI-compatible endpoint. `chrome-ai`: Chrome's built-in model, no key. */
  provider: z.catch(z.enum(['openai', 'chrome-ai']), 'openai'),
  baseUrl: z.catch(z.url({ protocol: /^https?$/ }), DEFAULT_BASE_URL),
  model: z.catch(z.string().check(z.trim(), z.minLength(1)), 'gpt-4.1-mini'),
  /** Requests at once. */
  concurrency: z.catch(z.int().check(z.minimum(1), z.maximum(16)), 4),
  /** Sent only when set: some models reject any temperature. */
  temperature: z.catch(z.nullable(z.number().check(z.minimum(0), z.maximum(2))), null),
  /** Largest batch, in prompt tokens. */
  batchTokens: z.catch(z.int().check(z.minimum(300), z.maximum(200_000)), 6000),
  /** Until an answer starts. */
  timeoutMs: z.catch(z.int().check(z.minimum(1000), z.maximum(600_000)), 60_000),
  /** A stream silent this long mid-answer is given up and retried. */
  stallMs: z.catch(z.int().check(z.minimum(1000), z.maximum(600_000)), 45_000),
  /** The SDK's own retries (429 honours Retry-After, 5xx, timeouts). */
  maxRetries: z.catch(z.int().check(z.minimum(0), z.maximum(10)), 2),

  /** How many comments the digest pre-selects (highlights first, then the best scores), shown in page order. */
  digestSize: z.catch(z.int().check(z.minimum(1), z.maximum(1000)), 60),
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
  /** Export: feature image names (`thumbnails/<name>.jpg`), one picked per thread, the same on every export. */
  featureImages: z.catch(z.array(z.string().check(z.trim(), z.regex(/^[\w.-]+$/))).check(z.minLength(1)), ['blue']),
  /** The panel's language: the browser's, or chosen. */
  lang: z.catch(z.enum(['auto', 'ja', 'en']), 'auto'),
});
export type Settings = z.infer<typeof Settings>;

export const parseSettings = (raw: unknown): Settings => Settings.parse(typeof raw === 'object' && raw ? raw : {});

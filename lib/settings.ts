import { z } from 'zod';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** User settings. Every field falls back to its default on its own, so one bad value never resets the rest. */
export const Settings = z.object({
  /** Most HN pages read for one thread (HN splits large threads with a "More" link). */
  maxPages: z.number().int().min(1).max(200).catch(20),
  /** Pause between HN page fetches. */
  pageDelayMs: z.number().int().min(0).max(60_000).catch(1000),

  /** `openai`: any OpenAI-compatible endpoint. `chrome-ai`: Chrome's built-in model, no key. */
  provider: z.enum(['openai', 'chrome-ai']).catch('openai'),
  baseUrl: z.url({ protocol: /^https?$/ }).catch(DEFAULT_BASE_URL),
  model: z.string().trim().min(1).catch('gpt-4.1-mini'),
  /** Requests at once. */
  concurrency: z.number().int().min(1).max(16).catch(4),
  /** Sent only when set: some models reject any temperature. */
  temperature: z.number().min(0).max(2).nullable().catch(null),
  /** Largest batch, in prompt tokens. */
  batchTokens: z.number().int().min(300).max(200_000).catch(6000),
  /** Until an answer starts. */
  timeoutMs: z.number().int().min(1000).max(600_000).catch(60_000),
  /** A stream silent this long mid-answer is given up and retried. */
  stallMs: z.number().int().min(1000).max(600_000).catch(45_000),
  /** The SDK's own retries (429 honours Retry-After, 5xx, timeouts). */
  maxRetries: z.number().int().min(0).max(10).catch(2),

  /** How many comments the digest pre-selects (highlights first, then the best scores), shown in page order. */
  digestSize: z.number().int().min(1).max(1000).catch(60),
  /** Ask before summarising more than this many comments (shows tokens and cost). */
  confirmOver: z.number().int().min(0).max(100_000).catch(300),
  /** USD per million tokens, for the estimate; null when unknown. Defaults are gpt-4.1-mini's. */
  priceInPerM: z.number().min(0).nullable().catch(0.4),
  priceOutPerM: z.number().min(0).nullable().catch(1.6),
  /** Size cap of the summary cache; least recently used threads go first. */
  cacheMB: z.number().min(0.1).max(1000).catch(4),
});
export type Settings = z.infer<typeof Settings>;

export const parseSettings = (raw: unknown): Settings => Settings.parse(typeof raw === 'object' && raw ? raw : {});

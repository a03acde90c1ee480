import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { LengthFinishReasonError } from 'openai/core/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import { JsonItemScanner } from './json-items';
import { batchPrompt, COMMENTS_SYSTEM, THREAD_SYSTEM, threadPrompt } from './prompt';
import { ProviderError, type BatchOutcome, type Provider } from './provider';
import { BATCH_FORMAT, BatchAnswer, CommentSummary, THREAD_FORMAT, ThreadMeta } from './schema';

export interface OpenAIProviderConfig {
  baseURL: string;
  apiKey: string;
  model: string;
  /** Sent only when set: some models reject any temperature. */
  temperature: number | null;
  /** Until the answer starts (the SDK's timeout). */
  timeoutMs: number;
  /** The SDK's own retries, for 408/409/429/5xx and connection errors, honouring Retry-After. */
  maxRetries: number;
  /** A stream that goes silent this long mid-answer is given up (the SDK's timeout does not cover the body). */
  stallMs: number;
  /** Told when the endpoint rate-limits and how long the SDK will wait, to show the user. */
  onRateLimit?: (waitMs: number) => void;
  fetch?: typeof fetch;
}

/** The wait a 429 asks for, read the way the SDK reads it (retry-after-ms, then Retry-After seconds or date). */
function retryAfterMs(headers: Headers): number | null {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const h = headers.get('retry-after');
  if (!h) return null;
  const s = Number.parseFloat(h);
  return Number.isFinite(s) ? s * 1000 : Math.max(0, Date.parse(h) - Date.now()) || null;
}

/** SDK errors, and the endpoint's ways of failing, as the job's failure codes with a message for the user. */
export function toProviderError(err: unknown, cfg: Pick<OpenAIProviderConfig, 'baseURL' | 'model'>): ProviderError {
  if (err instanceof ProviderError) return err;
  const cause = { cause: err };
  const detail = err instanceof Error ? err.message : String(err);
  if (err instanceof APIUserAbortError) return new ProviderError('cancelled', 'Cancelled.', cause);
  if (err instanceof AuthenticationError || err instanceof PermissionDeniedError)
    return new ProviderError('auth', `The endpoint refused the API key (${err.status}). Check the key in Settings.`, cause);
  if (err instanceof NotFoundError)
    return new ProviderError('not-found', `The endpoint has no model "${cfg.model}" (404). Pick another model in Settings.`, cause);
  if (err instanceof RateLimitError) return new ProviderError('rate-limit', `Rate limited by the endpoint (429) after retrying: ${detail}`, cause);
  if (err instanceof BadRequestError) return new ProviderError('too-large', `The endpoint rejected the request (400): ${detail}`, cause);
  if (err instanceof APIConnectionTimeoutError) return new ProviderError('transient', 'The endpoint did not answer in time.', cause);
  if (err instanceof APIConnectionError)
    return new ProviderError('transient', `Could not reach ${cfg.baseURL}: is it running, and does it allow this extension (CORS)?`, cause);
  return new ProviderError('transient', `The request failed: ${detail}`, cause);
}

/** Any OpenAI-compatible chat-completions endpoint (OpenAI, OpenRouter, Ollama, LM Studio, vLLM…) through `openai`. */
export function openAIProvider(cfg: OpenAIProviderConfig): Provider {
  const baseFetch = cfg.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const client = new OpenAI({
    apiKey: cfg.apiKey,
    baseURL: cfg.baseURL,
    dangerouslyAllowBrowser: true, // the background worker is the only caller; the key never leaves it
    timeout: cfg.timeoutMs,
    maxRetries: cfg.maxRetries,
    // Only watches: the SDK itself waits and retries.
    fetch: async (input, init) => {
      const res = await baseFetch(input, init);
      if (res.status === 429) cfg.onRateLimit?.(retryAfterMs(res.headers) ?? 0);
      return res;
    },
  });
  const extra = cfg.temperature == null ? {} : { temperature: cfg.temperature };
  // Built once: turning the schema into JSON schema is the slowest part of starting a request.
  const batchFormat = zodResponseFormat(BatchAnswer, BATCH_FORMAT);
  const threadFormat = zodResponseFormat(ThreadMeta, THREAD_FORMAT);

  return {
    model: cfg.model,

    async summarize(req, hooks): Promise<BatchOutcome> {
      const asked = new Set(req.items.map((c) => c.id));
      const given = new Set<number>();
      const scanner = new JsonItemScanner();
      const abort = new AbortController();
      const stop = () => abort.abort(hooks.signal.reason);
      hooks.signal.addEventListener('abort', stop, { once: true });
      let stall: ReturnType<typeof setTimeout> | undefined;
      const watch = () => {
        clearTimeout(stall);
        stall = setTimeout(() => abort.abort(new ProviderError('transient', `The answer stalled for ${cfg.stallMs / 1000} s.`)), cfg.stallMs);
      };
      const take = (source: string) => {
        let raw: unknown;
        try {
          raw = JSON.parse(source);
        } catch {
          return;
        }
        const item = CommentSummary.safeParse(raw);
        // Items for ids that were not asked, or given twice, are dropped; the job re-asks for whatever is missing.
        if (item.success && asked.has(item.data.id) && !given.has(item.data.id)) {
          given.add(item.data.id);
          hooks.onItem(item.data);
        }
      };
      try {
        const stream = client.chat.completions.stream(
          {
            model: cfg.model,
            messages: [
              { role: 'system', content: COMMENTS_SYSTEM },
              { role: 'user', content: batchPrompt(req.story, req.items, req.parentText) },
            ],
            response_format: batchFormat,
            stream_options: { include_usage: true },
            ...extra,
          },
          { signal: abort.signal },
        );
        let usage: BatchOutcome['usage'] = null;
        stream.on('chunk', (chunk) => {
          watch();
          if (chunk.usage) usage = { prompt: chunk.usage.prompt_tokens, completion: chunk.usage.completion_tokens };
          const piece = chunk.choices[0]?.delta?.content;
          if (!piece) return;
          for (const source of scanner.push(piece)) take(source);
          const d = hooks.onDraft && scanner.draft();
          if (d && asked.has(d.id) && !given.has(d.id)) hooks.onDraft!(d.id, d.ja);
        });
        watch();
        try {
          await stream.finalChatCompletion();
        } catch (err) {
          if (err instanceof LengthFinishReasonError) return { finish: 'length', usage };
          // An answer that is not valid JSON (or not the schema) as a whole: keep the items it did complete. The SDK
          // wraps the parse error in its own.
          const root = err instanceof Error && err.cause instanceof Error ? err.cause : err;
          if (root instanceof SyntaxError || (root instanceof Error && root.name === 'ZodError')) return { finish: 'invalid', usage };
          throw err;
        }
        return { finish: BatchAnswer.safeParse(safeJson(scanner.content)).success ? 'stop' : 'invalid', usage };
      } catch (err) {
        if (abort.signal.reason instanceof ProviderError) throw abort.signal.reason;
        throw toProviderError(err, cfg);
      } finally {
        clearTimeout(stall);
        hooks.signal.removeEventListener('abort', stop);
      }
    },

    async describe(req, signal) {
      try {
        const res = await client.chat.completions.parse(
          {
            model: cfg.model,
            messages: [
              { role: 'system', content: THREAD_SYSTEM },
              { role: 'user', content: threadPrompt(req.story, req.topComments) },
            ],
            response_format: threadFormat,
            ...extra,
          },
          { signal },
        );
        const parsed = res.choices[0]?.message.parsed;
        if (!parsed) throw new ProviderError('transient', 'The model gave no title.');
        return parsed;
      } catch (err) {
        throw toProviderError(err, cfg);
      }
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The endpoint's models, for the settings' model list; null when it does not list them. */
export async function listModels(cfg: Pick<OpenAIProviderConfig, 'baseURL' | 'apiKey' | 'timeoutMs' | 'fetch'>): Promise<string[]> {
  const client = new OpenAI({ apiKey: cfg.apiKey, baseURL: cfg.baseURL, dangerouslyAllowBrowser: true, timeout: cfg.timeoutMs, maxRetries: 0, fetch: cfg.fetch });
  const ids: string[] = [];
  for await (const m of client.models.list()) ids.push(m.id);
  return ids.sort();
}

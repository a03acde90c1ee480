import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { endpointSaid, problem } from '../messages/problem';
import { ProviderError } from '../summarize/provider';
import type { FormatRefusal } from './format';

/** Request parameters an endpoint may refuse, which the extension can drop or change and ask again at once. */
export type RefusedParam = 'temperature' | 'max_tokens' | 'max_completion_tokens' | 'reasoning_effort' | 'stream_options';
const PARAMS: readonly RefusedParam[] = ['max_completion_tokens', 'max_tokens', 'temperature', 'reasoning_effort', 'stream_options'];

/**
 * A refused request that asking differently fixes: the format (step down the ladder), or one parameter (drop it,
 * or for `reasoning_effort` a value the model does not take).
 */
export type Refusal =
  | { type: 'format'; why: FormatRefusal }
  /** `value`: only this value is refused; `supported`: the values the endpoint named instead. */
  | { type: 'param'; param: RefusedParam; value: boolean; supported: string[] }
  /** The output cap is over the endpoint's largest. */
  | { type: 'cap'; max: number };

export interface Classified {
  refusal: Refusal | null;
  /** What to throw when the refusal cannot be fixed (or there is none). */
  error: ProviderError;
}

export interface RequestFacts {
  baseURL: string;
  model: string;
  /** A `response_format` was sent. */
  formatted: boolean;
}

const CONTEXT = /context[_ ]length|context window|maximum context|too many tokens|prompt is too long|input is too long|reduce the length|exceeds? the (model'?s )?(max|context)|tokens to keep|larger than the context|maximum input length/;
const FORMAT = /response_format|response format|json_schema|json_object|structured output|json mode|guided_json|\bschema\b/;
const UNSUPPORTED = /unsupported|not supported|does not support|is not available|unavailable|unrecognized|unknown (field|name|parameter|argument)|not permitted|invalid (field|parameter)|only the default|not allowed|cannot be (combined|used)|extra (inputs|fields)/;
const BAD_KEY = /api[_ ]?key (not valid|invalid|is invalid)|invalid[_ ]api[_ ]?key|incorrect api key|api_key_invalid|invalid x-api-key|authentication/;
const NO_MODEL = /model[^.]{0,80}(not found|does not exist|not exist|is not a valid|invalid model|unknown)|(unknown|invalid|no such) model|model_not_found|no model named/;

const lower = (s: unknown) => String(s ?? '').toLowerCase();

/** The first refusable parameter the error names: its `param`, else the earliest mentioned in its text. */
function namedParam(e: APIError, text: string): RefusedParam | null {
  const p = lower(e.param);
  const direct = PARAMS.find((x) => p === x || p.endsWith(`.${x}`));
  if (direct) return direct;
  let best: RefusedParam | null = null;
  let at = Infinity;
  for (const x of PARAMS) {
    const i = text.search(new RegExp(`\\b${x}\\b`));
    if (i >= 0 && i < at) [best, at] = [x, i];
  }
  return best;
}

function formatWhy(text: string): FormatRefusal {
  if (/stream/.test(text)) return 'any';
  if (/\bstrict\b/.test(text) && !/json_object/.test(text)) return 'strict';
  if (/json_object|json mode|word ['"]?json/.test(text) && !/json_schema/.test(text)) return 'any';
  return 'schema';
}

/**
 * SDK errors, and each endpoint's way of failing, as the job's failure kinds with a problem for the user. A 400 is
 * not one thing: a context too long (split the batch), a refused parameter or format (fix and ask again), a bad key
 * or model (stop), or a request refused as such.
 */
export function classify(err: unknown, facts: RequestFacts): Classified {
  const plain = (e: ProviderError): Classified => ({ refusal: null, error: e });
  if (err instanceof ProviderError) return plain(err);
  const cause = { cause: err };
  if (err instanceof APIUserAbortError) return plain(new ProviderError('cancelled', problem('cancelled'), cause));
  if (err instanceof APIConnectionTimeoutError) return plain(new ProviderError('transient', problem('timeout'), cause));
  if (err instanceof APIConnectionError) {
    const local = /^https?:\/\/(localhost|127\.|\[::1\])/.test(facts.baseURL) ? 1 : 0;
    return plain(new ProviderError('transient', problem('unreachable', { origin: originText(facts.baseURL), local }), cause));
  }
  if (!(err instanceof APIError)) return plain(new ProviderError('transient', problem('internal', { detail: endpointSaid((err as Error)?.message ?? err) }), cause));

  const status = err.status ?? 0;
  const said = endpointSaid(messageOf(err.error) ?? err.message);
  const text = lower(`${err.code ?? ''} ${err.type ?? ''} ${err.param ?? ''} ${err.message}`);

  if (status === 401 || status === 403 || (status === 400 && BAD_KEY.test(text)))
    return plain(new ProviderError('auth', problem('key-refused', { status, said }), cause));
  if (status === 429) {
    if (/insufficient_quota|quota|billing|credit/.test(text) && !/rate/.test(text)) return plain(new ProviderError('auth', problem('quota-exceeded', { said }), cause));
    return plain(new ProviderError('rate-limit', problem('rate-limited', { said }), cause));
  }
  if (status >= 500) return plain(new ProviderError('transient', problem('server-error', { status }), cause));
  if (status === 413 || CONTEXT.test(text)) {
    // The window, where the endpoint states it: remembered, so the next job's batches fit.
    const window = /(?:maximum context length is|context length of only|configured limit of) (\d+) tokens/.exec(text)?.[1];
    return plain(new ProviderError('too-large', problem('context-too-long', window ? { said, window: Number(window) } : { said }), cause));
  }

  // OpenRouter, asked to route only to models that take every parameter, finds none: the format is what it lacks.
  if (status === 404 && facts.formatted && /no endpoints found/.test(text))
    return { refusal: { type: 'format', why: 'any' }, error: new ProviderError('rejected', problem('format-unsupported', { said }), cause) };

  if (status === 400 || status === 404 || status === 422) {
    // DeepSeek: "the valid range of max_tokens is [1, 8192]".
    const range = /valid range of max_\w*tokens is \[\d+, *(\d+)\]/.exec(text);
    if (range) return { refusal: { type: 'cap', max: Number(range[1]) }, error: new ProviderError('rejected', problem('bad-request', { said }), cause) };
    const param = UNSUPPORTED.test(text) || lower(err.code).startsWith('unsupported') ? namedParam(err, text) : null;
    if (param) {
      const value = lower(err.code) === 'unsupported_value' || /\bvalue\b|only the default|does not support .{0,40}with this model/.test(text);
      // "Supported values are: 'none', 'low', 'medium', and 'high'."
      const supported = [.../supported values (?:are|is):?([^.]*)/.exec(text)?.[1]?.matchAll(/'([\w-]+)'/g) ?? []].map((m) => m[1]!);
      return { refusal: { type: 'param', param, value, supported }, error: new ProviderError('rejected', problem('bad-request', { said }), cause) };
    }
    if (facts.formatted && FORMAT.test(text))
      return { refusal: { type: 'format', why: formatWhy(text) }, error: new ProviderError('rejected', problem('format-unsupported', { said }), cause) };
    if (status === 404 || NO_MODEL.test(text)) return plain(new ProviderError('not-found', problem('model-missing', { model: facts.model, said }), cause));
    return plain(new ProviderError('rejected', problem('bad-request', { said }), cause));
  }
  return plain(new ProviderError('transient', problem('server-error', { status }), cause));
}

/** The endpoint's own message in its error body, however nested (Gemini sends `[{error: {message}}]`). */
function messageOf(body: unknown, depth = 0): string | null {
  if (depth > 3 || !body || typeof body !== 'object') return null;
  if (Array.isArray(body)) return messageOf(body[0], depth + 1);
  const b = body as { message?: unknown; error?: unknown };
  if (typeof b.message === 'string') return b.message;
  return messageOf(b.error, depth + 1);
}

const originText = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

// How real endpoints treat the extension's requests, each written from the provider's documented (or widely
// reported) behaviour (`shared/docs/providers.md`), not from what the client happens to send. The test server takes
// one per server, per model name or per request (`x-test-personality`), like its faults.

export type PersonalityName =
  | 'lenient'
  | 'openai'
  | 'reasoning'
  | 'deepseek'
  | 'anthropic'
  | 'prose'
  | 'bare-array'
  | 'gemini'
  | 'openrouter'
  | 'groq'
  | 'ollama'
  | 'lmstudio'
  | 'vllm'
  | 'no-usage'
  | 'think-inline'
  | 'recorded';

/** An error answer: status, and the body as this provider writes it. */
export interface Refusal {
  status: number;
  body: unknown;
}

/** How the JSON of an answer is written around: as is, fenced, in prose, or as a bare array with string ids. */
export type Wrapping = 'json' | 'fenced' | 'prose' | 'bare-array' | 'none';

export interface RequestView {
  body: any;
  model: string;
  /** Every message's text, joined. */
  text: string;
  promptTokens: number;
}

export interface Personality {
  name: PersonalityName;
  /** What `/v1/models` lists (unless the server's options name models), as this provider writes ids. */
  listed: string[];
  /** A model id as requests may name it → the id the provider knows; null when it has no such model. */
  resolve?: (id: string, listed: string[]) => string | null;
  /** What this endpoint refuses in a request, before any answer. */
  refuse?: (r: RequestView) => Refusal | null;
  /** Refusing the key: Gemini answers 400 with its own body, not 401. */
  badKey?: () => Refusal;
  /** Whether a key is checked at all (local servers take any or none). */
  checksKey?: boolean;
  /** How the answer's JSON comes out for this request. */
  wrapping: (r: RequestView) => Wrapping;
  /** Silence (or streamed thinking) before the first token, in ms before the server's time scale. */
  thinkMs?: (r: RequestView) => number;
  /** Thinking is streamed in this delta field while it lasts. */
  reasoningField?: 'reasoning_content' | 'reasoning';
  /** Thinking written at the start of the content, in `<think>` tags. */
  thinkInline?: boolean;
  /** Output tokens spent thinking, counted against the output cap and in usage. */
  reasoningTokens?: (r: RequestView) => number;
  /** Usage chunk in streams: always, when `stream_options.include_usage` asks, or never. */
  usage: 'always' | 'on-request' | 'never';
  /** The output cap parameters it honours (others are ignored silently). */
  caps: ('max_tokens' | 'max_completion_tokens')[];
  /**
   * Context window, and what happens past it: the prompt cut from its start without a word, or an error. `withCap`:
   * the prompt and the output cap together must fit (OpenAI-style servers check both).
   */
  context?: { tokens: number; overflow: 'cut-start' | Refusal; withCap?: boolean };
  /** SSE comment lines while thinking (OpenRouter). */
  keepAlive?: boolean;
  /** Answers with the recorded Japanese (`recorded.ts`) where there is one for the comment or thread. */
  replays?: boolean;
}

const openaiError = (status: number, message: string, type: string, param: string | null, code: string | null): Refusal => ({ status, body: { error: { message, type, param, code } } });
const geminiError = (message: string, status = 'INVALID_ARGUMENT'): Refusal => ({ status: 400, body: [{ error: { code: 400, message, status } }] });

const formatType = (r: RequestView): string | undefined => r.body.response_format?.type;
const schemaOf = (r: RequestView): any => r.body.response_format?.json_schema?.schema;
const mentionsJson = (r: RequestView) => /json/i.test(r.text);
const honoured = (r: RequestView): Wrapping => (formatType(r) === 'json_schema' || formatType(r) === 'json_object' ? 'json' : 'fenced');

/** Every node of a JSON schema, depth first. */
function* nodes(schema: unknown, path = ''): Generator<[string, any]> {
  if (!schema || typeof schema !== 'object') return;
  yield [path, schema];
  for (const [k, v] of Object.entries(schema)) if (v && typeof v === 'object') yield* nodes(v, path ? `${path}.${k}` : k);
}

/** OpenAI's strict mode: an object at the root, every property required, `additionalProperties: false` everywhere. */
function strictSchemaError(r: RequestView): Refusal | null {
  const rf = r.body.response_format;
  if (rf?.type !== 'json_schema' || rf.json_schema?.strict !== true) return null;
  const name = rf.json_schema.name;
  const schema = rf.json_schema.schema;
  const bad = (context: string, why: string) =>
    openaiError(400, `Invalid schema for response_format '${name}': In context=(${context}), ${why}`, 'invalid_request_error', 'response_format', null);
  if (schema?.type !== 'object') return bad('', "schema must be a JSON Schema of 'type: \"object\"', got 'type: \"" + schema?.type + "\"'.");
  for (const [path, n] of nodes(schema)) {
    if (n.type !== 'object') continue;
    const ctx = path.split('.').map((p) => `'${p}'`).join(', ');
    if (n.additionalProperties !== false) return bad(ctx, "'additionalProperties' is required to be supplied and to be false.");
    const keys = Object.keys(n.properties ?? {});
    const missing = keys.find((k) => !(n.required ?? []).includes(k));
    if (missing) return bad(ctx, `'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`);
  }
  return null;
}

/** OpenAI's json_object rule. */
const jsonWordError = (r: RequestView): Refusal | null =>
  formatType(r) === 'json_object' && !mentionsJson(r)
    ? openaiError(400, "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'invalid_request_error', 'messages', null)
    : null;

const REASONING_EFFORTS: Record<string, string[]> = {
  'gpt-5.1': ['none', 'low', 'medium', 'high'],
  'gpt-5-mini': ['minimal', 'low', 'medium', 'high'],
  'o4-mini': ['low', 'medium', 'high'],
};

/** How long a reasoning model thinks at an effort (none sent: its default, medium… here the long end: 50 s). */
const THINK_MS: Record<string, number> = { none: 0, minimal: 2000, low: 8000, medium: 25_000, high: 50_000, default: 50_000 };
const THINK_TOKENS: Record<string, number> = { none: 0, minimal: 150, low: 900, medium: 3000, high: 8000, default: 6000 };
const effortOf = (r: RequestView): string => r.body.reasoning_effort ?? r.body.reasoning?.effort ?? 'default';

export const PERSONALITIES: Record<PersonalityName, Personality> = {
  /** The most forgiving endpoint there is: takes anything, answers pure JSON. */
  lenient: { name: 'lenient', listed: ['matome-test-1', 'matome-test-2'], wrapping: () => 'json', usage: 'on-request', caps: ['max_tokens', 'max_completion_tokens'] },

  /** OpenAI's chat completions for non-reasoning models. */
  openai: {
    name: 'openai',
    listed: ['gpt-4.1-mini', 'gpt-4o-mini'],
    refuse: (r) =>
      strictSchemaError(r) ??
      jsonWordError(r) ??
      ('reasoning_effort' in r.body ? openaiError(400, 'Unrecognized request argument supplied: reasoning_effort', 'invalid_request_error', null, null) : null),
    wrapping: honoured,
    usage: 'on-request',
    caps: ['max_tokens', 'max_completion_tokens'],
  },

  /** OpenAI's reasoning models (o-series, gpt-5 family): no max_tokens, no temperature, think before the first token. */
  reasoning: {
    name: 'reasoning',
    listed: ['gpt-5-mini', 'gpt-5.1', 'o4-mini'],
    refuse: (r) => {
      if ('max_tokens' in r.body)
        return openaiError(400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'invalid_request_error', 'max_tokens', 'unsupported_parameter');
      if ('temperature' in r.body && r.body.temperature !== 1)
        return openaiError(400, `Unsupported value: 'temperature' does not support ${r.body.temperature} with this model. Only the default (1) value is supported.`, 'invalid_request_error', 'temperature', 'unsupported_value');
      const allowed = REASONING_EFFORTS[r.model] ?? REASONING_EFFORTS['gpt-5-mini']!;
      const e = r.body.reasoning_effort;
      if (e !== undefined && !allowed.includes(e))
        return openaiError(400, `Unsupported value: '${e}' is not supported with the '${r.model}' model. Supported values are: ${allowed.map((a) => `'${a}'`).join(', ').replace(/, ([^,]*)$/, ', and $1')}.`, 'invalid_request_error', 'reasoning_effort', 'unsupported_value');
      return strictSchemaError(r) ?? jsonWordError(r);
    },
    wrapping: honoured,
    thinkMs: (r) => THINK_MS[effortOf(r)] ?? THINK_MS.default!,
    reasoningTokens: (r) => THINK_TOKENS[effortOf(r)] ?? THINK_TOKENS.default!,
    usage: 'on-request',
    caps: ['max_completion_tokens'],
  },

  /** DeepSeek: json_object only (with the word json), max_completion_tokens ignored, max_tokens at most 8192. */
  deepseek: {
    name: 'deepseek',
    listed: ['deepseek-chat', 'deepseek-reasoner'],
    refuse: (r) => {
      if (formatType(r) === 'json_schema') return openaiError(400, 'This response_format type is unavailable now', 'invalid_request_error', null, 'invalid_request_error');
      if (formatType(r) === 'json_object' && !mentionsJson(r))
        return openaiError(400, "Prompt must contain the word 'json' in some form to use 'response_format' of type 'json_object'", 'invalid_request_error', null, 'invalid_request_error');
      if (typeof r.body.max_tokens === 'number' && r.body.max_tokens > 8192)
        return openaiError(400, 'Invalid max_tokens value, the valid range of max_tokens is [1, 8192]', 'invalid_request_error', null, 'invalid_request_error');
      return null;
    },
    wrapping: honoured,
    thinkMs: (r) => (r.model === 'deepseek-reasoner' ? 3000 : 0),
    reasoningField: 'reasoning_content',
    reasoningTokens: (r) => (r.model === 'deepseek-reasoner' ? 400 : 0),
    usage: 'on-request',
    caps: ['max_tokens'],
    context: {
      tokens: 131_072,
      overflow: openaiError(400, "This model's maximum context length is 131072 tokens. However, you requested more tokens. Please reduce the length of the messages or completion.", 'invalid_request_error', null, 'invalid_request_error'),
      withCap: true,
    },
  },

  /** Anthropic's OpenAI-compatible endpoint: response_format and reasoning_effort ignored; a fenced block when the prompt asks for JSON, prose otherwise. */
  anthropic: { name: 'anthropic', listed: ['claude-haiku-4-5', 'claude-sonnet-4-5'], wrapping: (r) => (mentionsJson(r) ? 'fenced' : 'none'), usage: 'on-request', caps: ['max_tokens', 'max_completion_tokens'] },

  /** A model behind a router that drops response_format: JSON with chatter before and after. */
  prose: { name: 'prose', listed: ['chatty-1'], wrapping: (r) => (mentionsJson(r) ? 'prose' : 'none'), usage: 'on-request', caps: ['max_tokens', 'max_completion_tokens'] },

  /** Another that drops it: a bare array, ids written as strings. */
  'bare-array': { name: 'bare-array', listed: ['arrays-1'], wrapping: (r) => (mentionsJson(r) ? 'bare-array' : 'none'), usage: 'on-request', caps: ['max_tokens', 'max_completion_tokens'] },

  /** Gemini's OpenAI-compatible endpoint: `models/` ids, no `$schema`, no int64 bounds, errors as arrays, thinks unless told `none`. */
  gemini: {
    name: 'gemini',
    listed: ['models/gemini-2.5-flash', 'models/gemini-2.5-pro'],
    resolve: (id, listed) => (listed.includes(id) ? id.replace(/^models\//, '') : listed.includes(`models/${id}`) ? id : null),
    badKey: () => geminiError('API key not valid. Please pass a valid API key.'),
    refuse: (r) => {
      const schema = schemaOf(r);
      for (const [path, n] of nodes(schema)) {
        if ('$schema' in n) return geminiError(`Invalid JSON payload received. Unknown name "$schema" at 'generation_config.response_schema${path ? `.${path}` : ''}': Cannot find field.`);
        for (const k of ['minimum', 'maximum'])
          if (typeof n[k] === 'number' && Math.abs(n[k]) > 2 ** 31 - 1)
            return geminiError(`Invalid value at 'generation_config.response_schema.${path}.${k}' (TYPE_INT32), ${n[k]}`);
      }
      const e = r.body.reasoning_effort;
      if (e !== undefined && !['none', 'minimal', 'low', 'medium', 'high'].includes(e)) return geminiError(`Invalid value at 'reasoning_effort', "${e}"`);
      if (e === 'none' && /pro/.test(r.model)) return geminiError('Budget 0 is invalid. This model only works in thinking mode.');
      return null;
    },
    wrapping: honoured,
    thinkMs: (r) => (r.body.reasoning_effort === 'none' ? 0 : 4000),
    reasoningTokens: (r) => (r.body.reasoning_effort === 'none' ? 0 : 1024),
    usage: 'on-request',
    caps: ['max_tokens', 'max_completion_tokens'],
  },

  /** OpenRouter: response_format passed on only where the model has it; `require_parameters` turns a silent drop into a 404. */
  openrouter: {
    name: 'openrouter',
    listed: ['google/gemini-2.5-flash', 'meta-llama/llama-3-8b-instruct'],
    refuse: (r) =>
      formatType(r) && r.model.startsWith('meta-llama/') && r.body.provider?.require_parameters === true
        ? { status: 404, body: { error: { message: 'No endpoints found that can handle the requested parameters.', code: 404 } } }
        : null,
    // A model without response_format gets the prompt alone and chats around its JSON.
    wrapping: (r) => (r.model.startsWith('meta-llama/') ? (mentionsJson(r) ? 'prose' : 'none') : honoured(r)),
    thinkMs: (r) => (r.model.startsWith('google/') && r.body.reasoning?.effort !== 'none' ? 3000 : 0),
    reasoningField: 'reasoning',
    usage: 'always',
    caps: ['max_tokens', 'max_completion_tokens'],
    keepAlive: true,
  },

  /** Groq: structured output only unstreamed, strict json_schema only on gpt-oss; unknown fields refused. */
  groq: {
    name: 'groq',
    listed: ['openai/gpt-oss-20b', 'llama-3.3-70b-versatile'],
    refuse: (r) => {
      for (const k of Object.keys(r.body))
        if (!['model', 'messages', 'stream', 'stream_options', 'response_format', 'max_tokens', 'max_completion_tokens', 'temperature', 'reasoning_effort', 'top_p', 'stop', 'seed'].includes(k))
          return openaiError(400, `property '${k}' is unsupported`, 'invalid_request_error', null, null);
      if (formatType(r) && r.body.stream) return openaiError(400, 'response_format` does not support streaming', 'invalid_request_error', null, null);
      if (formatType(r) === 'json_schema' && !r.model.startsWith('openai/gpt-oss')) return openaiError(400, 'This model does not support response format `json_schema`.', 'invalid_request_error', null, null);
      if ('reasoning_effort' in r.body && !r.model.startsWith('openai/gpt-oss')) return openaiError(400, 'reasoning_effort is not supported with this model', 'invalid_request_error', null, null);
      if ('reasoning_effort' in r.body && !['low', 'medium', 'high'].includes(r.body.reasoning_effort))
        return openaiError(400, `reasoning_effort must be one of low, medium, high`, 'invalid_request_error', 'reasoning_effort', null);
      return null;
    },
    wrapping: honoured,
    reasoningField: 'reasoning',
    thinkMs: (r) => (r.model.startsWith('openai/gpt-oss') ? 500 : 0),
    reasoningTokens: (r) => (r.model.startsWith('openai/gpt-oss') ? 200 : 0),
    usage: 'on-request',
    caps: ['max_tokens', 'max_completion_tokens'],
  },

  /** Ollama's `/v1`: 4,096 tokens of context by default, a longer prompt cut from its start without a word; no max_completion_tokens. */
  ollama: {
    name: 'ollama',
    listed: ['llama3.1:8b', 'qwen3:8b'],
    checksKey: false,
    wrapping: honoured,
    usage: 'on-request',
    caps: ['max_tokens'],
    context: { tokens: 4096, overflow: 'cut-start' },
  },

  /** LM Studio: a small loaded context (4,096) and an error past it; no usage in streams. */
  lmstudio: {
    name: 'lmstudio',
    listed: ['qwen2.5-7b-instruct'],
    checksKey: false,
    wrapping: honoured,
    usage: 'never',
    caps: ['max_tokens'],
    context: {
      tokens: 4096,
      overflow: openaiError(400, 'The number of tokens to keep from the initial prompt is greater than the context length. Try to load the model with a larger context length, or provide a shorter input', 'invalid_request_error', null, null),
    },
  },

  /** vLLM: json_schema by guided decoding (`strict` ignored), an 8k model here, its own error body. */
  vllm: {
    name: 'vllm',
    listed: ['Qwen/Qwen2.5-7B-Instruct'],
    checksKey: false,
    wrapping: honoured,
    usage: 'on-request',
    caps: ['max_tokens', 'max_completion_tokens'],
    context: {
      tokens: 8192,
      overflow: { status: 400, body: { error: { message: "This model's maximum context length is 8192 tokens. However, your request has more input tokens. Please reduce the length of the input messages.", type: 'BadRequestError', param: null, code: 400 } } },
      withCap: true,
    },
  },

  /** An endpoint that never sends usage, whatever stream_options says. */
  'no-usage': { name: 'no-usage', listed: ['quiet-1'], wrapping: honoured, usage: 'never', caps: ['max_tokens', 'max_completion_tokens'] },

  /** A thinking model that writes its thoughts into the content (DeepSeek-R1 distills, Groq's raw format). */
  'think-inline': { name: 'think-inline', listed: ['deepseek-r1-distill'], wrapping: honoured, thinkInline: true, usage: 'on-request', caps: ['max_tokens', 'max_completion_tokens'] },

  /** OpenAI-like, answering with the Japanese recorded for a real thread (screenshots, demos); generated elsewhere. */
  recorded: { name: 'recorded', listed: ['gpt-4.1-mini'], replays: true, refuse: (r) => strictSchemaError(r) ?? jsonWordError(r), wrapping: honoured, usage: 'on-request', caps: ['max_tokens', 'max_completion_tokens'] },
};

export function personality(name: string | undefined): Personality | null {
  return name && name in PERSONALITIES ? PERSONALITIES[name as PersonalityName] : null;
}

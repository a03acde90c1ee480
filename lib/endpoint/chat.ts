import OpenAI from 'openai';
import { problem } from '../messages/problem';
import { AnswerReader } from '../summarize/answer';
import { ProviderError, type Usage } from '../summarize/provider';
import { countTokens } from '../summarize/tokens';
import { classify, type Refusal } from './errors';
import { responseFormat, stepDown, type OutputMode } from './format';
import { Effort, effortFor, knownContextWindow, reasoningOf, thinkingAllowance, type EffortSetting } from './models';
import { newProfile, type EndpointProfile } from './profile';
import { bareModelId, type Preset } from './presets';

export interface ChatConfig {
  baseURL: string;
  apiKey: string;
  model: string;
  preset: Preset;
  /** Sent only when set: reasoning models refuse any temperature. */
  temperature: number | null;
  effort: EffortSetting;
  /** Until the response's headers (the SDK's own timeout). */
  timeoutMs: number;
  /** From the request until the first token, thinking included (reasoning models think tens of seconds). */
  firstTokenMs: number;
  /** Silence in the middle of an answer. */
  stallMs: number;
  /** The SDK's own retries (429 honouring Retry-After, 5xx, connection errors). */
  maxRetries: number;
  /** The user's setting; null: learned from the server or known by the model's name. */
  contextWindow: number | null;
  /** What was learned of this endpoint before; null: a new one. */
  profile: EndpointProfile | null;
  /** Told whenever the profile changes, to remember it (for this model). */
  remember?: (p: EndpointProfile, model: string) => void;
  onRateLimit?: (ms: number) => void;
  fetch?: typeof fetch;
}

export interface ChatRequest {
  system: string;
  user: string;
  /** The answer's JSON schema (already cleaned for endpoints) and its name. */
  format: { name: string; schema: Record<string, unknown> };
  /** Output tokens the answer itself may take; room to think is added for reasoning models. */
  answerTokens: number;
  signal: AbortSignal;
  /** Every flat JSON object of the answer, the moment it is complete. */
  onObject?: (source: string) => void;
  /** After every piece of the answer, with the reader (for drafts). */
  onProgress?: (reader: AnswerReader) => void;
}

export interface ChatResult {
  text: string;
  finish: 'stop' | 'length' | 'other';
  usage: Usage;
  mode: OutputMode;
  objects: number;
}

const EFFORTS = Effort.options;
/** Fixes of one request before it is given up (each fix is a refused step or parameter: a handful at most). */
const MAX_FIXES = 6;

/**
 * One OpenAI-compatible endpoint and model as the extension talks to it: every request streamed through the real
 * `openai` client, with the output mode, the parameters and the output cap this endpoint takes. A refused format
 * steps down the ladder and a refused parameter is dropped, and the request is sent again at once; what worked is
 * remembered. The wait for the first token (a model thinking) is timed apart from silence mid-answer.
 */
export class ChatEndpoint {
  readonly client: OpenAI;
  profile: EndpointProfile;
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private window: Promise<number | null> | null = null;
  private refusedCaps = new Set<string>();

  constructor(readonly cfg: ChatConfig) {
    const baseFetch = cfg.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
    this.client = new OpenAI({
      apiKey: cfg.apiKey || 'none',
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
    this.profile = cfg.profile ?? newProfile(cfg.preset);
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    if (this.confirmed) this.markReady();
  }

  get confirmed() {
    return this.profile.confirmed && this.profile.confirmedFor === this.signature();
  }

  private update(patch: Partial<EndpointProfile>) {
    this.profile = { ...this.profile, ...patch };
    this.cfg.remember?.(this.profile, this.cfg.model);
    if (this.confirmed) this.markReady();
  }

  /** The effort to send now: the setting's, or what the model took instead of it; null: none. */
  effort(): Effort | null {
    if (this.profile.effortRefused) return null;
    const want = effortFor(this.cfg.effort, this.cfg.model, this.cfg.preset.id);
    const swap = this.profile.effortSwap;
    return want && swap?.asked === want ? swap.use : want;
  }

  /** Output tokens to allow a request whose answer needs `answerTokens`: the answer and room to think. */
  outputCap(answerTokens: number): number {
    const r = reasoningOf(this.cfg.model, this.cfg.preset.id);
    const cap = answerTokens + thinkingAllowance(this.effort(), r.thinks);
    return this.profile.maxOutput ? Math.min(cap, this.profile.maxOutput) : cap;
  }

  /** The model's context window, once per endpoint: the setting, the local server's own figure, or its known size. */
  contextWindow(): Promise<number | null> {
    this.window ??= this.findWindow();
    return this.window;
  }

  private async findWindow(): Promise<number | null> {
    if (this.cfg.contextWindow) return this.cfg.contextWindow;
    const local = this.cfg.preset.localContext;
    if (local) {
      const n = await localContextWindow(local.api, this.cfg.baseURL, this.cfg.model, this.cfg.fetch).catch(() => null);
      this.update({ contextWindow: n ?? local.fallback, contextSource: n ? 'server' : 'default' });
      return n ?? local.fallback;
    }
    // A window the endpoint stated in an error before; else the model's known size.
    if (this.profile.contextSource === 'server' && this.profile.contextWindow) return this.profile.contextWindow;
    const known = knownContextWindow(this.cfg.model);
    if (known && this.profile.contextWindow !== known) this.update({ contextWindow: known, contextSource: 'table' });
    return known;
  }

  /** The endpoint's models, as bare ids (Gemini lists `models/…`). */
  async models(): Promise<string[]> {
    const ids: string[] = [];
    for await (const m of this.client.models.list()) ids.push(bareModelId(m.id));
    return [...new Set(ids)].sort();
  }

  private body(req: ChatRequest) {
    const p = this.profile;
    const format = responseFormat(p.mode, req.format.name, req.format.schema);
    const effort = this.effort();
    const cap = this.outputCap(req.answerTokens);
    return {
      model: this.cfg.model,
      messages: [
        { role: 'system' as const, content: req.system },
        { role: 'user' as const, content: req.user },
      ],
      stream: true as const,
      ...(p.streamOptions && { stream_options: { include_usage: true } }),
      ...(format && { response_format: format }),
      ...(p.tokenParam !== 'none' && { [p.tokenParam]: cap }),
      ...(this.cfg.temperature != null && p.temperature && { temperature: this.cfg.temperature }),
      ...(effort && (this.cfg.preset.effortParam === 'reasoning' ? { reasoning: { effort } } : { reasoning_effort: effort })),
      ...(format && this.cfg.preset.requireParameters && { provider: { require_parameters: true } }),
    };
  }

  /** Changes what the next request sends so that this refusal does not happen again; false when nothing can. */
  private fix(r: Refusal, sent: ReturnType<ChatEndpoint['body']>): boolean {
    const p = this.profile;
    if (r.type === 'format') {
      if (p.mode === 'text') return false;
      this.update({ mode: stepDown(p.mode, r.why), confirmed: false });
      return true;
    }
    if (r.type === 'cap') {
      if (p.maxOutput === r.max) return false;
      this.update({ maxOutput: r.max });
      return true;
    }
    switch (r.param) {
      case 'temperature':
        if (!('temperature' in sent)) return false;
        this.update({ temperature: false });
        return true;
      case 'stream_options':
        if (!p.streamOptions) return false;
        this.update({ streamOptions: false });
        return true;
      case 'max_tokens':
      case 'max_completion_tokens': {
        if (p.tokenParam !== r.param) return false;
        // "Use max_completion_tokens instead" (reasoning models), or a server that knows only max_tokens; neither: no cap.
        this.refusedCaps.add(r.param);
        const other = r.param === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
        this.update({ tokenParam: this.refusedCaps.has(other) ? 'none' : other });
        return true;
      }
      case 'reasoning_effort': {
        const asked = this.effort();
        if (!asked) return false;
        // The lowest value the endpoint named, else the next one up; none left: send no effort at all.
        const named = EFFORTS.filter((e) => r.supported.includes(e));
        const use = named[0] ?? EFFORTS[EFFORTS.indexOf(asked) + 1];
        if (r.value && use && use !== asked) this.update({ effortSwap: { asked: effortFor(this.cfg.effort, this.cfg.model, this.cfg.preset.id)!, use } });
        else this.update({ effortRefused: true });
        return true;
      }
    }
  }

  /** Sends one request (fixing and re-sending what the endpoint refuses) and streams the answer. */
  async chat(req: ChatRequest): Promise<ChatResult> {
    for (let fixes = 0; ; fixes++) {
      const body = this.body(req);
      try {
        return await this.stream(body, req);
      } catch (err) {
        const c = classify(err, { baseURL: this.cfg.baseURL, model: this.cfg.model, formatted: 'response_format' in body });
        const window = c.error.problem.params.window;
        if (typeof window === 'number' && window !== this.profile.contextWindow && !this.cfg.contextWindow) this.update({ contextWindow: window, contextSource: 'server' });
        if (c.refusal && fixes < MAX_FIXES && !req.signal.aborted && this.fix(c.refusal, body)) continue;
        throw c.error;
      }
    }
  }

  private async stream(body: ReturnType<ChatEndpoint['body']>, req: ChatRequest): Promise<ChatResult> {
    const ctl = new AbortController();
    const stop = () => ctl.abort(req.signal.reason);
    req.signal.addEventListener('abort', stop, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (ms: number, code: 'first-token-timeout' | 'stalled') => {
      clearTimeout(timer);
      timer = setTimeout(() => ctl.abort(new ProviderError('transient', problem(code, { s: Math.round(ms / 1000) }))), ms);
    };
    arm(this.cfg.firstTokenMs, 'first-token-timeout');
    const reader = new AnswerReader();
    let usage: Usage | null = null;
    let finish: ChatResult['finish'] = 'other';
    let objects = 0;
    try {
      const stream = await this.client.chat.completions.create(body as OpenAI.ChatCompletionCreateParamsStreaming, { signal: ctl.signal });
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        const delta = choice?.delta as { content?: string | null; reasoning_content?: string | null; reasoning?: string | null } | undefined;
        // Thinking streamed apart (DeepSeek's reasoning_content, OpenRouter's reasoning) shows the model is alive.
        if (delta?.content || delta?.reasoning_content || delta?.reasoning) arm(this.cfg.stallMs, 'stalled');
        if (chunk.usage) usage = { prompt: chunk.usage.prompt_tokens, completion: chunk.usage.completion_tokens, estimated: false };
        if (delta?.content) {
          for (const source of reader.push(delta.content)) {
            // The first item read tells how the endpoint answers: a job's other requests start now, not when this one ends.
            if (++objects === 1) this.learn(body, reader, objects);
            req.onObject?.(source);
          }
          req.onProgress?.(reader);
        }
        if (choice?.finish_reason) finish = choice.finish_reason === 'length' ? 'length' : choice.finish_reason === 'stop' ? 'stop' : 'other';
      }
      // The SDK ends a stream quietly when it is aborted: a timer's abort is a failure, the caller's a cancellation.
      if (ctl.signal.aborted) throw ctl.signal.reason;
    } catch (err) {
      if (ctl.signal.reason instanceof ProviderError) throw ctl.signal.reason;
      if (req.signal.aborted) throw new ProviderError('cancelled', problem('cancelled'), { cause: err });
      throw err;
    } finally {
      clearTimeout(timer);
      req.signal.removeEventListener('abort', stop);
    }
    this.learn(body, reader, objects);
    return {
      text: reader.content,
      finish,
      usage: usage ?? { prompt: countTokens(req.system) + countTokens(req.user), completion: countTokens(reader.content), estimated: true },
      mode: this.profile.mode,
      objects,
    };
  }

  /**
   * What an answer tells of the endpoint: the mode works, or the format was ignored (prose, a fence, a bare array
   * where an object was asked): plain text from then on, read leniently, at no extra request.
   */
  private learn(body: ReturnType<ChatEndpoint['body']>, reader: AnswerReader, objects: number) {
    if (!objects) return;
    const sig = this.signature();
    if ('response_format' in body && reader.shape() !== 'json') this.update({ mode: 'text', ignoresFormat: true, confirmed: true, confirmedFor: sig });
    else if (!this.confirmed) this.update({ confirmed: true, confirmedFor: sig });
  }

  /** What, besides the mode, decides whether a request is taken: a changed setting is confirmed afresh. */
  private signature(): string {
    return `${this.effort() ?? ''}|${this.cfg.temperature != null && this.profile.temperature ? 't' : ''}`;
  }
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

/**
 * The context a local server gives this model, which its `/v1` endpoint cannot raise: Ollama's loaded model
 * (`/api/ps`), else its `num_ctx` parameter (`/api/show`); LM Studio's loaded context (`/api/v0/models/<id>`).
 */
async function localContextWindow(api: 'ollama' | 'lmstudio', baseURL: string, model: string, fetchFn: typeof fetch = fetch): Promise<number | null> {
  const root = baseURL.replace(/\/+$/, '').replace(/\/v1$/, '');
  const json = async (path: string, init?: RequestInit) => {
    const res = await fetchFn(`${root}${path}`, { ...init, signal: AbortSignal.timeout(5000) });
    return res.ok ? ((await res.json()) as Record<string, unknown>) : null;
  };
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);
  if (api === 'lmstudio') {
    const m = await json(`/api/v0/models/${encodeURIComponent(model)}`);
    return int(m?.loaded_context_length);
  }
  const ps = await json('/api/ps').catch(() => null);
  const loaded = (ps?.models as { name?: string; model?: string; context_length?: unknown }[] | undefined)?.find((m) => m.name === model || m.model === model);
  if (int(loaded?.context_length)) return int(loaded!.context_length);
  const show = await json('/api/show', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model }) });
  const numCtx = /(?:^|\n)\s*num_ctx\s+(\d+)/.exec(String(show?.parameters ?? ''))?.[1];
  return numCtx ? Number(numCtx) : null;
}

// The project's own OpenAI-compatible chat-completions server, for unit tests, browser tests and benchmarks. It answers
// the extension's requests deterministically (the summaries name the comment they summarise), paces streams like a
// model, limits concurrency like a busy endpoint, and fails on demand in every way the extension has to survive.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { countTokens, decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { recordedComment, recordedThread } from './recorded';
import { PERSONALITIES, personality as personalityNamed, type Personality, type PersonalityName, type Refusal, type RequestView, type Wrapping } from './personalities';

export { PERSONALITIES, type PersonalityName };

export type Fault =
  | { kind: '401' }
  | { kind: '403' }
  | { kind: '404' }
  | { kind: '429'; retryAfter?: number /* seconds, default 1 */ }
  | { kind: '500' }
  | { kind: 'hang' } // never answers; frees everything when the client disconnects
  | { kind: 'cut'; after?: number } // streams `after` (0..1, default 0.5) of the content chunks, then destroys the socket (non-stream: before answering)
  | { kind: 'invalid-json' } // content that is not valid JSON (a valid prefix, then garbage), finish_reason 'stop'
  | { kind: 'missing-ids'; count?: number } // omits the LAST `count` asked ids (default: half, rounded up)
  | { kind: 'foreign-ids' } // adds items with ids that were not asked, besides the right ones
  | { kind: 'length' }; // content cut at about half, finish_reason 'length'

export interface ServerOptions {
  /** 0 or absent = a random free port. */
  port?: number;
  /** Delay before the first byte of the answer (streams send their headers at once, then wait). */
  firstTokenLatencyMs?: number;
  /** Per stream; 0 or absent = as fast as possible. */
  tokensPerSecond?: number;
  /** Chat requests beyond it wait in a FIFO queue (not rejected); absent = unlimited. */
  maxConcurrency?: number;
  /** When set, a request without `Authorization: Bearer <apiKey>` gets OpenAI's 401 invalid_api_key. */
  apiKey?: string;
  /** Listed by /v1/models (default: the personality's own); other models get 404 model_not_found, except `fault:...`. */
  models?: string[];
  /** How the server behaves as an endpoint (`personalities.ts`); default `lenient`. */
  personality?: PersonalityName;
  /** A personality per model name, over the server's. */
  modelPersonalities?: Record<string, PersonalityName>;
  /** Multiplies every thinking time (a 50 s think at 0.02 is 1 s): tests keep real behaviour at a test's pace. */
  timeScale?: number;
  /** Applies to every chat request (last in precedence). */
  fault?: Fault | null;
  /** Per-request decision, checked first. */
  faultWhen?: (req: RecordedRequest) => Fault | null | undefined;
}

export interface RecordedRequest {
  /** 1-based order of arrival (restarts at reset()). */
  n: number;
  at: number;
  model: string;
  stream: boolean;
  /** From response_format.json_schema.name: 'comment_summaries' → batch, 'thread_meta' → thread. */
  kind: 'batch' | 'score' | 'thread' | 'overview' | 'answer' | 'other';
  /** Ids asked in a batch request, in order. */
  askedIds: number[];
  /** All messages' content, counted with o200k_base. */
  promptTokens: number;
  /** The answer's tokens as this server reports them (its thinking included), 0 until it answers. */
  completionTokens: number;
  body: any;
  /** The fault applied, if any (a refused API key or an unknown model is not a fault: null). */
  fault: Fault | null;
  personality: PersonalityName;
  /** The status of a refusal by the personality (a refused parameter or format, a context error), if any. */
  refused: number | null;
  /** The prompt was over the context window and was cut from its start, silently (Ollama). */
  cut: boolean;
  /** How the answer's JSON was written. */
  wrapping: Wrapping | null;
  /** The request's Authorization header, as sent (tests check where a key goes). */
  authorization: string | null;
}

export interface LlmServer {
  /** 'http://127.0.0.1:PORT/v1' */
  url: string;
  port: number;
  /** Mutable: tests change latency or fault between requests. */
  options: ServerOptions;
  requests: RecordedRequest[];
  /** One-shot faults for the next `times` (default 1) chat requests, FIFO; after faultWhen, before the header. */
  queueFault(f: Fault, times?: number): void;
  /** Highest number of chat requests being answered at once. */
  readonly maxConcurrentSeen: number;
  /** Clears requests (and their numbering), queued faults, maxConcurrentSeen. */
  reset(): void;
  /** Closes, destroying open sockets (hung and queued requests too). */
  close(): Promise<void>;
}

export const DEFAULT_MODELS = PERSONALITIES.lenient.listed;
const KINDS = ['insight', 'experience', 'counterpoint', 'data', 'humour', 'question'] as const;
/** Below this, a timer per chunk costs more than it paces: send the chunks due and wait at least this long. */
const MIN_TICK_MS = 4;

/** `429:2`, `cut:0.3`, `hang`… (kind, then an optional numeric argument) as a Fault; null when it is none. */
export function parseFault(spec: string): Fault | null {
  const [kind, arg, ...rest] = spec.trim().split(':');
  const num = arg === undefined || arg === '' ? undefined : Number(arg);
  if (rest.length || (num !== undefined && !(Number.isFinite(num) && num >= 0))) return null;
  switch (kind) {
    case '429':
      return num === undefined ? { kind } : { kind, retryAfter: num };
    case 'cut':
      return num === undefined ? { kind } : num <= 1 ? { kind, after: num } : null;
    case 'missing-ids':
      return num === undefined ? { kind } : Number.isInteger(num) ? { kind, count: num } : null;
    case '401':
    case '403':
    case '404':
    case '500':
    case 'hang':
    case 'invalid-json':
    case 'foreign-ids':
    case 'length':
      return num === undefined ? { kind } : null;
    default:
      return null;
  }
}

/** A message's text: a string, or the text parts of an array of parts. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p: { text?: unknown }) => (typeof p?.text === 'string' ? p.text : '')).join('');
}

interface AskedComment {
  id: number;
  text: string;
}

/**
 * The comments a batch prompt asks about: every `#id`, `#id ^` or `#id ^parent` header line and the text under it,
 * up to the next header. `^id: …` context lines and the `Thread:` line come before the first header and are skipped.
 */
export function parseBatchPrompt(prompt: string): AskedComment[] {
  const out: { id: number; lines: string[] }[] = [];
  for (const line of prompt.split(/\r?\n/)) {
    // The extension writes a bare `^` for a reply to the comment just before it.
    const header = /^#(\d+)(?: \^(\d*))?$/.exec(line);
    if (header) out.push({ id: Number(header[1]), lines: [] });
    else out.at(-1)?.lines.push(line);
  }
  return out.map((c) => ({ id: c.id, text: c.lines.join('\n').trim() }));
}

/** Deterministic, well spread (FNV-1a of the decimal id), so scores look random but never change. */
export const scoreOf = (id: number): number => {
  let h = 0x811c9dc5;
  for (const ch of String(id)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (h >>> 0) % 101;
};

export const kindOf = (id: number): string => (scoreOf(id) >= 80 ? KINDS[id % KINDS.length]! : 'none');

/** The summary of one comment: Japanese-looking, and naming the comment and the start of its text so tests can check it. */
export function summaryOf(c: AskedComment): string {
  const start = Array.from(c.text.replace(/\r?\n/g, ' ')).slice(0, 24).join('');
  const long = Array.from(c.text).length > 400 ? '長いコメントだけど、要点はこうだと思う。' : '';
  return `コメント${c.id}の要約だよ：「${start}」って話だね。${long}`;
}

/** The first line's title of a `Thread: <title>` prompt. */
const titleOf = (prompt: string) => /^Thread: (.*)$/m.exec(prompt)?.[1]?.trim() ?? '';

/**
 * What a request asks, read from its messages as a model would (a real endpoint has no other clue): comments under
 * `#id` headers are a batch; a system prompt that wants a title is a thread request.
 */
export function requestKind(system: string, prompt: string, formatName: unknown): RecordedRequest['kind'] {
  if (formatName === 'thread_overview' || /"points"\s*:/.test(system)) return 'overview';
  if (formatName === 'thread_answer' || /"found"\s*:/.test(system)) return 'answer';
  // Comments to score, not to write (editor mode): the system prompt asks for no Japanese.
  if (formatName === 'comment_scores' || (parseBatchPrompt(prompt).length && /"score"\s*:/.test(system) && !/"ja"\s*:/.test(system))) return 'score';
  if (parseBatchPrompt(prompt).length) return 'batch';
  if (/"title"\s*:/.test(system) || formatName === 'thread_meta') return 'thread';
  return formatName === 'comment_summaries' ? 'batch' : 'other';
}

type AnswerValue = { comments: AnswerItem[] } | { title: string; tags: string[] } | OverviewValue | QuestionValue | { ok: true };
interface Cited {
  text: string;
  cites: number[];
}
interface OverviewValue {
  points: Cited[];
  mood: string;
  disagreement: string;
}
interface QuestionValue {
  found: boolean;
  answer: Cited[];
}

/** The first sentence of a Japanese text, at most `max` characters. */
const firstSentence = (text: string, max = 48) => {
  const s = text.replace(/\s+/g, ' ').split(/(?<=[。！？!?])/)[0]!.trim();
  return Array.from(s).length > max ? `${Array.from(s).slice(0, max).join('')}…` : s;
};

/** The `#id (score)` summaries of an overview request, in order. */
export function parseOverviewPrompt(prompt: string): { id: number; score: number; ja: string }[] {
  const out: { id: number; score: number; ja: string }[] = [];
  for (const m of prompt.matchAll(/^#(\d+) \((\d+)\)\n(.*)$/gm)) out.push({ id: Number(m[1]), score: Number(m[2]), ja: m[3]! });
  return out;
}

/**
 * An overview derived from the summaries it was given: up to seven points, the best summaries first, each the
 * start of one summary and citing it (and the next best); `foreign-ids` cites ids that were not given.
 */
function overviewOf(prompt: string, fault: Fault | null): OverviewValue {
  const given = parseOverviewPrompt(prompt).sort((a, b) => b.score - a.score);
  const n = Math.min(7, Math.max(3, Math.ceil(given.length / 6)), given.length);
  const points = given.slice(0, n).map((g, i) => ({ text: `${firstSentence(g.ja)}という声が出ている。`, cites: [g.id, ...(given[n + i] ? [given[n + i]!.id] : [])] }));
  if (fault?.kind === 'foreign-ids') {
    points.unshift({ text: 'どこにもないコメントだけを根拠にした要点。', cites: [1, 2] });
    if (points[1]) points[1].cites.push(3);
  }
  const [a, b] = given;
  // In the order the schema asks (points first), as a model with structured output writes it.
  return {
    points,
    mood: `${given.length}件の要約から見ると、おおむね前向きだけど慎重な声も多い。`,
    disagreement: a && b ? `「${firstSentence(a.ja, 20)}」と「${firstSentence(b.ja, 20)}」で意見が分かれている。` : '',
  };
}

/** Words too common to tell what a question is about. */
const ASK_STOP = new Set(['what', 'about', 'does', 'this', 'that', 'with', 'from', 'have', 'there', 'their', 'they', 'will', 'would', 'could', 'should', 'which', 'when', 'where', 'work', 'really']);

/** The question and the `#id user` comments of a question's request. */
export function parseAskPrompt(prompt: string): { question: string; comments: { id: number; by: string; text: string }[] } {
  const question = /^Question: (.*)$/m.exec(prompt)?.[1]?.trim() ?? '';
  const comments: { id: number; by: string; text: string }[] = [];
  for (const line of prompt.split('\n')) {
    const h = /^#(\d+) (\S+)$/.exec(line);
    if (h) comments.push({ id: Number(h[1]), by: h[2]!, text: '' });
    else if (comments.length) comments.at(-1)!.text += `${line}\n`;
  }
  return { question, comments };
}

/**
 * An answer derived from the comments it was given: those sharing a word with the question (English words of four
 * letters or more, kanji / katakana pairs), cited, at most three; none: "the thread does not say".
 */
function answerOf(prompt: string, fault: Fault | null): QuestionValue {
  const { question, comments } = parseAskPrompt(prompt);
  const q = question.toLowerCase();
  const terms = [...(q.match(/[a-z0-9]{4,}/g) ?? []).filter((w) => !ASK_STOP.has(w)), ...[...(q.match(/[\p{Script=Han}\p{Script=Katakana}ー]{2,}/gu) ?? [])].flatMap((r) => Array.from({ length: r.length - 1 }, (_, i) => r.slice(i, i + 2)))];
  // Whole words for English ("play" is not in "display"), any place for kanji / katakana pairs.
  const has = (text: string, t: string) => (/^[a-z0-9]+$/.test(t) ? new RegExp(`\\b${t}\\b`).test(text) : text.includes(t));
  const hits = comments.filter((c) => terms.some((t) => has(c.text.toLowerCase(), t))).slice(0, 3);
  if (!hits.length) return { found: false, answer: [{ text: 'スレッドではその話は出ていないみたい。', cites: [] }] };
  const answer = hits.map((c) => ({ text: `${c.by}さんは「${Array.from(c.text.replace(/\s+/g, ' ').trim()).slice(0, 40).join('')}」と言っている。`, cites: [c.id] }));
  if (fault?.kind === 'foreign-ids') answer.push({ text: '存在しないコメントを根拠にした段落。', cites: [1] });
  return { found: true, answer };
}

interface AnswerItem {
  id: number | string;
  /** Absent in a score's answer. */
  ja?: string;
  score: number;
  kind: string;
}

/** The answer's value for a request, with the content faults applied (an object, or the broken text of `invalid-json`). */
function answerValue(kind: RecordedRequest['kind'], prompt: string, fault: Fault | null, replay = false): AnswerValue {
  if (kind === 'overview') return overviewOf(prompt, fault);
  if (kind === 'answer') return answerOf(prompt, fault);
  if (kind === 'thread') {
    const title = titleOf(prompt);
    const recorded = replay ? recordedThread(title) : null;
    if (recorded) return recorded;
    const word = title.split(/\s+/)[0] || 'スレッド';
    return { title: `「${Array.from(title).slice(0, 30).join('')}」にHNが騒然！？`, tags: ['HN', 'テスト', word, '議論', 'まとめ'] };
  }
  if (kind !== 'batch' && kind !== 'score') return { ok: true };
  const asked = parseBatchPrompt(prompt);
  let items: AnswerItem[] = asked.map((c) => {
    const recorded = replay ? recordedComment(c.id) : null;
    const item = recorded ? { id: c.id, ...recorded } : { id: c.id, ja: summaryOf(c), score: scoreOf(c.id), kind: kindOf(c.id) };
    // A score is the same judgement without the Japanese.
    return kind === 'score' ? { id: item.id, score: item.score, kind: item.kind } : item;
  });
  if (fault?.kind === 'missing-ids') items = items.slice(0, Math.max(0, items.length - (fault.count ?? Math.ceil(items.length / 2))));
  if (fault?.kind === 'foreign-ids') {
    // The smallest ids not asked (1 and 2, in practice): one before the right items, one after.
    const ids = new Set(asked.map((c) => c.id));
    const foreign: number[] = [];
    for (let id = 1; foreign.length < 2; id++) if (!ids.has(id)) foreign.push(id);
    const fake = (id: number) => ({ id, ja: `コメント${id}なんて頼まれてないけど要約したよ。`, score: scoreOf(id), kind: kindOf(id) });
    items = [fake(foreign[0]!), ...items, fake(foreign[1]!)];
  }
  return { comments: items };
}

/** The value written the way this endpoint writes it: as is, fenced, in prose, a bare array with string ids, or no JSON at all. */
function written(value: ReturnType<typeof answerValue>, wrapping: Wrapping): string {
  const json = JSON.stringify(value);
  switch (wrapping) {
    case 'json':
      return json;
    case 'fenced':
      return `Here are the results:\n\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\`\n`;
    case 'prose':
      return `Sure! Here is the JSON you asked for:\n${json}\nLet me know if you want any changes.`;
    case 'bare-array':
      return 'comments' in value ? JSON.stringify(value.comments.map((c) => ({ ...c, id: String(c.id) }))) : json;
    case 'none':
      // No format was asked of a model that honours none: it just talks.
      return 'comments' in value
        ? value.comments.map((c) => `Comment ${c.id}: ${c.ja}`).join('\n')
        : 'title' in value
          ? `A good title would be ${value.title}, tagged ${value.tags.join(', ')}.`
          : 'OK.';
  }
}

/** The answer's content for a request, before streaming or truncation, with the content faults applied. */
function answerContent(kind: RecordedRequest['kind'], prompt: string, fault: Fault | null, wrapping: Wrapping, replay = false): string {
  const content = written(answerValue(kind, prompt, fault, replay), wrapping);
  // A valid prefix, then what a confused model might write: never parses.
  if (fault?.kind === 'invalid-json') return `${content.slice(0, Math.floor(content.length / 2))} <<oops, lost my place>> ]}`;
  return content;
}

/** The stream's "tokens": one non-ASCII character, or up to 4 ASCII characters. */
export const tokenize = (content: string): string[] => content.match(/[\x00-\x7f]{1,4}|[^\x00-\x7f]/gsu) ?? [];

const errorBody = (message: string, type: string, code: string | null) => JSON.stringify({ error: { message, type, param: null, code } });

function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

const notFoundModel = (res: ServerResponse, model: string) =>
  sendJson(res, 404, errorBody(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'));

/** Waits `ms`; false (at once) when the request is gone before. */
const sleep = (ms: number, gone: AbortSignal): Promise<boolean> =>
  gone.aborted ? Promise.resolve(false) : ms > 0 ? delay(ms, true, { signal: gone }).catch(() => false) : Promise.resolve(true);

export async function startLlmServer(opts: ServerOptions = {}): Promise<LlmServer> {
  let options = opts; // read at every use: tests change it, or replace it, between requests
  const requests: RecordedRequest[] = [];
  let queued: Fault[] = [];
  let arrivals = 0;
  let otherRequests = 0;
  let active = 0;
  let maxConcurrentSeen = 0;
  /** Requests waiting for a slot, oldest first. */
  const waiting: (() => void)[] = [];

  const pump = () => {
    while (waiting.length && active < (options.maxConcurrency ?? Infinity)) waiting.shift()!();
  };

  /** Takes a slot (FIFO): true once taken, held until the response closes; false if the client left first. */
  const acquire = (res: ServerResponse, gone: AbortSignal) =>
    new Promise<boolean>((resolve) => {
      if (gone.aborted) return resolve(false);
      const take = () => {
        gone.removeEventListener('abort', drop);
        active++;
        maxConcurrentSeen = Math.max(maxConcurrentSeen, active);
        // 'close' comes both when the response ends and when the socket goes first.
        res.once('close', () => {
          active--;
          pump();
        });
        resolve(true);
      };
      const drop = () => {
        waiting.splice(waiting.indexOf(take), 1);
        resolve(false);
      };
      gone.addEventListener('abort', drop, { once: true });
      waiting.push(take);
      pump();
    });

  const authorized = (req: IncomingMessage) => !options.apiKey || req.headers.authorization === `Bearer ${options.apiKey}`;
  const refuseKey = (res: ServerResponse) =>
    sendJson(
      res,
      401,
      errorBody(
        'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
        'invalid_request_error',
        'invalid_api_key',
      ),
    );

  /** The personality for a request: named in the request, by its model, or the server's. */
  const personalityFor = (req: IncomingMessage, model: string): Personality => {
    const header = req.headers['x-test-personality'];
    return (
      personalityNamed(typeof header === 'string' ? header : undefined) ??
      personalityNamed(options.modelPersonalities?.[model]) ??
      personalityNamed(options.personality) ??
      PERSONALITIES.lenient
    );
  };
  const listed = (p: Personality) => options.models ?? p.listed;
  const scale = (ms: number) => ms * (options.timeScale ?? 1);
  const refuse = (res: ServerResponse, r: Refusal) => sendJson(res, r.status, JSON.stringify(r.body));

  async function chat(req: IncomingMessage, res: ServerResponse, gone: AbortSignal) {
    let raw = '';
    try {
      for await (const chunk of req) raw += chunk;
    } catch {
      return; // the client left while sending
    }
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    if (typeof body !== 'object' || body === null || typeof body.model !== 'string' || !Array.isArray(body.messages))
      return sendJson(res, 400, errorBody('We could not parse the JSON body of your request, or it lacks model or messages.', 'invalid_request_error', null));

    const messages: { role?: unknown; content?: unknown }[] = body.messages;
    const persona = personalityFor(req, body.model);
    const system = messages
      .filter((m) => m?.role === 'system' || m?.role === 'developer')
      .map((m) => textOf(m.content))
      .join('\n');
    let prompt = textOf(messages.findLast((m) => m?.role === 'user')?.content);
    const all = messages.map((m) => textOf(m?.content)).join('\n');
    const kind = requestKind(system, prompt, body.response_format?.json_schema?.name);
    const rec: RecordedRequest = {
      n: ++arrivals,
      at: Date.now(),
      model: body.model,
      stream: body.stream === true,
      kind,
      askedIds: kind === 'batch' || kind === 'score' ? parseBatchPrompt(prompt).map((c) => c.id) : [],
      promptTokens: messages.reduce((sum, m) => sum + countTokens(textOf(m?.content)), 0),
      completionTokens: 0,
      body,
      fault: null,
      personality: persona.name,
      refused: null,
      cut: false,
      wrapping: null,
      authorization: req.headers.authorization ?? null,
    };
    requests.push(rec);
    res.setHeader('x-request-id', `req_test_${rec.n}`);

    if (persona.checksKey !== false && !authorized(req)) return persona.badKey ? refuse(res, persona.badKey()) : refuseKey(res);
    const modelFault = rec.model.startsWith('fault:') ? parseFault(rec.model.slice('fault:'.length)) : null;
    const models = listed(persona);
    // A model given its own personality is known by that; otherwise as the personality lists it.
    const known = options.modelPersonalities?.[rec.model] ? rec.model : persona.resolve ? persona.resolve(rec.model, models) : models.includes(rec.model) ? rec.model : null;
    if (!modelFault && known == null) return notFoundModel(res, rec.model);
    const header = req.headers['x-test-fault'];
    const headerFault = typeof header === 'string' ? parseFault(header) : null;
    if (typeof header === 'string' && !headerFault)
      return sendJson(res, 400, errorBody(`Unknown x-test-fault: ${header}`, 'invalid_request_error', null));

    const view: RequestView = { body, model: known ?? rec.model, text: all, promptTokens: rec.promptTokens };
    const refusal = persona.refuse?.(view);
    if (refusal) {
      rec.refused = refusal.status;
      return refuse(res, refusal);
    }
    // The output cap, as far as this endpoint honours the parameter it came in.
    const capParam = persona.caps.find((c) => typeof body[c] === 'number');
    const cap: number | undefined = capParam ? body[capParam] : undefined;
    if (persona.context) {
      const { tokens: window, overflow, withCap } = persona.context;
      const need = rec.promptTokens + (withCap ? (cap ?? 0) : 0);
      if (need > window) {
        if (overflow !== 'cut-start') {
          rec.refused = overflow.status;
          return refuse(res, overflow);
        }
        // What the model sees: the last `window` tokens of the whole prompt, system prompt first to go.
        rec.cut = true;
        const kept = decode(encode(all).slice(-window));
        prompt = kept.slice(Math.max(0, kept.length - prompt.length));
        rec.askedIds = kind === 'batch' || kind === 'score' ? parseBatchPrompt(prompt).map((c) => c.id) : [];
      }
    }

    // Precedence: faultWhen → queued → header → model name → options.fault. `??` stops at the first, so a queued
    // fault is only used up by a request it applies to.
    const fault = options.faultWhen?.(rec) ?? queued.shift() ?? headerFault ?? modelFault ?? options.fault ?? null;
    rec.fault = fault;

    // Refusals come at once, without a slot, as a gateway would send them.
    switch (fault?.kind) {
      case '401':
        return refuseKey(res);
      case '403':
        return sendJson(res, 403, errorBody('You are not allowed to use this model (test fault).', 'invalid_request_error', 'permission_denied'));
      case '404':
        return notFoundModel(res, rec.model);
      case '429': {
        const wait = fault.retryAfter ?? 1;
        const message = `Rate limit reached for ${rec.model} (test fault). Please try again in ${wait}s.`;
        return sendJson(res, 429, errorBody(message, 'requests', 'rate_limit_exceeded'), { 'retry-after': String(wait) });
      }
      case '500':
        return sendJson(res, 500, errorBody('The server had an error while processing your request. Sorry about that!', 'server_error', null));
    }

    if (!(await acquire(res, gone))) return;
    // Holds its slot, answers nothing: the client's timeout ends it, and 'close' frees the slot.
    if (fault?.kind === 'hang') return;

    const latency = options.firstTokenLatencyMs ?? 0;
    const tps = options.tokensPerSecond ?? 0;
    const think = scale(persona.thinkMs?.(view) ?? 0);
    const thinkTokens = persona.reasoningTokens?.(view) ?? 0;
    rec.wrapping = persona.wrapping(view);
    const inline = persona.thinkInline ? `<think>\nThe user wants Japanese summaries. Let me read each comment {and} keep "quotes" in mind.\n</think>\n\n` : '';
    let tokens = tokenize(inline + answerContent(kind, prompt, fault, rec.wrapping, persona.replays));
    let finish: 'stop' | 'length' = 'stop';
    // Thinking is paid from the same cap: a cap below it leaves the answer cut, or empty.
    const room = cap === undefined ? Infinity : Math.max(0, cap - thinkTokens);
    if (fault?.kind === 'length' || tokens.length > room) {
      tokens = tokens.slice(0, fault?.kind === 'length' ? Math.ceil(tokens.length / 2) : room);
      finish = 'length';
    }
    const content = tokens.join('');
    const seen = rec.cut ? persona.context!.tokens : rec.promptTokens;
    const completion = tokens.length + thinkTokens;
    rec.completionTokens = completion;
    const usage = {
      prompt_tokens: seen,
      completion_tokens: completion,
      total_tokens: seen + completion,
      ...(thinkTokens && { completion_tokens_details: { reasoning_tokens: thinkTokens } }),
    };
    const base = { id: `chatcmpl-test-${rec.n}`, created: Math.floor(rec.at / 1000), model: rec.model };

    if (!rec.stream) {
      if (!(await sleep(latency + think, gone))) return;
      if (fault?.kind === 'cut') return void res.destroy();
      const message = { role: 'assistant', content, refusal: null };
      return sendJson(res, 200, JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, logprobs: null, finish_reason: finish }], usage }));
    }

    const withUsage = persona.usage === 'always' || (persona.usage === 'on-request' && body.stream_options?.include_usage === true);
    // OpenAI's exact chunk shape; with include_usage every chunk carries `usage: null` but the last.
    const chunk = (delta: object, finishReason: string | null = null) =>
      `data: ${JSON.stringify({
        ...base,
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
        ...(withUsage ? { usage: null } : {}),
      })}\n\n`;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    res.flushHeaders();
    if (!(await sleep(latency, gone))) return;
    // Thinking: silence (OpenAI sends nothing), streamed thoughts (DeepSeek, OpenRouter), or keep-alive comments.
    const thinkEnd = Date.now() + think;
    while (Date.now() < thinkEnd) {
      const step = Math.min(thinkEnd - Date.now(), persona.reasoningField ? 200 : persona.keepAlive ? 1000 : thinkEnd - Date.now());
      if (!(await sleep(step, gone))) return;
      if (persona.reasoningField) res.write(chunk({ [persona.reasoningField]: 'Thinking about the comments… ' }));
      else if (persona.keepAlive) res.write(': OPENROUTER PROCESSING\n\n');
    }
    // Resolves once the text has left for the socket: a cut must not drop what was already "sent".
    let flushed = Promise.resolve();
    const send = (text: string) => {
      flushed = new Promise((resolve) => res.write(text, () => resolve()));
    };
    send(chunk({ role: 'assistant', content: '', refusal: null }));

    const end = fault?.kind === 'cut' ? Math.floor(tokens.length * (fault.after ?? 0.5)) : tokens.length;
    // Token k is due `k / tps` seconds after the first: each tick sends every token due by now, so the average rate
    // holds whatever the timers' granularity, and waits until the next one is due (at least MIN_TICK_MS).
    const interval = tps > 0 ? 1000 / tps : 0;
    const start = Date.now();
    let sent = 0;
    while (sent < end) {
      const due = interval ? Math.min(end, 1 + Math.floor((Date.now() - start) / interval)) : end;
      let out = '';
      while (sent < due) out += chunk({ content: tokens[sent++] });
      send(out);
      if (sent < end && !(await sleep(Math.max(MIN_TICK_MS, start + sent * interval - Date.now()), gone))) return;
    }
    // The connection drops mid-answer, once what was sent has left.
    if (fault?.kind === 'cut') return void flushed.then(() => res.destroy());
    res.write(chunk({}, finish));
    if (withUsage) res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage })}\n\n`);
    res.end('data: [DONE]\n\n');
  }

  /** The local servers' own APIs that tell a model's context: Ollama's `/api/show` and `/api/ps`, LM Studio's `/api/v0/models/<id>`. */
  async function localApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const persona = personalityNamed(options.personality);
    const window = persona?.context?.tokens;
    if (persona?.name === 'ollama' && path === '/api/ps' && req.method === 'GET') {
      sendJson(res, 200, JSON.stringify({ models: [] }));
      return true;
    }
    if (persona?.name === 'ollama' && path === '/api/show' && req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const model = (JSON.parse(raw || '{}') as { model?: string }).model ?? '';
      if (!listed(persona).includes(model)) sendJson(res, 404, JSON.stringify({ error: `model '${model}' not found` }));
      // The model's own maximum is large; the context it runs with is Ollama's default, which /api/show does not state.
      else sendJson(res, 200, JSON.stringify({ parameters: 'stop "<|eot_id|>"', model_info: { 'general.architecture': 'llama', 'llama.context_length': 131072 }, capabilities: ['completion'] }));
      return true;
    }
    if (persona?.name === 'lmstudio' && path.startsWith('/api/v0/models/') && req.method === 'GET') {
      const id = decodeURIComponent(path.slice('/api/v0/models/'.length));
      if (!listed(persona).includes(id)) sendJson(res, 404, JSON.stringify({ error: 'Model not found' }));
      else sendJson(res, 200, JSON.stringify({ id, object: 'model', type: 'llm', state: 'loaded', max_context_length: 32768, loaded_context_length: window }));
      return true;
    }
    return false;
  }

  const server = createServer((req, res) => {
    // Every answer may be read by a page or an extension: the SDK reads retry-after and x-request-id.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', '*');
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const path = (req.url ?? '/').split('?')[0] ?? '/';

    if (req.method === 'OPTIONS') {
      // `*` does not cover Authorization (Fetch spec): it is named as well, or a page could not send a key.
      res.writeHead(204, {
        'access-control-allow-headers': '*, Authorization',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-max-age': '600',
      });
      return res.end();
    }
    if (req.method === 'GET' && path === '/v1/models') {
      res.setHeader('x-request-id', `req_test_models_${++otherRequests}`);
      const persona = personalityNamed(options.personality) ?? PERSONALITIES.lenient;
      if (persona.checksKey !== false && !authorized(req)) return persona.badKey ? refuse(res, persona.badKey()) : refuseKey(res);
      const created = Math.floor(Date.now() / 1000);
      const data = listed(personalityNamed(options.personality) ?? PERSONALITIES.lenient).map((id) => ({ id, object: 'model', created, owned_by: 'hn-matome-test' }));
      return sendJson(res, 200, JSON.stringify({ object: 'list', data }));
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      chat(req, res, gone.signal).catch((err: unknown) => {
        // A bug here must show, not hang the test that met it.
        console.error('LLM test server:', err);
        if (!res.headersSent) sendJson(res, 500, errorBody(`Test server bug: ${(err as Error)?.message}`, 'server_error', null));
        else res.destroy();
      });
      return;
    }
    if (path.startsWith('/api/')) {
      localApi(req, res, path)
        .then((done) => done || sendJson(res, 404, JSON.stringify({ error: 'not found' })))
        .catch(() => res.destroy());
      return;
    }
    sendJson(res, 404, errorBody(`Invalid URL (${req.method} ${path})`, 'invalid_request_error', null));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    get options() {
      return options;
    },
    set options(next) {
      options = next;
    },
    requests,
    queueFault(f, times = 1) {
      for (let i = 0; i < times; i++) queued.push(f);
    },
    get maxConcurrentSeen() {
      return maxConcurrentSeen;
    },
    reset() {
      requests.length = 0;
      queued = [];
      arrivals = 0;
      maxConcurrentSeen = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

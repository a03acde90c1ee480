// The test server itself, through the real `openai` client (and plain fetch where the wire matters): if it lies here,
// every test built on it lies too.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  AuthenticationError,
  InternalServerError,
  NotFoundError,
  OpenAIError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { LengthFinishReasonError } from 'openai/core/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { batchPrompt, threadPrompt } from '@/lib/summarize/prompt';
import { BATCH_FORMAT, BatchAnswer, THREAD_FORMAT, ThreadMeta } from '@/lib/summarize/schema';
import { readShared, sharedTest } from '../support/shared';
import { kindOf, parseFault, scoreOf, startLlmServer, tokenize, type Fault, type LlmServer } from '../llm-server/server';

let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.options = {};
});

const client = (opts: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) => new OpenAI({ baseURL: server.url, apiKey: 'k', maxRetries: 0, ...opts });

// A batch as the extension writes it: a reply to a parent outside the batch, a reply to the comment before (bare `^`),
// a top-level comment over 400 characters.
const story = { id: 48351000, title: 'Show HN: A tiny OpenAI-compatible server for tests' };
const items = [
  { id: 48351877, parentId: 48351450, text: 'First line of a reply\nsecond line\n\nA second paragraph.' },
  { id: 48352177, parentId: 48351877, text: 'これは日本語のコメントです。テストだよ。' },
  { id: 48352200, parentId: story.id, text: 'Long. '.repeat(80) },
];
const PROMPT = batchPrompt(story, items, (id) => (id === 48351450 ? 'The parent, outside this batch.' : undefined));
const SYSTEM = 'You summarise Hacker News comments in Japanese.';
const batchMessages = [
  { role: 'system' as const, content: SYSTEM },
  { role: 'user' as const, content: PROMPT },
];
const batchFormat = zodResponseFormat(BatchAnswer, BATCH_FORMAT);
const threadFormat = zodResponseFormat(ThreadMeta, THREAD_FORMAT);

/** A batch request, not streamed, and its answer's items (or null when the content does not parse). */
async function askBatch(c = client(), model = 'matome-test-1') {
  const res = await c.chat.completions.create({ model, messages: batchMessages, response_format: batchFormat });
  const choice = res.choices[0]!;
  let ids: number[] | null = null;
  try {
    ids = (JSON.parse(choice.message.content!) as BatchAnswer).comments.map((x) => x.id);
  } catch {
    ids = null;
  }
  return { res, content: choice.message.content!, finish: choice.finish_reason, ids };
}

/** The content the server answers this batch with when nothing goes wrong. */
async function fullBatchContent() {
  const { content } = await askBatch();
  server.reset();
  return content;
}

/** A raw POST to the chat endpoint, for what the SDK hides. */
const post = (body: object, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer k', ...headers },
    body: JSON.stringify(body),
  });

/** The JSON payloads of an SSE body, `[DONE]` kept as a string. */
const sse = (text: string) =>
  text
    .split('\n\n')
    .filter(Boolean)
    .map((event) => {
      expect(event.startsWith('data: ')).toBe(true);
      const data = event.slice('data: '.length);
      return data === '[DONE]' ? data : JSON.parse(data);
    });

sharedTest('the recorded personality replays the Japanese written for a real thread; comments without a recording get the generated one', async () => {
  const recorded = JSON.parse(readShared('fixtures/answers/item-48350598.ja.json'));
  const want = new Map(recorded.comments.map((c: { id: number }) => [c.id, c]));
  server.options.personality = 'recorded';
  const res = await client().chat.completions.parse({ model: 'gpt-4.1-mini', messages: batchMessages, response_format: batchFormat });
  const [first, second, third] = res.choices[0]!.message.parsed!.comments;
  expect(first).toEqual(want.get(48351877));
  expect(second).toEqual(want.get(48352177));
  expect(third!.ja).toContain('コメント48352200の要約だよ');
  const html = readShared('fixtures/hn/item-48350598.html');
  const title = /<span class="titleline"><a[^>]*>([^<]*)/.exec(html)![1]!.trim();
  const meta = await client().chat.completions.parse({
    model: 'gpt-4.1-mini',
    messages: [{ role: 'user', content: threadPrompt({ id: 48350598, title, site: 'tylercipriani.com' }, ['A top comment.']) }],
    response_format: threadFormat,
  });
  expect(meta.choices[0]!.message.parsed).toEqual(recorded.thread);
});

describe('answers', () => {
  test('a batch: every asked id in order, a Japanese summary naming the comment and its start, stable scores and kinds', async () => {
    const res = await client().chat.completions.parse({ model: 'matome-test-1', messages: batchMessages, response_format: batchFormat });
    const answer = res.choices[0]!.message.parsed!; // parsed with the extension's own schema
    expect(answer.comments.map((c) => c.id)).toEqual(items.map((c) => c.id));
    const [first, second, long] = answer.comments;
    expect(first!.ja).toBe('コメント48351877の要約だよ：「First line of a reply se」って話だね。');
    expect(second!.ja).toBe('コメント48352177の要約だよ：「これは日本語のコメントです。テストだよ。」って話だね。');
    expect(long!.ja).toContain('コメント48352200の要約だよ：「Long. Long. Long. Long. 」');
    expect(long!.ja).toMatch(/長いコメントだけど、要点はこうだと思う。$/);
    for (const c of answer.comments) {
      expect(c.score).toBe(scoreOf(c.id));
      expect(c.kind).toBe(kindOf(c.id));
    }
    expect(res.choices[0]!.finish_reason).toBe('stop');

    const [rec] = server.requests;
    expect(rec).toMatchObject({ n: 1, model: 'matome-test-1', stream: false, kind: 'batch', askedIds: items.map((c) => c.id), fault: null });
    expect(rec!.promptTokens).toBe(countTokens(SYSTEM) + countTokens(PROMPT));
    expect(res.usage).toEqual({
      prompt_tokens: rec!.promptTokens,
      completion_tokens: tokenize(res.choices[0]!.message.content!).length,
      total_tokens: rec!.promptTokens + tokenize(res.choices[0]!.message.content!).length,
    });
    // The same answer every time.
    expect((await askBatch()).content).toBe(res.choices[0]!.message.content);
  });

  test('scores spread over 0..100 and the best ones get one of the six highlight kinds by id % 6', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => 48_000_000 + i * 7);
    const scores = ids.map(scoreOf);
    expect(Math.min(...scores)).toBe(0);
    expect(Math.max(...scores)).toBe(100);
    const high = ids.filter((id) => scoreOf(id) >= 80);
    expect(high.length / ids.length).toBeGreaterThan(0.1);
    expect(high.length / ids.length).toBeLessThan(0.3);
    for (const id of ids) expect(kindOf(id)).toBe(scoreOf(id) >= 80 ? ['insight', 'experience', 'counterpoint', 'data', 'humour', 'question'][id % 6] : 'none');
  });

  test("a thread request: a headline from the title's start, five tags", async () => {
    const prompt = threadPrompt({ ...story, site: 'example.com' }, ['A top comment.']);
    const res = await client().chat.completions.parse({
      model: 'matome-test-2',
      messages: [{ role: 'user', content: prompt }],
      response_format: threadFormat,
    });
    expect(res.choices[0]!.message.parsed).toEqual({ title: '「Show HN: A tiny OpenAI-compati」にHNが騒然！？', tags: ['HN', 'テスト', 'Show', '議論', 'まとめ'] });
    expect(server.requests[0]).toMatchObject({ kind: 'thread', askedIds: [] });
  });

  test('any other request: {"ok":true}; content given as parts counts too; max_tokens cuts with finish_reason length', async () => {
    const res = await client().chat.completions.create({ model: 'matome-test-1', messages: [{ role: 'user', content: [{ type: 'text', text: 'Say OK.' }] }] });
    expect(res.choices[0]!.message).toEqual({ role: 'assistant', content: '{"ok":true}', refusal: null });
    expect(server.requests[0]).toMatchObject({ kind: 'other', promptTokens: countTokens('Say OK.') });

    const short = await client().chat.completions.create({ model: 'matome-test-1', messages: [{ role: 'user', content: 'Say OK.' }], max_tokens: 2 });
    expect(short.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: '{"ok":tr' } });
    expect(short.usage!.completion_tokens).toBe(2);
  });

  test('models: the list, with the apiKey honoured there and on chat', async () => {
    expect((await client().models.list()).data).toEqual([
      { id: 'matome-test-1', object: 'model', created: expect.any(Number), owned_by: 'hn-matome-test' },
      { id: 'matome-test-2', object: 'model', created: expect.any(Number), owned_by: 'hn-matome-test' },
    ]);

    const locked = await startLlmServer({ apiKey: 'sk-right', models: ['only-one'] });
    try {
      const as = (apiKey: string) => new OpenAI({ baseURL: locked.url, apiKey, maxRetries: 0 });
      expect((await as('sk-right').models.list()).data.map((m) => m.id)).toEqual(['only-one']);
      await expect(as('sk-wrong').models.list()).rejects.toBeInstanceOf(AuthenticationError);
      const err = await as('sk-wrong')
        .chat.completions.create({ model: 'only-one', messages: [{ role: 'user', content: 'hi' }] })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthenticationError);
      expect((err as AuthenticationError).code).toBe('invalid_api_key');
      await expect(as('sk-right').chat.completions.create({ model: 'only-one', messages: [{ role: 'user', content: 'hi' }] })).resolves.toBeTruthy();
      // No key at all.
      const bare = await fetch(`${locked.url}/models`);
      expect(bare.status).toBe(401);
    } finally {
      await locked.close();
    }
  });

  test('an unknown model, or a fault: model that is no fault, is 404 model_not_found', async () => {
    for (const model of ['gpt-nonexistent', 'fault:banana', 'fault:429:x']) {
      const err = await askBatch(client(), model).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NotFoundError);
      expect((err as NotFoundError).code).toBe('model_not_found');
    }
  });
});

describe('streaming', () => {
  test("OpenAI's chunk shape: role first, content deltas, finish, usage, [DONE]", async () => {
    const full = await fullBatchContent();
    const res = await post({ model: 'matome-test-1', messages: batchMessages, response_format: batchFormat, stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = sse(await res.text());
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1);
    for (const c of chunks) expect(c).toMatchObject({ id: 'chatcmpl-test-1', object: 'chat.completion.chunk', created: expect.any(Number), model: 'matome-test-1' });
    expect(chunks[0].choices).toEqual([{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }]);
    const content = chunks.slice(1, -2);
    expect(content.map((c) => c.choices[0].delta.content).join('')).toBe(full);
    expect(content.every((c) => c.choices[0].finish_reason === null)).toBe(true);
    expect(chunks.at(-2).choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: server.requests[0]!.promptTokens, completion_tokens: content.length } });

    // Without include_usage: no usage chunk.
    const plain = sse(await (await post({ model: 'matome-test-1', messages: batchMessages, stream: true })).text());
    expect(plain.at(-2).choices[0].finish_reason).toBe('stop');
    expect(plain.some((c) => c !== '[DONE]' && 'usage' in c)).toBe(false);
  });

  test('the SDK gets deltas one by one: after the first-token latency, at the set rate, before the end', async () => {
    server.options.firstTokenLatencyMs = 200;
    server.options.tokensPerSecond = 100;
    const t0 = Date.now();
    const stream = client().chat.completions.stream({
      model: 'matome-test-1',
      messages: [{ role: 'user', content: threadPrompt(story, []) }],
      response_format: threadFormat,
      stream_options: { include_usage: true },
    });
    const at: number[] = [];
    stream.on('content.delta', () => at.push(Date.now() - t0));
    const final = await stream.finalChatCompletion();
    const end = Date.now() - t0;

    expect(final.choices[0]!.message.parsed).toMatchObject({ tags: ['HN', 'テスト', 'Show', '議論', 'まとめ'] });
    expect(at.length).toBe(final.usage!.completion_tokens);
    expect(at.length).toBeGreaterThan(20);
    expect(at[0]!).toBeGreaterThanOrEqual(190);
    // 10 ms a token; timers may run late, never early on average.
    const span = at.at(-1)! - at[0]!;
    expect(span).toBeGreaterThanOrEqual((at.length - 1) * 10 * 0.9);
    expect(span).toBeLessThan((at.length - 1) * 10 * 2);
    expect(at[0]!).toBeLessThan(end - span * 0.9);
  });

  test('a fast rate sends several chunks a tick and keeps the average', async () => {
    const n = tokenize(await fullBatchContent()).length;
    server.options.tokensPerSecond = 2000; // 0.5 ms a token: below the timers' grain
    const t0 = Date.now();
    const events = sse(await (await post({ model: 'matome-test-1', messages: batchMessages, response_format: batchFormat, stream: true })).text());
    const elapsed = Date.now() - t0;
    expect(events.length).toBe(n + 3); // role, content, finish, [DONE]
    expect(elapsed).toBeGreaterThanOrEqual(((n - 1) / 2000) * 1000 * 0.9);
    expect(elapsed).toBeLessThan(((n - 1) / 2000) * 1000 * 2 + 200);
  });
});

describe('faults', () => {
  test('each refusal becomes the SDK error for its status, streaming or not, with OpenAI error bodies', async () => {
    const cases: [Fault, new (...args: any[]) => Error, number, string, string | null][] = [
      [{ kind: '401' }, AuthenticationError, 401, 'invalid_request_error', 'invalid_api_key'],
      [{ kind: '403' }, PermissionDeniedError, 403, 'invalid_request_error', 'permission_denied'],
      [{ kind: '404' }, NotFoundError, 404, 'invalid_request_error', 'model_not_found'],
      [{ kind: '429', retryAfter: 0 }, RateLimitError, 429, 'requests', 'rate_limit_exceeded'],
      [{ kind: '500' }, InternalServerError, 500, 'server_error', null],
    ];
    for (const [fault, Err, status, type, code] of cases) {
      server.options.fault = fault;
      await expect(askBatch()).rejects.toBeInstanceOf(Err);
      const stream = client().chat.completions.stream({ model: 'matome-test-1', messages: batchMessages });
      await expect(stream.finalChatCompletion()).rejects.toBeInstanceOf(Err);

      const res = await post({ model: 'matome-test-1', messages: batchMessages });
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ error: { message: expect.any(String), type, param: null, code } });
    }
    expect(server.requests.map((r) => r.fault)).toEqual(cases.flatMap(([f]) => [f, f, f]));
  });

  test('429 sets Retry-After, and the SDK waits that long before it retries', async () => {
    server.queueFault({ kind: '429' }); // retryAfter defaults to 1 s
    const t0 = Date.now();
    const { ids } = await askBatch(client({ maxRetries: 1 }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(ids).toEqual(items.map((c) => c.id));
    expect(server.requests.map((r) => r.fault)).toEqual([{ kind: '429' }, null]);

    const res = await post({ model: 'fault:429:7', messages: batchMessages });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
  });

  test('hang: no answer until the SDK times out; the slot is freed, for streams too', async () => {
    server.options.maxConcurrency = 1;
    server.queueFault({ kind: 'hang' }, 2);
    await expect(askBatch(client({ timeout: 300 }))).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    const stream = client({ timeout: 300 }).chat.completions.stream({ model: 'matome-test-1', messages: batchMessages });
    await expect(stream.finalChatCompletion()).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    // With one slot, this would wait forever had a hung request kept it.
    const t0 = Date.now();
    expect((await askBatch(client({ timeout: 2000 }))).ids).toEqual(items.map((c) => c.id));
    expect(Date.now() - t0).toBeLessThan(500);
    expect(server.maxConcurrentSeen).toBe(1);
  });

  test('cut, not streaming: the connection drops before any answer', async () => {
    server.options.fault = { kind: 'cut' };
    const err = await askBatch().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(err).not.toBeInstanceOf(APIConnectionTimeoutError);
  });

  test('cut, streaming: the first part of the content arrives, then the SDK throws', async () => {
    const full = await fullBatchContent();
    const stream = client().chat.completions.stream({ model: 'fault:cut:0.3', messages: batchMessages, response_format: batchFormat });
    let got = '';
    stream.on('content.delta', ({ delta }) => (got += delta));
    await expect(stream.finalChatCompletion()).rejects.toThrow();
    expect(got.length).toBeGreaterThan(0);
    expect(full.startsWith(got)).toBe(true);
    expect(tokenize(got).length).toBe(Math.floor(tokenize(full).length * 0.3));
    expect(server.requests[0]!.fault).toEqual({ kind: 'cut', after: 0.3 });
  });

  test('invalid-json: a valid start, then garbage, finish_reason stop; the SDK cannot parse it', async () => {
    server.options.fault = { kind: 'invalid-json' };
    const { content, finish, ids } = await askBatch();
    expect(finish).toBe('stop');
    expect(ids).toBeNull();
    expect(content.startsWith('{"comments":[{"id":48351877,')).toBe(true);
    const stream = client().chat.completions.stream({ model: 'matome-test-1', messages: batchMessages, response_format: batchFormat });
    // openai 7 wraps the parse failure: an OpenAIError whose cause is the SyntaxError.
    const err = await stream.finalChatCompletion().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAIError);
    expect((err as Error).cause).toBeInstanceOf(SyntaxError);
  });

  test('missing-ids: the last asked ids are left out (half, rounded up, by default)', async () => {
    server.options.fault = { kind: 'missing-ids' };
    expect((await askBatch()).ids).toEqual(items.slice(0, 1).map((c) => c.id));
    expect((await askBatch(client(), 'fault:missing-ids:1')).ids).toEqual(items.slice(0, 2).map((c) => c.id));
  });

  test('foreign-ids: ids that were not asked come besides the right ones', async () => {
    server.queueFault({ kind: 'foreign-ids' });
    const { ids, finish } = await askBatch();
    expect(finish).toBe('stop');
    expect(ids!.filter((id) => items.some((c) => c.id === id))).toEqual(items.map((c) => c.id));
    expect(ids!.filter((id) => !items.some((c) => c.id === id))).toEqual([1, 2]);
  });

  test("length: about half the content, finish_reason length; the SDK's stream helper raises it", async () => {
    const full = await fullBatchContent();
    server.options.fault = { kind: 'length' };
    const { content, finish, res } = await askBatch();
    expect(finish).toBe('length');
    expect(full.startsWith(content)).toBe(true);
    expect(content.length / full.length).toBeGreaterThan(0.35);
    expect(content.length / full.length).toBeLessThan(0.65);
    expect(res.usage!.completion_tokens).toBe(Math.ceil(tokenize(full).length / 2));

    const events = sse(await (await post({ model: 'matome-test-1', messages: batchMessages, stream: true })).text());
    expect(events.at(-2).choices[0].finish_reason).toBe('length');
    const stream = client().chat.completions.stream({ model: 'matome-test-1', messages: batchMessages, response_format: batchFormat });
    await expect(stream.finalChatCompletion()).rejects.toBeInstanceOf(LengthFinishReasonError);
  });

  test('precedence: faultWhen, then queued, then the x-test-fault header, then the model name, then options.fault', async () => {
    const status = (model: string, header?: string) => post({ model, messages: batchMessages }, header ? { 'x-test-fault': header } : {}).then((r) => r.status);
    server.options.fault = { kind: '500' };
    expect(await status('matome-test-1')).toBe(500);
    expect(await status('fault:403')).toBe(403);
    expect(await status('fault:403', '404')).toBe(404);
    server.queueFault({ kind: '401' });
    expect(await status('fault:403', '404')).toBe(401);
    // faultWhen first, and a queued fault is not used up by a request faultWhen decided.
    server.queueFault({ kind: '401' });
    server.options.faultWhen = (r) => (r.model === 'fault:403' ? { kind: '429', retryAfter: 0 } : null);
    expect(await status('fault:403', '404')).toBe(429);
    expect(await status('matome-test-1', '404')).toBe(401);
    expect(await status('matome-test-1', '404')).toBe(404);
    expect(server.requests.map((r) => r.fault?.kind)).toEqual(['500', '403', '404', '401', '429', '401', '404']);

    expect((await post({ model: 'matome-test-1', messages: batchMessages }, { 'x-test-fault': 'nonsense' })).status).toBe(400);
  });

  test('fault specs: kind, then an optional number', () => {
    expect(parseFault('429:2')).toEqual({ kind: '429', retryAfter: 2 });
    expect(parseFault('cut:0.3')).toEqual({ kind: 'cut', after: 0.3 });
    expect(parseFault('missing-ids:2')).toEqual({ kind: 'missing-ids', count: 2 });
    expect(parseFault('hang')).toEqual({ kind: 'hang' });
    for (const bad of ['', 'nope', '500:1', 'cut:2', 'missing-ids:1.5', '429:-1', '429:x', 'cut:0.5:1']) expect(parseFault(bad)).toBeNull();
  });
});

describe('concurrency', () => {
  test('beyond maxConcurrency, requests wait their turn (FIFO) and all finish', async () => {
    server.options.maxConcurrency = 2;
    server.options.firstTokenLatencyMs = 250;
    const t0 = Date.now();
    const done: number[] = [];
    const answers = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        client()
          .chat.completions.create({ model: 'matome-test-1', messages: [{ role: 'user', content: `request ${i}` }] })
          .then((res) => (done.push(Date.now() - t0), res)),
      ),
    );
    expect(answers.map((a) => a.choices[0]!.message.content)).toEqual(Array(4).fill('{"ok":true}'));
    expect(server.maxConcurrentSeen).toBe(2);
    done.sort((a, b) => a - b);
    expect(done[1]!).toBeLessThan(450);
    expect(done[2]!).toBeGreaterThanOrEqual(500); // the later two waited for a slot, then the latency
    // Answered in order of arrival.
    expect(answers.map((a) => a.id)).toEqual(server.requests.map((r) => `chatcmpl-test-${r.n}`));

    // Without a limit, all at once.
    server.reset();
    server.options.maxConcurrency = undefined;
    await Promise.all([0, 1, 2, 3].map(() => client().chat.completions.create({ model: 'matome-test-1', messages: [{ role: 'user', content: 'hi' }] })));
    expect(server.maxConcurrentSeen).toBe(4);
  });

  test('a request that gives up while queued leaves the queue', async () => {
    server.options.maxConcurrency = 1;
    server.queueFault({ kind: 'hang' });
    const hung = new AbortController();
    const first = client().chat.completions.create({ model: 'matome-test-1', messages: [{ role: 'user', content: '1' }] }, { signal: hung.signal });
    const leaver = new AbortController();
    const second = client().chat.completions.create({ model: 'matome-test-1', messages: [{ role: 'user', content: '2' }] }, { signal: leaver.signal });
    const third = client().chat.completions.create({ model: 'matome-test-1', messages: [{ role: 'user', content: '3' }] });
    await expect.poll(() => server.requests.length).toBe(3);
    leaver.abort();
    await expect(second).rejects.toThrow();
    hung.abort();
    await expect(first).rejects.toThrow();
    expect((await third).choices[0]!.message.content).toBe('{"ok":true}');
    expect(server.maxConcurrentSeen).toBe(1);
  });
});

describe('http', () => {
  test('CORS: preflight, and every answer readable from a page', async () => {
    const pre = await fetch(`${server.url}/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/^\*, Authorization$/);
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(pre.headers.get('access-control-max-age')).toBe('600');

    const answers = [
      await fetch(`${server.url}/models`),
      await post({ model: 'matome-test-1', messages: batchMessages }),
      await post({ model: 'matome-test-1', messages: batchMessages, stream: true }),
      await post({ model: 'fault:429', messages: batchMessages }),
      await fetch(`${server.url}/nowhere`),
    ];
    for (const res of answers) {
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-expose-headers')).toBe('*');
      await res.arrayBuffer();
    }
    expect(answers[1]!.headers.get('x-request-id')).toBe('req_test_1');
  });

  test('anything else is a 404 JSON error; a body that is not a request is a 400', async () => {
    for (const res of [await fetch(`${server.url}/chat/completions`), await fetch(`${server.url}/completions`, { method: 'POST', body: '{}' })]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { message: expect.stringMatching(/^Invalid URL/), type: 'invalid_request_error', param: null, code: null } });
    }
    const bad = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
  });

  test('reset clears requests, numbering, queued faults and the peak', async () => {
    server.queueFault({ kind: '500' }, 3);
    await expect(askBatch()).rejects.toBeInstanceOf(InternalServerError);
    server.reset();
    expect(server.requests).toEqual([]);
    expect(server.maxConcurrentSeen).toBe(0);
    const { res } = await askBatch();
    expect(res.id).toBe('chatcmpl-test-1');
    expect(server.requests[0]!.fault).toBeNull();
  });

  test('close() is quick with hung and queued requests open', async () => {
    const s = await startLlmServer({ fault: { kind: 'hang' }, maxConcurrency: 1 });
    const c = new OpenAI({ baseURL: s.url, apiKey: 'k', maxRetries: 0 });
    const pending = [0, 1].map(() => c.chat.completions.create({ model: 'matome-test-1', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e));
    await expect.poll(() => s.requests.length).toBe(2);
    const t0 = Date.now();
    await s.close();
    expect(Date.now() - t0).toBeLessThan(200);
    for (const err of await Promise.all(pending)) expect(err).toBeInstanceOf(APIConnectionError);
  });
});

describe('personalities: each provider as documented', () => {
  const raw = (body: object, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer k', ...headers }, body: JSON.stringify(body) });
  const schemaFormat = { type: 'json_schema', json_schema: { name: BATCH_FORMAT, strict: true, schema: batchFormat.json_schema.schema } };

  test('chosen per server, per model name, and per request', async () => {
    server.options = { personality: 'deepseek', modelPersonalities: { 'matome-test-1': 'lenient' } };
    expect((await raw({ model: 'deepseek-chat', messages: batchMessages, response_format: schemaFormat })).status).toBe(400);
    server.options = { modelPersonalities: { 'matome-test-1': 'anthropic' } };
    const fenced = await (await raw({ model: 'matome-test-1', messages: [{ role: 'system', content: 'Answer JSON.' }, batchMessages[1]] })).json();
    expect(fenced.choices[0].message.content).toMatch(/^Here are the results:\n\n```json\n/);
    server.options = {};
    expect((await raw({ model: 'matome-test-1', messages: batchMessages }, { 'x-test-personality': 'reasoning' })).status).toBe(404);
    expect(server.requests.map((r) => r.personality)).toEqual(['deepseek', 'anthropic', 'reasoning']);
  });

  test('reasoning: max_tokens and temperature refused with OpenAI’s own errors; thinking paid from the cap', async () => {
    server.options = { personality: 'reasoning', timeScale: 0.01 };
    const a = await raw({ model: 'gpt-5-mini', messages: batchMessages, max_tokens: 100 });
    expect(await a.json()).toEqual({ error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter' } });
    expect((await (await raw({ model: 'o4-mini', messages: batchMessages, temperature: 0 })).json()).error.code).toBe('unsupported_value');
    // 6,000 tokens of thought by default: a 500-token cap leaves no room for the answer.
    const cut = await (await raw({ model: 'gpt-5-mini', messages: batchMessages, max_completion_tokens: 500 })).json();
    expect(cut.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: '' } });
    expect(cut.usage.completion_tokens_details.reasoning_tokens).toBe(6000);
  });

  test('gemini: models listed as models/…, bare ids taken, $schema and int64 bounds refused in an array body', async () => {
    server.options = { personality: 'gemini' };
    expect((await client().models.list()).data.map((m) => m.id)).toEqual(['models/gemini-2.5-flash', 'models/gemini-2.5-pro']);
    const bad = await raw({ model: 'gemini-2.5-flash', messages: batchMessages, response_format: schemaFormat });
    const body = await bad.json();
    expect(bad.status).toBe(400);
    expect(body[0].error.message).toMatch(/Unknown name "\$schema"/);
    const clean = JSON.parse(JSON.stringify(schemaFormat).replace(/"\$schema":"[^"]*",/, ''));
    expect((await raw({ model: 'gemini-2.5-flash', messages: batchMessages, response_format: clean })).status).toBe(400); // the ±2^53 bounds
  });

  test('ollama: a prompt past 4,096 tokens is cut from its start, silently; /api/show answers', async () => {
    server.options = { personality: 'ollama' };
    const long = batchPrompt(story, Array.from({ length: 100 }, (_, i) => ({ id: 1000 + i, parentId: story.id, text: 'words and more words '.repeat(12) })), () => undefined);
    const res = await raw({ model: 'llama3.1:8b', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: long }], response_format: { type: 'json_object' }, max_completion_tokens: 5 });
    const answer = await res.json();
    expect(res.status).toBe(200);
    expect(server.requests[0]!.cut).toBe(true);
    expect(answer.usage.prompt_tokens).toBe(4096);
    // Only comments whose headers survived the cut are answered; the first ones are gone, and max_completion_tokens did nothing.
    const ids = (JSON.parse(answer.choices[0].message.content) as BatchAnswer).comments.map((c) => c.id);
    expect(ids[0]).toBeGreaterThan(1000);
    expect(ids.at(-1)).toBe(1099);
    const show = await (await fetch(server.url.replace(/\/v1$/, '/api/show'), { method: 'POST', body: JSON.stringify({ model: 'llama3.1:8b' }) })).json();
    expect(show.model_info['llama.context_length']).toBe(131072);
  });

  test('openrouter: keep-alive comments while thinking, reasoning deltas, usage always', async () => {
    server.options = { personality: 'openrouter', timeScale: 0.5 };
    const res = await raw({ model: 'google/gemini-2.5-flash', messages: batchMessages, stream: true });
    const text = await res.text();
    expect(text).toContain('"reasoning":"Thinking about the comments… "');
    expect(text).toMatch(/"usage":\{"prompt_tokens"/);
    server.options = { personality: 'openrouter' };
    const noParams = await raw({ model: 'meta-llama/llama-3-8b-instruct', messages: batchMessages, response_format: schemaFormat, provider: { require_parameters: true } });
    expect(noParams.status).toBe(404);
  });

  test('groq refuses a format with streaming; lmstudio never sends usage; deepseek wants the word json', async () => {
    server.options = { personality: 'groq' };
    expect(await (await raw({ model: 'openai/gpt-oss-20b', messages: batchMessages, response_format: schemaFormat, stream: true })).json()).toEqual({
      error: { message: 'response_format` does not support streaming', type: 'invalid_request_error', param: null, code: null },
    });
    server.options = { personality: 'lmstudio' };
    expect(await (await raw({ model: 'qwen2.5-7b-instruct', messages: batchMessages, stream: true, stream_options: { include_usage: true } })).text()).not.toContain('"usage"');
    server.options = { personality: 'deepseek' };
    const noWord = await raw({ model: 'deepseek-chat', messages: batchMessages, response_format: { type: 'json_object' } });
    expect((await noWord.json()).error.message).toMatch(/must contain the word 'json'/);
  });
});

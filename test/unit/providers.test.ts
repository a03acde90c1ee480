// Every major provider summarises a whole thread, first time: the real `openai` client and job engine against the
// test server playing each provider's documented behaviour (`test/llm-server/personalities.ts`). The first job finds
// the endpoint's output mode (at most one extra request), the second starts there (none), and where the user must act
// the job says so plainly.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ChatConfig } from '@/lib/endpoint/chat';
import type { OutputMode } from '@/lib/endpoint/format';
import type { PresetId } from '@/lib/endpoint/presets';
import { problemText, setLang } from '@/lib/i18n';
import type { Problem } from '@/lib/messages/problem';
import { parseSettings } from '@/lib/settings';
import { loadProfile, saveProfile } from '@/lib/storage/endpoints';
import { planBatches } from '@/lib/summarize/batch';
import { runJob, type JobEnd, type JobUsage } from '@/lib/summarize/job';
import { openAIProvider } from '@/lib/summarize/openai-provider';
import { COMMENTS_SYSTEM, type PromptComment } from '@/lib/summarize/prompt';
import { makeProvider } from '@/lib/summarize/providers';
import type { ThreadMeta } from '@/lib/summarize/schema';
import { countTokens } from '@/lib/summarize/tokens';
import { startLlmServer, type LlmServer, type PersonalityName, type RecordedRequest } from '../llm-server/server';
import { testChatConfig } from '../support/endpoint';

let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer({ apiKey: 'good-key', timeScale: 0.02 });
});
afterAll(() => server.close());
beforeEach(() => {
  fakeBrowser.reset();
  server.reset();
  server.options.fault = null;
  server.options.personality = undefined;
  server.options.tokensPerSecond = 0;
  setLang('en');
});

const STORY = { id: 7000, title: 'A thread every provider summarises' };
/** 100 comments in page order, short and long, some replies. */
const comments: PromptComment[] = Array.from({ length: 100 }, (_, i) => ({
  id: 7001 + i,
  parentId: i % 3 === 0 ? STORY.id : 7001 + i - 1,
  text: `Comment ${i} on the thread: ${'latency and cache and the GPU budget '.repeat(1 + ((i * 7) % 13))}end.`,
}));
const texts = new Map(comments.map((c) => [c.id, c.text]));

interface Run {
  end: JobEnd;
  done: Set<number>;
  failed: Map<number, Problem>;
  usage: JobUsage;
  meta: ThreadMeta | null;
  requests: RecordedRequest[];
  batches: number;
  planned: number;
}

/** One job as the background runs it: the profile read from storage, what is learned written back. */
async function job(personality: PersonalityName, presetId: PresetId, model: string, over: Partial<ChatConfig> = {}, maxTokens = 1500, concurrency = 4, list = comments): Promise<Run> {
  server.options.personality = personality;
  server.reset();
  const provider = await openAIProvider(
    testChatConfig(server.url, { presetId, model, profile: await loadProfile(server.url, model), remember: (p, m) => void saveProfile(server.url, m, p), ...over }),
  );
  const done = new Set<number>();
  const failed = new Map<number, Problem>();
  let usage: JobUsage = { prompt: 0, completion: 0, requests: 0, estimated: false };
  const signal = new AbortController().signal;
  const end = await runJob(
    provider,
    { story: STORY, comments: list, parentText: (id) => texts.get(id) },
    { concurrency, maxTokens, signal },
    { onSummary: (s) => done.add(s.id), onFailed: (id, p) => failed.set(id, p), onUsage: (u) => (usage = u) },
  );
  const meta = await provider.describe({ story: STORY, topComments: comments.slice(0, 3).map((c) => c.text) }, signal).catch(() => null);
  // What the remembered profile says is written by then.
  await saveProfile(server.url, '-', { ...(await loadProfile(server.url, model))! });
  const overhead = countTokens(COMMENTS_SYSTEM) + countTokens(STORY.title) + 8;
  const planned = planBatches(list, { storyId: STORY.id, maxTokens, concurrency, overheadTokens: overhead, window: provider.contextBudget }).length;
  const requests = [...server.requests];
  return { end, done, failed, usage, meta, requests, batches: requests.filter((r) => r.kind === 'batch').length, planned };
}

const everyComment = (r: Run) => {
  expect(r.end).toEqual({ status: 'done' });
  expect(r.failed.size).toBe(0);
  expect(r.done.size).toBe(100);
  expect(r.meta?.title).toContain('A thread every provider');
};

/** The first job finds the mode with `extra` requests; the second starts there, with exactly the planned batches. */
async function twoJobs(personality: PersonalityName, presetId: PresetId, model: string, want: { mode: OutputMode; extra: number }, over: Partial<ChatConfig> = {}) {
  const first = await job(personality, presetId, model, over);
  everyComment(first);
  const second = await job(personality, presetId, model, over);
  everyComment(second);
  expect((await loadProfile(server.url, model))?.mode).toBe(want.mode);
  expect(second.requests.every((r) => r.refused == null && !r.cut)).toBe(true);
  expect(second.batches).toBe(second.planned);
  expect(second.requests.length).toBe(second.planned + 1); // and the title
  expect(first.requests.length - second.requests.length).toBe(want.extra);
  return { first, second };
}

describe('every provider summarises every comment, the output mode found once and remembered', () => {
  test('OpenAI: strict json_schema, no reasoning_effort for a model without it', async () => {
    const { second } = await twoJobs('openai', 'openai', 'gpt-4.1-mini', { mode: 'strict', extra: 0 });
    expect(second.requests.every((r) => !('reasoning_effort' in r.body) && !('temperature' in r.body))).toBe(true);
  });

  test('OpenAI reasoning models: max_completion_tokens with room to think, the lowest effort, no max_tokens', async () => {
    const { second } = await twoJobs('reasoning', 'openai', 'gpt-5-mini', { mode: 'strict', extra: 0 });
    for (const r of second.requests) {
      expect(r.body.reasoning_effort).toBe('minimal');
      expect('max_tokens' in r.body).toBe(false);
      expect(r.body.max_completion_tokens).toBeGreaterThan(1024);
    }
    // Every batch's output cap follows its size.
    const batch = second.requests.filter((r) => r.kind === 'batch');
    expect(new Set(batch.map((r) => r.body.max_completion_tokens - 200 * r.askedIds.length)).size).toBe(1);
  });

  test('gpt-5.1 refuses "minimal": its lowest effort is taken and remembered', async () => {
    await twoJobs('reasoning', 'openai', 'gpt-5.1', { mode: 'strict', extra: 0 });
    // `auto` knows gpt-5.1 takes `none`; an explicit `minimal` is refused once and swapped for what it named.
    const first = await job('reasoning', 'openai', 'gpt-5.1', { effort: 'minimal' });
    everyComment(first);
    expect(first.requests[0]!.refused).toBe(400);
    expect(first.requests.slice(1).every((r) => r.body.reasoning_effort === 'none')).toBe(true);
  });

  test('a temperature set for a reasoning model is dropped once and never sent again', async () => {
    await twoJobs('reasoning', 'openai', 'o4-mini', { mode: 'strict', extra: 1 }, { temperature: 0.2 });
    expect((await loadProfile(server.url, 'o4-mini'))?.temperature).toBe(false);
  });

  test('DeepSeek: json_object with the word JSON; from an unknown URL, one refused json_schema first', async () => {
    const { second } = await twoJobs('deepseek', 'deepseek', 'deepseek-chat', { mode: 'json', extra: 0 });
    expect(second.requests.every((r) => r.body.response_format?.type === 'json_object' && r.body.max_tokens <= 8192)).toBe(true);
    fakeBrowser.reset();
    await twoJobs('deepseek', 'custom', 'deepseek-chat', { mode: 'json', extra: 1 });
  });

  test("DeepSeek's reasoner: its thinking streams apart and is not taken for the answer", async () => {
    await twoJobs('deepseek', 'deepseek', 'deepseek-reasoner', { mode: 'json', extra: 0 });
  });

  test("Anthropic's endpoint ignores response_format: fenced answers, read leniently", async () => {
    await twoJobs('anthropic', 'anthropic', 'claude-haiku-4-5', { mode: 'text', extra: 0 });
    // From an unknown URL the first answer shows the format was ignored: plain text from then on, at no extra request.
    fakeBrowser.reset();
    const { second } = await twoJobs('anthropic', 'custom', 'claude-haiku-4-5', { mode: 'text', extra: 0 });
    expect(second.requests.every((r) => !('response_format' in r.body))).toBe(true);
    expect((await loadProfile(server.url, 'claude-haiku-4-5'))?.ignoresFormat).toBe(true);
  });

  test('an endpoint that answers JSON in prose, and one with a bare array of string ids', async () => {
    await twoJobs('prose', 'custom', 'chatty-1', { mode: 'text', extra: 0 });
    await twoJobs('bare-array', 'custom', 'arrays-1', { mode: 'text', extra: 0 });
  });

  test('Gemini: the schema cleaned of $schema and int64 bounds, thinking turned off on Flash', async () => {
    const { second } = await twoJobs('gemini', 'gemini', 'gemini-2.5-flash', { mode: 'strict', extra: 0 });
    expect(second.requests.every((r) => r.body.reasoning_effort === 'none')).toBe(true);
    // Pro cannot stop thinking: its lowest effort is low.
    const pro = await job('gemini', 'gemini', 'gemini-2.5-pro');
    everyComment(pro);
    expect(pro.requests.every((r) => r.body.reasoning_effort === 'low' && r.refused == null)).toBe(true);
  });

  test('OpenRouter: require_parameters turns a silent drop into a 404, and the job goes on in plain text', async () => {
    const { first } = await twoJobs('openrouter', 'openrouter', 'meta-llama/llama-3-8b-instruct', { mode: 'text', extra: 1 });
    expect(first.requests[0]!.body.provider).toEqual({ require_parameters: true });
    await twoJobs('openrouter', 'openrouter', 'google/gemini-2.5-flash', { mode: 'strict', extra: 0 });
  });

  test('Groq: no structured output while streaming: one refusal, then plain text', async () => {
    await twoJobs('groq', 'groq', 'openai/gpt-oss-20b', { mode: 'text', extra: 1 });
  });

  test("Ollama: its 4,096-token default context is read and never overflowed, so nothing is cut silently", async () => {
    const { second } = await twoJobs('ollama', 'ollama', 'llama3.1:8b', { mode: 'schema', extra: 0 }, { apiKey: '' });
    expect((await loadProfile(server.url, 'llama3.1:8b'))).toMatchObject({ contextWindow: 4096, contextSource: 'default' });
    for (const r of second.requests) {
      expect(r.promptTokens + (r.body.max_tokens ?? 0)).toBeLessThanOrEqual(4096);
      expect('max_completion_tokens' in r.body).toBe(false);
    }
  });

  test('Ollama without the planner: the prompt is cut from its start, which is what the planner prevents', async () => {
    // The same job with a window the endpoint does not have: Ollama cuts, says nothing, and the answers come short.
    const r = await job('ollama', 'ollama', 'llama3.1:8b', { apiKey: '', contextWindow: 100_000 }, 20_000, 1);
    expect(r.requests.some((q) => q.cut)).toBe(true);
  });

  test('LM Studio: its loaded context read from its own API; no usage in streams, so tokens are estimated', async () => {
    const { second } = await twoJobs('lmstudio', 'lmstudio', 'qwen2.5-7b-instruct', { mode: 'schema', extra: 0 }, { apiKey: '' });
    expect(second.usage.estimated).toBe(true);
    expect(second.usage.prompt).toBeGreaterThan(5000);
    expect(second.usage.completion).toBeGreaterThan(1000);
  });

  test('vLLM: an 8k model overflowed once says its window, and the next job plans within it', async () => {
    const first = await job('vllm', 'custom', 'Qwen/Qwen2.5-7B-Instruct', { apiKey: '' }, 6000);
    everyComment(first);
    // One request learns the window; the batches still waiting are planned again within it.
    expect(first.requests.filter((r) => r.refused === 400)).toHaveLength(1);
    expect(await loadProfile(server.url, 'Qwen/Qwen2.5-7B-Instruct')).toMatchObject({ contextWindow: 8192, contextSource: 'server' });
    const second = await job('vllm', 'custom', 'Qwen/Qwen2.5-7B-Instruct', { apiKey: '' }, 6000);
    everyComment(second);
    expect(second.requests.every((r) => r.refused == null)).toBe(true);
  });

  test('an endpoint that never sends usage: counts estimated and marked so, not zero', async () => {
    const { second } = await twoJobs('no-usage', 'custom', 'quiet-1', { mode: 'strict', extra: 0 });
    expect(second.usage).toMatchObject({ estimated: true, requests: second.batches });
    expect(second.usage.completion).toBeGreaterThan(1000);
  });

  test('a model that thinks in <think> tags inside its answer', async () => {
    await twoJobs('think-inline', 'custom', 'deepseek-r1-distill', { mode: 'strict', extra: 0 });
  });
});

describe('reasoning time', () => {
  test('a model that thinks longer than the stall timeout is waited for, not aborted and paid for twice', async () => {
    // 50 s of thinking at high effort (1 s here), a 0.6 s stall timeout: only the first-token wait covers thinking.
    const r = await job('reasoning', 'openai', 'gpt-5-mini', { effort: 'high', stallMs: 600, firstTokenMs: 5000 });
    everyComment(r);
    const asked = r.requests.flatMap((q) => q.askedIds);
    expect(asked.length).toBe(100);
    // The cap leaves room for 8,000 tokens of thought: no answer came back cut.
    expect(r.requests.every((q) => q.body.max_completion_tokens > 8000)).toBe(true);
  });

  test('a model still thinking past the first-token wait: the job says so, in words that say what to change', async () => {
    const r = await job('reasoning', 'openai', 'gpt-5-mini', { effort: 'high', firstTokenMs: 600, maxRetries: 0 }, 400, 4, comments.slice(0, 20));
    expect(r.end).toMatchObject({ status: 'stopped', problem: { code: 'first-token-timeout', params: { s: 1 } } });
    expect(problemText((r.end as { problem: Problem }).problem)).toMatch(/had not started answering after 1 s.*Wait for the first token/);
    // Three waits, not an endless loop of paid-for requests.
    expect(r.requests.filter((q) => q.kind === 'batch').length).toBeLessThanOrEqual(3);
  });
});

describe('where the user must act, the job says so', () => {
  const hooks = { onRateLimit: () => {} };

  test('no key for a provider that needs one: no request is sent', async () => {
    const p = await makeProvider(parseSettings({ preset: 'deepseek', baseUrl: server.url, model: 'deepseek-chat' }), '', hooks);
    const end = await runJob(p, { story: STORY, comments: comments.slice(0, 5), parentText: () => undefined }, { concurrency: 2, maxTokens: 1500, signal: new AbortController().signal }, { onSummary: () => {}, onFailed: () => {} });
    expect(end).toMatchObject({ status: 'stopped', problem: { code: 'no-key', params: { preset: 'DeepSeek' } } });
    expect(server.requests).toHaveLength(0);
    expect(problemText((end as { problem: Problem }).problem)).toBe('No API key is set for DeepSeek. Add one in Settings.');
  });

  test("Gemini's bad key comes as a 400 array: still a refused key, with Google's own words", async () => {
    const r = await job('gemini', 'gemini', 'gemini-2.5-flash', { apiKey: 'bad' });
    expect(r.end).toMatchObject({ status: 'stopped', kind: 'auth', problem: { code: 'key-refused', params: { status: 400 } } });
    expect(problemText((r.end as { problem: Problem }).problem)).toBe('The endpoint refused the API key (400). Check the key in Settings. The endpoint said: “API key not valid. Please pass a valid API key.”');
    expect(r.requests.filter((q) => q.kind === 'batch')).toHaveLength(1);
  });

  test('a local server that is not running: where to look, with the OLLAMA_ORIGINS hint, in Japanese too', async () => {
    const gone = await startLlmServer();
    const url = gone.url;
    await gone.close();
    const p = await openAIProvider(testChatConfig(url, { presetId: 'ollama', model: 'llama3.1:8b', apiKey: '', maxRetries: 0 }));
    // The outage waited out in a fraction of a second here (a minute in the extension).
    const outage = { firstWaitMs: 20, maxWaitMs: 50, giveUpMs: 300 };
    const end = await runJob(p, { story: STORY, comments: comments.slice(0, 30), parentText: () => undefined }, { concurrency: 1, maxTokens: 600, signal: new AbortController().signal, outage }, { onSummary: () => {}, onFailed: () => {} });
    const problem = (end as { problem: Problem }).problem;
    expect(end).toMatchObject({ status: 'stopped', resumable: true });
    expect(problem).toMatchObject({ code: 'endpoint-down', params: { cause: 'unreachable', local: 1 } });
    expect(problemText(problem)).toMatch(/Could not reach http:\/\/127\.0\.0\.1:\d+.*OLLAMA_ORIGINS/);
    setLang('ja');
    expect(problemText(problem)).toMatch(/接続できませんでした.*OLLAMA_ORIGINS/);
  });
});

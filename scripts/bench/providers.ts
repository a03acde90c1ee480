// Every provider personality of the test server, through the real `openai` client and job engine: a 300-comment
// thread at a fixed pace, twice. The first job finds the endpoint's output mode; the second starts from what was
// remembered. Target: every comment summarised, at most one extra request to discover the mode, none the next time.
import type { PresetId } from '../../lib/endpoint/presets';
import type { EndpointProfile } from '../../lib/endpoint/profile';
import { parseThread } from '../../lib/hn/parse';
import { planBatches } from '../../lib/summarize/batch';
import { runJob, type JobUsage } from '../../lib/summarize/job';
import { openAIProvider } from '../../lib/summarize/openai-provider';
import { COMMENTS_SYSTEM } from '../../lib/summarize/prompt';
import { countTokens } from '../../lib/summarize/tokens';
import { startLlmServer, type PersonalityName } from '../../test/llm-server/server';
import { htmlDoc } from '../../test/support/dom';
import { testChatConfig } from '../../test/support/endpoint';
import { generateThread } from '../../test/support/generate-thread';
import type { Figure } from './report';

const N = 300;
const LATENCY_MS = 300;
const TPS = 600;
const STREAMS = 4;
const BATCH_TOKENS = 6000;

const CASES: [PersonalityName, PresetId, string, string?][] = [
  ['openai', 'openai', 'gpt-4.1-mini'],
  ['reasoning', 'openai', 'gpt-5-mini'],
  ['deepseek', 'deepseek', 'deepseek-chat'],
  ['deepseek', 'custom', 'deepseek-chat', 'DeepSeek behind an unknown URL'],
  ['anthropic', 'anthropic', 'claude-haiku-4-5'],
  ['anthropic', 'custom', 'claude-haiku-4-5', 'Anthropic-like behind an unknown URL'],
  ['prose', 'custom', 'chatty-1'],
  ['bare-array', 'custom', 'arrays-1'],
  ['gemini', 'gemini', 'gemini-2.5-flash'],
  ['openrouter', 'openrouter', 'meta-llama/llama-3-8b-instruct', 'OpenRouter, a model without response_format'],
  ['groq', 'groq', 'openai/gpt-oss-20b'],
  ['ollama', 'ollama', 'llama3.1:8b'],
  ['lmstudio', 'lmstudio', 'qwen2.5-7b-instruct'],
  ['vllm', 'custom', 'Qwen/Qwen2.5-7B-Instruct'],
  ['no-usage', 'custom', 'quiet-1'],
  ['think-inline', 'custom', 'deepseek-r1-distill'],
];

export async function benchProviders(only?: string[]): Promise<Figure[]> {
  const g = generateThread({ comments: N, seed: 300 + N });
  const url = `https://news.ycombinator.com/item?id=${g.story.id}`;
  const thread = parseThread(htmlDoc(g.pages[0]!, url), url);
  const comments = thread.comments.map((c) => ({ id: c.id, parentId: c.parentId, text: c.text }));
  const texts = new Map(comments.map((c) => [c.id, c.text]));
  const figures: Figure[] = [];
  for (const [personality, presetId, model, label] of CASES) {
    if (only && !only.includes(personality)) continue;
    const name = label ?? `${personality} (${presetId} preset, ${model})`;
    // Thinking as the provider does, a tenth as long; local servers take no key.
    const server = await startLlmServer({ personality, firstTokenLatencyMs: LATENCY_MS, tokensPerSecond: TPS, timeScale: 0.1, apiKey: 'k' });
    let profile: EndpointProfile | null = null;
    try {
      const runs: { requests: number; planned: number; usage: JobUsage; seconds: number; done: number }[] = [];
      for (let run = 0; run < 2; run++) {
        server.reset();
        const provider = await openAIProvider(
          testChatConfig(server.url, { presetId, model, apiKey: 'k', profile, remember: (p) => (profile = p), maxRetries: 2, timeoutMs: 60_000, firstTokenMs: 60_000, stallMs: 30_000 }),
        );
        let usage: JobUsage = { prompt: 0, completion: 0, requests: 0, estimated: false };
        let done = 0;
        const t0 = performance.now();
        await runJob(
          provider,
          { story: thread.story, comments, parentText: (id) => texts.get(id) },
          { concurrency: STREAMS, maxTokens: BATCH_TOKENS, signal: new AbortController().signal },
          { onSummary: () => done++, onFailed: () => {}, onUsage: (u) => (usage = u) },
        );
        const seconds = (performance.now() - t0) / 1000;
        const overhead = countTokens(COMMENTS_SYSTEM) + countTokens(thread.story.title) + 8;
        const planned = planBatches(comments, { storyId: thread.story.id, maxTokens: BATCH_TOKENS, concurrency: STREAMS, overheadTokens: overhead, window: provider.contextBudget }).length;
        runs.push({ requests: server.requests.length, planned, usage, seconds, done });
      }
      const [first, second] = runs as [(typeof runs)[0], (typeof runs)[0]];
      const mode = (profile as EndpointProfile | null)?.mode ?? '?';
      const est = first.usage.estimated ? ' (estimated: no usage sent)' : '';
      figures.push(
        { name: `${name}: comments summarised (of ${N}), mode ${mode}`, value: first.done, unit: '' },
        { name: `${name}: first job requests (${first.planned} planned batches)`, value: first.requests, unit: '' },
        { name: `${name}: first job, extra requests to discover the mode`, value: first.requests - second.requests, unit: '', target: { max: 1 } },
        { name: `${name}: next job, requests beyond the planned batches`, value: second.requests - second.planned, unit: '', target: { max: 0 } },
        { name: `${name}: prompt tokens${est}`, value: first.usage.prompt, unit: '' },
        { name: `${name}: completion tokens${est}`, value: first.usage.completion, unit: '' },
        { name: `${name}: wall time at ${TPS} tokens/s × ${STREAMS}`, value: first.seconds, unit: 's' },
      );
    } finally {
      await server.close();
    }
  }
  return figures;
}

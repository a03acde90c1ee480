import { ChatEndpoint, type ChatConfig } from '../endpoint/chat';
import { endpointSchema } from '../endpoint/format';
import { problem } from '../messages/problem';
import { readValue } from './answer';
import { ANSWER_OVERHEAD, ANSWER_TOKENS_PER_ITEM } from './batch';
import { batchPrompt, COMMENTS_SYSTEM, SCORE_SYSTEM, THREAD_SYSTEM, threadPrompt } from './prompt';
import { ProviderError, type BatchOutcome, type Provider } from './provider';
import { BATCH_FORMAT, BatchAnswer, readScore, readSummary, readThreadMeta, SCORE_FORMAT, ScoreAnswer, THREAD_FORMAT, ThreadMeta } from './schema';
import { countTokens } from './tokens';
import { WRITE } from '../overview/prompt';
import { readCited } from '../overview/schema';

export type OpenAIProviderConfig = ChatConfig;

/** Tokens kept free in a context window for the request's framing and the tokenizer's error. */
const CONTEXT_MARGIN = 256;

// Built once: turning a schema into JSON schema is the slowest part of starting a request.
const BATCH_SCHEMA = { name: BATCH_FORMAT, schema: endpointSchema(BatchAnswer) };
const THREAD_SCHEMA = { name: THREAD_FORMAT, schema: endpointSchema(ThreadMeta) };
const SCORE_SCHEMA = { name: SCORE_FORMAT, schema: endpointSchema(ScoreAnswer) };

/** A score's answer: `{"id":47123456,"score":85,"kind":"insight"},` and some room. */
export const SCORE_TOKENS_PER_ITEM = 24;
const WRITE_SCHEMAS = {
  overview: { name: WRITE.overview.format, schema: endpointSchema(WRITE.overview.schema) },
  answer: { name: WRITE.answer.format, schema: endpointSchema(WRITE.answer.schema) },
};

/**
 * Any OpenAI-compatible chat-completions endpoint as a provider, through `ChatEndpoint` (the real `openai` client, the
 * output-mode ladder, the learned profile). Batches are sized to the model's context window where it is known.
 */
export async function openAIProvider(cfg: OpenAIProviderConfig): Promise<Provider> {
  const endpoint = new ChatEndpoint(cfg);
  await endpoint.contextWindow();
  // What every batch request costs besides its comments: the system prompt, the title line, the answer's overhead and
  // room to think; each comment then needs its answer's tokens on top of its own.
  const fixed = countTokens(COMMENTS_SYSTEM) + 64 + endpoint.outputCap(ANSWER_OVERHEAD) + CONTEXT_MARGIN;

  return {
    model: cfg.model,
    // Read at each use: a window the endpoint states in an error mid-job sizes the rest of the job.
    get contextBudget() {
      const window = cfg.contextWindow ?? endpoint.profile.contextWindow;
      return window ? { tokens: Math.max(ANSWER_TOKENS_PER_ITEM * 2, window - fixed), perItem: ANSWER_TOKENS_PER_ITEM } : undefined;
    },
    get confirmed() {
      return endpoint.confirmed;
    },
    ready: endpoint.ready,

    async summarize(req, hooks): Promise<BatchOutcome> {
      const asked = new Set(req.items.map((c) => c.id));
      const given = new Set<number>();
      const score = req.mode === 'score';
      const r = await endpoint.chat({
        system: score ? SCORE_SYSTEM : COMMENTS_SYSTEM,
        user: batchPrompt(req.story, req.items, req.parentText),
        format: score ? SCORE_SCHEMA : BATCH_SCHEMA,
        answerTokens: ANSWER_OVERHEAD + (score ? SCORE_TOKENS_PER_ITEM : ANSWER_TOKENS_PER_ITEM) * req.items.length,
        signal: hooks.signal,
        onObject: (source) => {
          // A score pass takes a summary written all the same (an endpoint that ignores the format): it is worth more.
          const value = readValue(source);
          const item = readSummary(value) ?? (score ? readScore(value) : null);
          // Items for ids that were not asked, or given twice, are dropped; the job re-asks for whatever is missing.
          if (item && asked.has(item.id) && !given.has(item.id)) {
            given.add(item.id);
            hooks.onItem(item);
          }
        },
        onProgress: (reader) => {
          const d = hooks.onDraft && reader.draft();
          if (d && asked.has(d.id) && !given.has(d.id)) hooks.onDraft!(d.id, d.text);
        },
      });
      const finish = r.finish === 'length' ? 'length' : r.objects > 0 ? 'stop' : 'invalid';
      return { finish, usage: r.usage };
    },

    async probe(signal) {
      try {
        await endpoint.client.models.list({ signal, timeout: 10_000, maxRetries: 0 });
        return true;
      } catch (err) {
        // Any HTTP answer but a server error means it is there (a 404 for an endpoint that lists no models, too).
        const status = (err as { status?: number }).status;
        return typeof status === 'number' && status < 500;
      }
    },

    async describe(req, signal) {
      const r = await endpoint.chat({
        system: THREAD_SYSTEM,
        user: threadPrompt(req.story, req.topComments),
        format: THREAD_SCHEMA,
        answerTokens: 300,
        signal,
      });
      const meta = readThreadMeta(readValue(r.text));
      if (!meta) throw new ProviderError('rejected', problem('answer-not-json'));
      return meta;
    },

    async write(kind, user, hooks) {
      const w = WRITE[kind];
      const r = await endpoint.chat({
        system: w.system,
        user,
        format: WRITE_SCHEMAS[kind],
        answerTokens: w.answerTokens,
        signal: hooks.signal,
        onObject: (source) => {
          const c = readCited(readValue(source));
          if (c) hooks.onCited?.(c);
        },
        onProgress: (reader) => {
          const d = hooks.onDraft && reader.draftText('text');
          if (d) hooks.onDraft!(d);
        },
      });
      return { text: r.text, usage: r.usage };
    },
  };
}

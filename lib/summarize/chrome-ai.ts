import * as z from 'zod/mini';
import { problem } from '../messages/problem';
import { AnswerReader, readValue } from './answer';
import { batchPrompt, COMMENTS_SYSTEM, THREAD_SYSTEM, threadPrompt } from './prompt';
import { ProviderError, type Provider } from './provider';
import { BatchAnswer, readSummary, readThreadMeta, ThreadMeta } from './schema';
import { LANGUAGE_OPTIONS, type LanguageModelApi, type LanguageModelSession } from './built-in';
import { ANSWER_TOKENS_PER_ITEM } from './batch';
import { countTokens } from './tokens';
import { WRITE } from '../overview/prompt';
import { readCited } from '../overview/schema';

async function* chunks(stream: AsyncIterable<string> | ReadableStream<string>): AsyncGenerator<string> {
  if (Symbol.asyncIterator in stream) {
    yield* stream as AsyncIterable<string>;
    return;
  }
  const reader = (stream as ReadableStream<string>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

const usageOf = (s: LanguageModelSession) => s.contextUsage ?? s.inputUsage ?? 0;
const windowOf = (s: LanguageModelSession) => s.contextWindow ?? s.inputQuota ?? 4096;

/** Tokens a prompt takes in a session, as the model counts them; null where the browser cannot say. */
function measure(s: LanguageModelSession, input: string, opts: object): Promise<number> | null {
  if (s.measureContextUsage) return s.measureContextUsage(input, opts);
  if (s.measureInputUsage) return s.measureInputUsage(input, opts);
  return null;
}

/**
 * Chrome's on-device model as a provider: no key, nothing leaves the machine. Japanese output, structured through
 * `responseConstraint`. One session is primed with the system prompt and cloned for each batch; a batch is measured
 * against the context window before it is sent, and one that would not fit is split without asking the model.
 */
export async function chromeAIProvider(api: LanguageModelApi): Promise<Provider> {
  if ((await api.availability(LANGUAGE_OPTIONS)) !== 'available') throw new ProviderError('not-found', problem('builtin-not-ready'));
  const primed = await api.create({ ...LANGUAGE_OPTIONS, initialPrompts: [{ role: 'system', content: COMMENTS_SYSTEM }] });
  const window = windowOf(primed);
  const batchSchema = z.toJSONSchema(BatchAnswer);
  const metaSchema = z.toJSONSchema(ThreadMeta);
  // The prompt itself states the answer's shape: the schema need not take context too.
  const batchOpts = { responseConstraint: batchSchema, omitResponseConstraintInput: true };

  const fail = (err: unknown): never => {
    if (err instanceof ProviderError) throw err;
    if ((err as Error)?.name === 'AbortError') throw new ProviderError('cancelled', problem('cancelled'), { cause: err });
    // QuotaExceededError: the batch did not fit the context window.
    if ((err as Error)?.name === 'QuotaExceededError') throw new ProviderError('too-large', problem('builtin-too-large'), { cause: err });
    throw new ProviderError('transient', problem('builtin-failed', { detail: String((err as Error)?.message ?? err) }), { cause: err });
  };

  return {
    model: 'chrome-built-in',
    contextBudget: { tokens: Math.max(ANSWER_TOKENS_PER_ITEM * 2, window - usageOf(primed) - 200), perItem: ANSWER_TOKENS_PER_ITEM },
    maxConcurrency: 1,
    confirmed: true,
    ready: Promise.resolve(),
    probe: async () => true,

    async summarize(req, hooks) {
      const asked = new Set(req.items.map((c) => c.id));
      const reader = new AnswerReader();
      const prompt = batchPrompt(req.story, req.items, req.parentText);
      const s = await primed.clone({ signal: hooks.signal }).catch(fail);
      let need: number | null = null;
      try {
        need = await measure(s, prompt, batchOpts);
        if (need != null && usageOf(s) + need + ANSWER_TOKENS_PER_ITEM * req.items.length > window) throw new ProviderError('too-large', problem('builtin-too-large'));
        for await (const piece of chunks(s.promptStreaming(prompt, { ...batchOpts, signal: hooks.signal }))) {
          for (const source of reader.push(piece)) {
            const item = readSummary(readValue(source));
            if (item && asked.delete(item.id)) hooks.onItem(item);
          }
          const d = hooks.onDraft && reader.draft();
          if (d && asked.has(d.id)) hooks.onDraft!(d.id, d.text);
        }
      } catch (err) {
        fail(err);
      } finally {
        s.destroy();
      }
      // The on-device model reports no usage: counted here, and marked so.
      const usage = { prompt: need ?? countTokens(prompt), completion: countTokens(reader.content), estimated: true };
      return { finish: BatchAnswer.safeParse(readValue(reader.content)).success ? 'stop' : 'invalid', usage };
    },

    async write(kind, user, hooks) {
      const w = WRITE[kind];
      const s = await api.create({ ...LANGUAGE_OPTIONS, initialPrompts: [{ role: 'system', content: w.system }] }).catch(fail);
      const reader = new AnswerReader();
      try {
        for await (const piece of chunks(s.promptStreaming(user, { responseConstraint: z.toJSONSchema(w.schema), omitResponseConstraintInput: true, signal: hooks.signal }))) {
          for (const source of reader.push(piece)) {
            const c = readCited(readValue(source));
            if (c) hooks.onCited?.(c);
          }
          const d = hooks.onDraft && reader.draftText('text');
          if (d) hooks.onDraft!(d);
        }
      } catch (err) {
        fail(err);
      } finally {
        s.destroy();
      }
      return { text: reader.content, usage: { prompt: countTokens(w.system) + countTokens(user), completion: countTokens(reader.content), estimated: true } };
    },

    async describe(req, signal) {
      const s = await api.create({ ...LANGUAGE_OPTIONS, initialPrompts: [{ role: 'system', content: THREAD_SYSTEM }] }).catch(fail);
      try {
        const meta = readThreadMeta(readValue(await s.prompt(threadPrompt(req.story, req.topComments), { responseConstraint: metaSchema, omitResponseConstraintInput: true, signal })));
        if (!meta) throw new ProviderError('rejected', problem('answer-not-json'));
        return meta;
      } catch (err) {
        return fail(err);
      } finally {
        s.destroy();
      }
    },
  };
}

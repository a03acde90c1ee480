import * as z from 'zod/mini';
import { JsonItemScanner } from './json-items';
import { batchPrompt, COMMENTS_SYSTEM, THREAD_SYSTEM, threadPrompt } from './prompt';
import { ProviderError, type Provider } from './provider';
import { BatchAnswer, CommentSummary, ThreadMeta } from './schema';
import { LANGUAGE_OPTIONS, type LanguageModelApi } from './built-in';

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

/**
 * Chrome's on-device model as a provider: no key, nothing leaves the machine. Japanese output, structured through
 * `responseConstraint`, batches sized to the model's context window.
 */
export async function chromeAIProvider(api: LanguageModelApi): Promise<Provider> {
  if ((await api.availability(LANGUAGE_OPTIONS)) !== 'available')
    throw new ProviderError('not-found', "Chrome's built-in model is not ready here: download it from Settings, or use an OpenAI-compatible endpoint.");
  const probe = await api.create({ ...LANGUAGE_OPTIONS, initialPrompts: [{ role: 'system', content: COMMENTS_SYSTEM }] });
  const window = probe.contextWindow ?? probe.inputQuota ?? 4096;
  probe.destroy();
  const batchSchema = z.toJSONSchema(BatchAnswer);
  const metaSchema = z.toJSONSchema(ThreadMeta);

  const session = (system: string) => api.create({ ...LANGUAGE_OPTIONS, initialPrompts: [{ role: 'system', content: system }] });
  const fail = (err: unknown): never => {
    if (err instanceof ProviderError) throw err;
    if ((err as Error)?.name === 'AbortError') throw new ProviderError('cancelled', 'Cancelled.', { cause: err });
    // QuotaExceededError: the batch did not fit the context window.
    if ((err as Error)?.name === 'QuotaExceededError') throw new ProviderError('too-large', 'The batch was too large for the built-in model.', { cause: err });
    throw new ProviderError('transient', `The built-in model failed: ${(err as Error)?.message ?? err}`, { cause: err });
  };

  return {
    model: 'chrome-built-in',
    // Room for the system prompt and the answer, which is about as long as the question.
    maxBatchTokens: Math.max(300, Math.floor(window * 0.4)),
    maxConcurrency: 1,

    async summarize(req, hooks) {
      const asked = new Set(req.items.map((c) => c.id));
      const scanner = new JsonItemScanner();
      const s = await session(COMMENTS_SYSTEM).catch(fail);
      try {
        for await (const piece of chunks(s.promptStreaming(batchPrompt(req.story, req.items, req.parentText), { responseConstraint: batchSchema, signal: hooks.signal }))) {
          for (const source of scanner.push(piece)) {
            const item = CommentSummary.safeParse(JSON.parse(source));
            if (item.success && asked.delete(item.data.id)) hooks.onItem(item.data);
          }
          const d = hooks.onDraft && scanner.draft();
          if (d && asked.has(d.id)) hooks.onDraft!(d.id, d.ja);
        }
      } catch (err) {
        fail(err);
      } finally {
        s.destroy();
      }
      let whole: unknown;
      try {
        whole = JSON.parse(scanner.content);
      } catch {
        return { finish: 'invalid', usage: null };
      }
      return { finish: BatchAnswer.safeParse(whole).success ? 'stop' : 'invalid', usage: null };
    },

    async describe(req, signal) {
      const s = await session(THREAD_SYSTEM).catch(fail);
      try {
        return ThreadMeta.parse(JSON.parse(await s.prompt(threadPrompt(req.story, req.topComments), { responseConstraint: metaSchema, signal })));
      } catch (err) {
        return fail(err);
      } finally {
        s.destroy();
      }
    },
  };
}

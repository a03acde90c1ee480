import { ChatEndpoint, type ChatConfig } from '../endpoint/chat';
import { classify } from '../endpoint/errors';
import { endpointSchema } from '../endpoint/format';
import { bareModelId } from '../endpoint/presets';
import { problem } from '../messages/problem';
import type { TestResult as ConnectionResult } from '../messages/settings';
import { readValue } from './answer';
import { batchPrompt, COMMENTS_SYSTEM } from './prompt';
import { ProviderError } from './provider';
import { BATCH_FORMAT, BatchAnswer, readSummary } from './schema';

const PROBE = { story: { id: 1, title: 'HN Matome connection test' }, items: [{ id: 2, parentId: 1, text: 'Hello from HN Matome: this is a test comment.' }] };

/**
 * Checks the endpoint, the key and the model the way the jobs will use them: the models list (with or without
 * Gemini's `models/` prefix), then one real one-comment request through the output-mode ladder, which reasoning
 * models accept too. The mode that worked is remembered, so the first job needs no discovery.
 */
export async function testConnection(cfg: ChatConfig): Promise<ConnectionResult> {
  let model = bareModelId(cfg.model.trim());
  let models: string[] = [];
  const result = (over: Partial<ConnectionResult>): ConnectionResult => ({
    ok: false,
    problem: null,
    models,
    model,
    mode: null,
    ignoresFormat: false,
    contextWindow: null,
    contextSource: 'none',
    ...over,
  });
  const lister = new ChatEndpoint({ ...cfg, maxRetries: 0 });
  try {
    models = await lister.models();
  } catch (err) {
    const { error } = classify(err, { baseURL: cfg.baseURL, model, formatted: false });
    if (error.kind === 'auth' || error.problem.code === 'unreachable') return result({ problem: error.problem });
    // Some endpoints do not list models: the request below still tells whether the model answers.
  }
  if (!model && models.length) model = models[0]!;
  if (!model) return result({ problem: problem('model-missing', { model: '' }) });
  if (models.length && !models.includes(model)) return result({ problem: problem('model-missing', { model, said: models.slice(0, 12).join(', ') + (models.length > 12 ? '…' : '') }) });

  const endpoint = new ChatEndpoint({ ...cfg, model, maxRetries: 0 });
  try {
    const window = await endpoint.contextWindow();
    const r = await endpoint.chat({
      system: COMMENTS_SYSTEM,
      user: batchPrompt(PROBE.story, PROBE.items, () => undefined),
      format: { name: BATCH_FORMAT, schema: endpointSchema(BatchAnswer) },
      answerTokens: 300,
      signal: AbortSignal.timeout(cfg.firstTokenMs + cfg.stallMs),
    });
    const items = readValue(r.text);
    const list = Array.isArray(items) ? items : ((items as { comments?: unknown[] } | undefined)?.comments ?? []);
    const ok = list.some((i) => readSummary(i)?.id === 2);
    const p = endpoint.profile;
    return result({
      ok,
      problem: ok ? null : problem(r.finish === 'length' ? 'answer-cut' : 'answer-not-json'),
      mode: p.mode,
      ignoresFormat: p.ignoresFormat,
      contextWindow: window,
      contextSource: p.contextSource,
    });
  } catch (err) {
    const e = err instanceof ProviderError ? err : classify(err, { baseURL: cfg.baseURL, model, formatted: true }).error;
    return result({ problem: e.problem, mode: endpoint.profile.mode });
  }
}

import OpenAI, { APIConnectionError, AuthenticationError, NotFoundError, PermissionDeniedError } from 'openai';

export interface ConnectionResult {
  ok: boolean;
  /** For the user: what works, or what is wrong and what to do. */
  message: string;
  /** The endpoint's models, when it lists them. */
  models: string[];
}

export interface ConnectionConfig {
  baseURL: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

const corsHint = (baseURL: string) => {
  const local = /^https?:\/\/(localhost|127\.|\[::1\])/.test(baseURL);
  return (
    `Could not reach ${baseURL}. Is it running, and was the permission for it granted when you saved? ` +
    (local
      ? 'A local server must also allow requests from the extension (CORS): for Ollama, start it with OLLAMA_ORIGINS="chrome-extension://*,moz-extension://*".'
      : 'The server must allow requests from the extension (CORS).')
  );
};

/** Checks the endpoint, the key and the model the way the jobs will use them, and says plainly what is wrong. */
export async function testConnection(cfg: ConnectionConfig): Promise<ConnectionResult> {
  const client = new OpenAI({ apiKey: cfg.apiKey || 'none', baseURL: cfg.baseURL, dangerouslyAllowBrowser: true, timeout: cfg.timeoutMs, maxRetries: 0, fetch: cfg.fetch });
  let models: string[] = [];
  try {
    for await (const m of client.models.list()) models.push(m.id);
    models.sort();
  } catch (err) {
    if (err instanceof AuthenticationError || err instanceof PermissionDeniedError)
      return { ok: false, models: [], message: `The key was refused (${err.status}). ${cfg.apiKey ? 'Check it' : 'Enter one'} in Settings.` };
    if (err instanceof APIConnectionError) return { ok: false, models: [], message: corsHint(cfg.baseURL) };
    // Some endpoints do not list models: the chat request below still tells whether the model answers.
    models = [];
  }
  if (models.length && !models.includes(cfg.model))
    return { ok: false, models, message: `The endpoint has no model "${cfg.model}". It has: ${models.slice(0, 12).join(', ')}${models.length > 12 ? '…' : ''}.` };
  try {
    await client.chat.completions.create({ model: cfg.model, messages: [{ role: 'user', content: 'Say OK.' }], max_tokens: 5 });
  } catch (err) {
    if (err instanceof AuthenticationError || err instanceof PermissionDeniedError) return { ok: false, models, message: `The key was refused (${err.status}).` };
    if (err instanceof NotFoundError) return { ok: false, models, message: `The endpoint has no model "${cfg.model}" (404).` };
    if (err instanceof APIConnectionError) return { ok: false, models, message: corsHint(cfg.baseURL) };
    return { ok: false, models, message: `The model did not answer: ${(err as Error).message}` };
  }
  return { ok: true, models, message: `Connected: ${cfg.model} answers at ${cfg.baseURL}.` };
}

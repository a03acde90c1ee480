import * as z from 'zod/mini';
import { OutputMode } from './format';
import { Effort } from './models';
import type { Preset } from './presets';

/**
 * What the extension has learned of one endpoint and model from its answers: the output mode that works, the
 * parameters it refuses, its context window. Remembered (per base URL and model) so the next job starts where the
 * last one ended, with no request spent on discovery.
 */
export const EndpointProfile = z.object({
  mode: OutputMode,
  /** An answer came back in this mode and was read: no need to probe again. */
  confirmed: z.boolean(),
  /** The effort and temperature it was confirmed with: changing them in Settings confirms afresh. */
  confirmedFor: z.optional(z.string()),
  /** The endpoint answered prose or a fenced block although a format was asked: it ignores `response_format`. */
  ignoresFormat: z.boolean(),
  /** The output cap's parameter; `none` when the endpoint refuses both. */
  tokenParam: z.enum(['max_completion_tokens', 'max_tokens', 'none']),
  /** False once the endpoint refused a `temperature`. */
  temperature: z.boolean(),
  /** False once the endpoint refused `stream_options` (usage is then counted here). */
  streamOptions: z.boolean(),
  /** The `reasoning_effort` the model took when it refused the one asked (`asked` → `use`); null: as the setting says. */
  effortSwap: z.nullable(z.object({ asked: Effort, use: Effort })),
  /** The endpoint refuses `reasoning_effort` altogether. */
  effortRefused: z.boolean(),
  /** The largest output cap the endpoint takes (DeepSeek: 8,192); null: none known. */
  maxOutput: z.nullable(z.int().check(z.positive())),
  /** Tokens of context, where known; null: unknown (batches keep to the batch-size setting). */
  contextWindow: z.nullable(z.int().check(z.positive())),
  contextSource: z.enum(['setting', 'server', 'table', 'default', 'none']),
  updatedAt: z.number(),
});
export type EndpointProfile = z.infer<typeof EndpointProfile>;

export const newProfile = (preset: Preset): EndpointProfile => ({
  mode: preset.startMode,
  confirmed: false,
  ignoresFormat: false,
  tokenParam: preset.tokenParam,
  temperature: true,
  streamOptions: true,
  effortSwap: null,
  maxOutput: preset.maxOutput ?? null,
  effortRefused: false,
  contextWindow: null,
  contextSource: 'none',
  updatedAt: 0,
});

export const profileKey = (baseUrl: string, model: string) => `${baseUrl.replace(/\/+$/, '')}|${model}`;

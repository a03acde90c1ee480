import * as z from 'zod/mini';
import { OutputMode } from '../endpoint/format';
import { Problem } from './problem';

/** Requests from the panel's settings to the background, the only context that holds the API key. */
export const SettingsRequest = z.discriminatedUnion('type', [
  /** The key for the endpoint at `baseUrl` (kept for that origin only); '' forgets it. */
  z.object({ type: z.literal('key:set'), key: z.string().check(z.maxLength(4096)), baseUrl: z.url({ protocol: /^https?$/ }) }),
  z.object({ type: z.literal('key:status') }),
  z.object({ type: z.literal('endpoint:test') }),
]);
export type SettingsRequest = z.infer<typeof SettingsRequest>;

export const KeyStatus = z.object({ set: z.boolean(), hint: z.nullable(z.string()) });
export type KeyStatus = z.infer<typeof KeyStatus>;

/** What Test connection found: whether a real summary came back, in which output mode, and what to fix if not. */
export const TestResult = z.object({
  ok: z.boolean(),
  problem: z.nullable(Problem),
  /** The endpoint's models (bare ids), when it lists them. */
  models: z.array(z.string()),
  /** The model tested: the one set, or the first listed when none was. */
  model: z.string(),
  mode: z.nullable(OutputMode),
  /** The endpoint ignored `response_format` and its answers are read leniently. */
  ignoresFormat: z.boolean(),
  contextWindow: z.nullable(z.int()),
  contextSource: z.enum(['setting', 'server', 'table', 'default', 'none']),
});
export type TestResult = z.infer<typeof TestResult>;

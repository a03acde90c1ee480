import * as z from 'zod/mini';
import type { PresetId } from './presets';

/**
 * What is known of models by name: whether they reason (and the lowest effort each family accepts) and their
 * context windows. Names are matched without a vendor prefix (`openai/gpt-5-mini` on OpenRouter is `gpt-5-mini`).
 */

export const Effort = z.enum(['none', 'minimal', 'low', 'medium', 'high']);
export type Effort = z.infer<typeof Effort>;

/** The setting: `auto` sends the lowest effort the model accepts (none for models that do not reason), `off` never sends one. */
export const EffortSetting = z.enum(['auto', 'off', 'none', 'minimal', 'low', 'medium', 'high']);
export type EffortSetting = z.infer<typeof EffortSetting>;

const family = (model: string) => model.toLowerCase().replace(/^models\//, '').replace(/^[\w.-]+\//, '');

interface Reasoning {
  /** The lowest `reasoning_effort` the family takes; null when it cannot be set. */
  lowest: Effort | null;
  /** Thinks before answering (whether or not the effort can be set): the output cap needs room for it. */
  thinks: boolean;
}

const RULES: [RegExp, Reasoning][] = [
  // OpenAI: gpt-5.1 and later take `none`; gpt-5 takes `minimal`; the o-series `low` at least.
  [/^gpt-5\.\d.*chat|^gpt-5-chat/, { lowest: null, thinks: false }],
  [/^gpt-5\.\d/, { lowest: 'none', thinks: true }],
  [/^gpt-5/, { lowest: 'minimal', thinks: true }],
  [/^o\d/, { lowest: 'low', thinks: true }],
  // Gemini: 2.5 Flash (and Flash-Lite) can stop thinking; Pro and 3 only think less.
  [/^gemini-2\.5-flash/, { lowest: 'none', thinks: true }],
  [/^gemini-(2\.5-pro|3)/, { lowest: 'low', thinks: true }],
  // Groq's reasoning models.
  [/^gpt-oss/, { lowest: 'low', thinks: true }],
  [/^qwen3/, { lowest: 'none', thinks: true }],
  // DeepSeek V4 thinks by default at high effort; it takes reasoning_effort (minimal and low mean low).
  [/^deepseek-v4/, { lowest: 'low', thinks: true }],
  // DeepSeek's reasoner and R1 distills think, with no effort to set.
  [/^deepseek-(reasoner|r1)/, { lowest: null, thinks: true }],
];

export function reasoningOf(model: string, preset: PresetId): Reasoning {
  // Endpoints that take no effort parameter (or whose models are not these families).
  if (preset === 'anthropic' || preset === 'ollama' || preset === 'lmstudio') return { lowest: null, thinks: /^(qwen3|deepseek-r1)/.test(family(model)) };
  const hit = RULES.find(([re]) => re.test(family(model)));
  return hit ? hit[1] : { lowest: null, thinks: false };
}

/** The effort to send for a setting; null: send none. */
export function effortFor(setting: EffortSetting, model: string, preset: PresetId): Effort | null {
  if (setting === 'off') return null;
  if (setting === 'auto') return reasoningOf(model, preset).lowest;
  return setting;
}

/** Output tokens a model may spend thinking at an effort, on top of the answer (the output cap counts both). */
export function thinkingAllowance(effort: Effort | null, thinks: boolean): number {
  if (!thinks || effort === 'none') return 0;
  switch (effort) {
    case 'minimal':
      return 1024;
    case 'low':
      return 4096;
    case 'medium':
      return 12_000;
    case 'high':
      return 32_000;
    default:
      return 8192;
  }
}

const WINDOWS: [RegExp, number][] = [
  [/^gpt-4\.1/, 1_047_576],
  [/^gpt-4o|^gpt-4-turbo/, 128_000],
  [/^gpt-5/, 400_000],
  [/^o[134]/, 200_000],
  [/^gemini-(2|3)/, 1_048_576],
  [/^deepseek-(chat|reasoner)/, 128_000],
  [/^claude/, 200_000],
  [/^gpt-oss|^llama-3\.[13]|^llama-4/, 131_072],
];

/** The context window of a model known by name, in tokens; null when unknown. */
export function knownContextWindow(model: string): number | null {
  return WINDOWS.find(([re]) => re.test(family(model)))?.[1] ?? null;
}

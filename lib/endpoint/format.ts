import * as z from 'zod/mini';

/**
 * The structured-output ladder: how an answer's format is asked for, from the strictest to none at all. An endpoint
 * that refuses a step is asked with the next one; the step that worked is remembered per endpoint and model.
 * - `strict`: `json_schema` with `strict: true` (OpenAI, Gemini, Groq's strict models)
 * - `schema`: `json_schema` without `strict` (vLLM, Ollama, LM Studio take it as guided decoding)
 * - `json`: `json_object` (DeepSeek); the prompt names JSON and shows a one-line example, as such endpoints require
 * - `text`: no `response_format`; the prompt pins the format and the answer is read leniently (Anthropic's endpoint)
 */
export const OutputMode = z.enum(['strict', 'schema', 'json', 'text']);
export type OutputMode = z.infer<typeof OutputMode>;

export const LADDER: readonly OutputMode[] = OutputMode.options;

/** Why a step was refused, as far as the endpoint's answer tells: the schema's strictness, JSON schemas, or any format. */
export type FormatRefusal = 'strict' | 'schema' | 'any';

/** The next step to try after `mode` was refused. */
export function stepDown(mode: OutputMode, why: FormatRefusal): OutputMode {
  const next = LADDER.indexOf(mode) + 1;
  // An endpoint that refuses every response_format skips straight to plain text; one that refuses JSON schemas, to
  // json_object; one that refuses strictness, to the non-strict schema.
  const floor = why === 'any' ? 3 : why === 'schema' ? 2 : 1;
  return LADDER[Math.min(3, Math.max(next, floor))]!;
}

const INT32 = 2 ** 31 - 1;

/**
 * A zod schema as the JSON schema endpoints accept: no `$schema` key (Gemini refuses it), no integer bounds past int32
 * (zod writes ±2^53 for `z.int()`; Gemini refuses those too), the rest as zod writes it (every property required,
 * `additionalProperties: false`, as OpenAI's strict mode wants).
 */
export function endpointSchema(schema: z.ZodMiniType): Record<string, unknown> {
  return clean(z.toJSONSchema(schema, { target: 'draft-7' })) as Record<string, unknown>;
}

function clean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(clean);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$schema') continue;
    if ((k === 'minimum' || k === 'maximum') && typeof v === 'number' && Math.abs(v) > INT32) continue;
    out[k] = clean(v);
  }
  return out;
}

/** The `response_format` for a step; none for plain text. */
export function responseFormat(mode: OutputMode, name: string, schema: Record<string, unknown>): object | undefined {
  switch (mode) {
    case 'strict':
      return { type: 'json_schema', json_schema: { name, strict: true, schema } };
    case 'schema':
      return { type: 'json_schema', json_schema: { name, schema } };
    case 'json':
      return { type: 'json_object' };
    case 'text':
      return undefined;
  }
}

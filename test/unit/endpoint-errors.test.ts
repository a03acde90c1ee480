// A 400 is not one thing: each provider's documented error bodies, as the `openai` client turns them into errors, are
// told apart into what the job does about them.
import { APIError } from 'openai';
import { describe, expect, test } from 'vitest';
import { classify } from '@/lib/endpoint/errors';
import { stepDown, endpointSchema } from '@/lib/endpoint/format';
import { BatchAnswer } from '@/lib/summarize/schema';

/** An error as the client makes it from a response (a body without `error` is wrapped, as the SDK does). */
const apiError = (status: number, body: unknown) => {
  const normalized = body && typeof body === 'object' && (body as { error?: unknown }).error == null ? { error: body } : body;
  return APIError.generate(status, normalized as object, undefined, new Headers());
};
const oa = (message: string, param: string | null = null, code: string | null = null) => ({ error: { message, type: 'invalid_request_error', param, code } });
const facts = { baseURL: 'https://api.example.com/v1', model: 'm', formatted: true };

const cases: [string, number, unknown, object][] = [
  ['OpenAI reasoning model, max_tokens', 400, oa("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'max_tokens', 'unsupported_parameter'), { refusal: { type: 'param', param: 'max_tokens', value: false } }],
  ['OpenAI reasoning model, temperature', 400, oa("Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.", 'temperature', 'unsupported_value'), { refusal: { type: 'param', param: 'temperature', value: true } }],
  ['OpenAI, reasoning_effort on gpt-4o', 400, oa('Unrecognized request argument supplied: reasoning_effort'), { refusal: { type: 'param', param: 'reasoning_effort', value: false } }],
  ["gpt-5.1 and 'minimal'", 400, oa("Unsupported value: 'minimal' is not supported with the 'gpt-5.1' model. Supported values are: 'none', 'low', 'medium', and 'high'.", 'reasoning_effort', 'unsupported_value'), { refusal: { type: 'param', param: 'reasoning_effort', value: true, supported: ['none', 'low', 'medium', 'high'] } }],
  ['OpenAI json_object without the word', 400, oa("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'messages'), { refusal: { type: 'format', why: 'any' } }],
  ['OpenAI context', 400, oa("This model's maximum context length is 128000 tokens. However, your messages resulted in 202868 tokens. Please reduce the length of the messages.", 'messages', 'context_length_exceeded'), { refusal: null, error: { kind: 'too-large', problem: { code: 'context-too-long', params: { window: 128000 } } } }],
  ['OpenAI strict schema', 400, oa("Invalid schema for response_format 'x': In context=(), 'additionalProperties' is required to be supplied and to be false.", 'response_format'), { refusal: { type: 'format', why: 'schema' } }],
  ['DeepSeek json_schema', 400, oa('This response_format type is unavailable now', null, 'invalid_request_error'), { refusal: { type: 'format', why: 'schema' } }],
  ['DeepSeek max_tokens range', 400, oa('Invalid max_tokens value, the valid range of max_tokens is [1, 8192]', null, 'invalid_request_error'), { refusal: { type: 'cap', max: 8192 } }],
  ['DeepSeek context', 400, oa("This model's maximum context length is 131072 tokens. However, you requested 131134 tokens (122942 in the messages, 8192 in the completion). Please reduce the length of the messages or completion.", null, 'invalid_request_error'), { error: { kind: 'too-large' } }],
  ['Gemini bad key (400, an array)', 400, [{ error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } }], { refusal: null, error: { kind: 'auth', problem: { code: 'key-refused', params: { status: 400, said: 'API key not valid. Please pass a valid API key.' } } } }],
  ['Gemini $schema', 400, [{ error: { code: 400, message: 'Invalid JSON payload received. Unknown name "$schema" at \'generation_config.response_schema\': Cannot find field.', status: 'INVALID_ARGUMENT' } }], { refusal: { type: 'format', why: 'schema' } }],
  ['OpenRouter, no endpoint takes the parameters', 404, { error: { message: 'No endpoints found that can handle the requested parameters.', code: 404 } }, { refusal: { type: 'format', why: 'any' } }],
  ['Groq, streaming with a format', 400, { error: { message: 'response_format` does not support streaming', type: 'invalid_request_error' } }, { refusal: { type: 'format', why: 'any' } }],
  ['Groq, json_schema on llama', 400, { error: { message: 'This model does not support response format `json_schema`.', type: 'invalid_request_error' } }, { refusal: { type: 'format', why: 'schema' } }],
  ['Groq, reasoning_effort on a model without it', 400, { error: { message: 'reasoning_effort is not supported with this model', type: 'invalid_request_error' } }, { refusal: { type: 'param', param: 'reasoning_effort', value: false } }],
  ['LM Studio context', 400, { error: 'The number of tokens to keep from the initial prompt is greater than the context length. Try to load the model with a larger context length, or provide a shorter input' }, { error: { kind: 'too-large' } }],
  ['vLLM context', 400, { error: { message: "This model's maximum context length is 8192 tokens. However, your request has 9000 input tokens. Please reduce the length of the input messages.", type: 'BadRequestError', param: null, code: 400 } }, { error: { kind: 'too-large', problem: { params: { window: 8192 } } } }],
  ['a model that does not exist', 404, oa('The model `gpt-nope` does not exist or you do not have access to it.', null, 'model_not_found'), { refusal: null, error: { kind: 'not-found', problem: { code: 'model-missing' } } }],
  ['no quota left', 429, { error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', code: 'insufficient_quota' } }, { error: { kind: 'auth', problem: { code: 'quota-exceeded' } } }],
  ['a content refusal nobody can fix', 400, oa('Your request was rejected as a result of our safety system.'), { refusal: null, error: { kind: 'rejected', problem: { code: 'bad-request' } } }],
];

describe('classify', () => {
  for (const [name, status, body, want] of cases) test(name, () => expect(classify(apiError(status, body), facts)).toMatchObject(want));

  test('a format error is a format refusal only when a format was sent', () => {
    expect(classify(apiError(400, oa('This response_format type is unavailable now')), { ...facts, formatted: false }).refusal).toBeNull();
  });
});

describe('the ladder', () => {
  test('steps down as far as the refusal says', () => {
    expect(stepDown('strict', 'strict')).toBe('schema');
    expect(stepDown('strict', 'schema')).toBe('json');
    expect(stepDown('strict', 'any')).toBe('text');
    expect(stepDown('schema', 'schema')).toBe('json');
    expect(stepDown('json', 'strict')).toBe('text');
  });

  test('the schema sent has no $schema and no bounds past int32, and stays strict-valid', () => {
    const s = JSON.stringify(endpointSchema(BatchAnswer));
    expect(s).not.toContain('$schema');
    expect(s).not.toContain('9007199254740991');
    expect(s).toContain('"maximum":100');
    expect(s).toContain('"additionalProperties":false');
  });
});

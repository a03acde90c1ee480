import * as z from 'zod/mini';

/**
 * What went wrong (or what the extension did about it), as a typed code with parameters: the background never writes
 * sentences for the user, the panel words each code in the user's language (`problemText` in `lib/i18n`).
 */
export const ProblemCode = z.enum([
  // The endpoint and its settings.
  'no-key',
  'key-refused',
  'quota-exceeded',
  'no-model',
  'model-missing',
  'unreachable',
  'timeout',
  'first-token-timeout',
  'stalled',
  'rate-limited',
  'server-error',
  'context-too-long',
  'bad-request',
  'format-unsupported',
  // Answers.
  'answer-not-json',
  'answer-cut',
  'answer-skipped',
  // The job.
  'endpoint-down',
  'cancelled',
  'save-failed',
  'internal',
  // Chrome's built-in model.
  'builtin-missing',
  'builtin-not-ready',
  'builtin-failed',
  'builtin-too-large',
]);
export type ProblemCode = z.infer<typeof ProblemCode>;

export const Problem = z.object({
  code: ProblemCode,
  /** Filled into the sentence: a status, a model name, seconds… */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type Problem = z.infer<typeof Problem>;

export const problem = (code: ProblemCode, params: Problem['params'] = {}): Problem => ({ code, params });

/** What the endpoint said itself, short enough to show after our sentence (never a whole SDK dump). */
export const endpointSaid = (text: unknown, max = 160): string => {
  const s = String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

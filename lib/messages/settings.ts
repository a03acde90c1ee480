import * as z from 'zod/mini';

/** Requests from the panel's settings to the background, the only context that holds the API key. */
export const SettingsRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('key:set'), key: z.string().check(z.maxLength(4096)) }),
  z.object({ type: z.literal('key:status') }),
  z.object({ type: z.literal('endpoint:test') }),
]);
export type SettingsRequest = z.infer<typeof SettingsRequest>;

export const KeyStatus = z.object({ set: z.boolean(), hint: z.nullable(z.string()) });
export type KeyStatus = z.infer<typeof KeyStatus>;

export const TestResult = z.object({ ok: z.boolean(), message: z.string(), models: z.array(z.string()) });
export type TestResult = z.infer<typeof TestResult>;

// Chrome's built-in model (Prompt API), as the panel and the background both look for it. Kept tiny: the panel imports it.

interface PromptOptions {
  responseConstraint?: unknown;
  /** The schema is not added to the input (the prompt states the answer's shape itself). */
  omitResponseConstraintInput?: boolean;
  signal?: AbortSignal;
}

/** The part of Chrome's Prompt API (`LanguageModel`, Chrome 138+) this provider uses, current names and older ones. */
export interface LanguageModelSession {
  promptStreaming(input: string, opts?: PromptOptions): AsyncIterable<string> | ReadableStream<string>;
  prompt(input: string, opts?: PromptOptions): Promise<string>;
  /** A copy of the session with its context (the primed system prompt), for one batch. */
  clone(opts?: { signal?: AbortSignal }): Promise<LanguageModelSession>;
  measureContextUsage?(input: string, opts?: PromptOptions): Promise<number>;
  /** The older name of `measureContextUsage` (extension contexts). */
  measureInputUsage?(input: string, opts?: PromptOptions): Promise<number>;
  readonly contextWindow?: number;
  readonly contextUsage?: number;
  readonly inputQuota?: number;
  readonly inputUsage?: number;
  destroy(): void;
}
export type Availability = 'unavailable' | 'downloadable' | 'downloading' | 'available';
export interface LanguageModelApi {
  availability(opts?: object): Promise<Availability>;
  create(opts?: object): Promise<LanguageModelSession>;
}

/** The built-in model of this browser, or null where there is none (Firefox, older Chrome). */
export const builtInModel = (): LanguageModelApi | null => (globalThis as { LanguageModel?: LanguageModelApi }).LanguageModel ?? null;

/** English and Japanese comments in, Japanese out. */
export const LANGUAGE_OPTIONS = {
  expectedInputs: [{ type: 'text', languages: ['en', 'ja'] }],
  expectedOutputs: [{ type: 'text', languages: ['ja'] }],
};

// Chrome's built-in model (Prompt API), as the panel and the background both look for it. Kept tiny: the panel imports it.

/** The part of Chrome's Prompt API (`LanguageModel`, Chrome 138+) this provider uses. */
export interface LanguageModelSession {
  promptStreaming(input: string, opts?: { responseConstraint?: unknown; signal?: AbortSignal }): AsyncIterable<string> | ReadableStream<string>;
  prompt(input: string, opts?: { responseConstraint?: unknown; signal?: AbortSignal }): Promise<string>;
  readonly contextWindow?: number;
  readonly inputQuota?: number;
  destroy(): void;
}
export type Availability = 'unavailable' | 'downloadable' | 'downloading' | 'available';
export interface LanguageModelApi {
  availability(opts?: object): Promise<Availability>;
  create(opts?: object): Promise<LanguageModelSession>;
}

/** The built-in model of this browser, or null where there is none (Firefox, older Chrome). */
export const builtInModel = (): LanguageModelApi | null => (globalThis as { LanguageModel?: LanguageModelApi }).LanguageModel ?? null;

export const LANGUAGE_OPTIONS = {
  expectedInputs: [{ type: 'text', languages: ['en'] }],
  expectedOutputs: [{ type: 'text', languages: ['ja'] }],
};


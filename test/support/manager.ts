// The background's job manager as the unit tests build it: storage from WXT's fake browser, the real `openai` client
// against the test server. Every manager made is waited for (`settleAll`) before the next test: a job's end writes
// the overview in the background, and it must not land in the next test's fresh storage.
import type { Settings } from '@/lib/settings';
import { SummaryStore } from '@/lib/storage/summaries';
import { SummaryManager } from '@/lib/summarize/manager';
import { openAIProvider } from '@/lib/summarize/openai-provider';
import { testChatConfig } from './endpoint';

const made: SummaryManager[] = [];

export function testManager(settings: () => Settings, store = new SummaryStore(10_000_000)): SummaryManager {
  const m = new SummaryManager({
    store,
    settings: async () => settings(),
    modelOf: (s) => `${s.model}@${s.baseUrl}`,
    provider: async (s, hooks) => openAIProvider(testChatConfig(s.baseUrl, { apiKey: 'k', model: s.model, timeoutMs: 3000, maxRetries: 0, stallMs: 3000, onRateLimit: hooks.onRateLimit })),
  });
  made.push(m);
  return m;
}

/** For `afterEach`: every manager made since has finished writing. */
export const settleAll = () => Promise.all(made.splice(0).map((m) => m.settled()));

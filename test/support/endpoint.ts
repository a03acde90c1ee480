// A `ChatConfig` for the project's test server, with every field a real one has: tests change what they test.
import type { ChatConfig } from '@/lib/endpoint/chat';
import { PRESETS, type PresetId } from '@/lib/endpoint/presets';

export function testChatConfig(url: string, over: Partial<ChatConfig> & { presetId?: PresetId } = {}): ChatConfig {
  const { presetId = 'custom', ...rest } = over;
  return {
    baseURL: url,
    apiKey: 'good-key',
    model: 'matome-test-1',
    preset: PRESETS[presetId],
    temperature: null,
    effort: 'auto',
    timeoutMs: 5000,
    firstTokenMs: 5000,
    stallMs: 5000,
    maxRetries: 1,
    contextWindow: null,
    profile: null,
    ...rest,
  };
}

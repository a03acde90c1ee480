import { expect, test } from 'vitest';
import { presetOf } from '@/lib/endpoint/presets';
import { effortFor, knownContextWindow } from '@/lib/endpoint/models';
import { parseSettings } from '@/lib/settings';

test('settings saved before presets take the preset of their base URL: a local Ollama keeps needing no key', () => {
  expect(parseSettings({ baseUrl: 'http://localhost:11434/v1', model: 'llama3.1:8b' }).preset).toBe('ollama');
  expect(parseSettings({ baseUrl: 'http://127.0.0.1:11434/v1' }).preset).toBe('ollama');
  expect(parseSettings({ baseUrl: 'http://192.168.1.5:1234/v1' }).preset).toBe('lmstudio');
  expect(parseSettings({ baseUrl: 'https://api.deepseek.com/v1' }).preset).toBe('deepseek');
  expect(parseSettings({ baseUrl: 'https://openrouter.ai/api/v1' }).preset).toBe('openrouter');
  expect(parseSettings({ baseUrl: 'http://127.0.0.1:8000/v1' }).preset).toBe('custom');
  expect(parseSettings({}).preset).toBe('openai');
  // A preset chosen stands, whatever the URL.
  expect(parseSettings({ preset: 'gemini', baseUrl: 'http://127.0.0.1:8000/v1' }).preset).toBe('gemini');
  expect(presetOf('http://127.0.0.1:8000/v1', 'custom').id).toBe('custom');
});

test('the lowest effort each family takes, and none for models that do not reason', () => {
  expect(effortFor('auto', 'gpt-5-mini', 'openai')).toBe('minimal');
  expect(effortFor('auto', 'gpt-5.1', 'openai')).toBe('none');
  expect(effortFor('auto', 'o4-mini', 'openai')).toBe('low');
  expect(effortFor('auto', 'gpt-4.1-mini', 'openai')).toBeNull();
  expect(effortFor('auto', 'models/gemini-2.5-flash', 'gemini')).toBe('none');
  expect(effortFor('auto', 'gemini-2.5-pro', 'gemini')).toBe('low');
  expect(effortFor('auto', 'openai/gpt-5-mini', 'openrouter')).toBe('minimal');
  expect(effortFor('auto', 'deepseek-chat', 'deepseek')).toBeNull();
  expect(effortFor('auto', 'claude-haiku-4-5', 'anthropic')).toBeNull();
  expect(effortFor('off', 'gpt-5-mini', 'openai')).toBeNull();
  expect(effortFor('high', 'gpt-4.1-mini', 'custom')).toBe('high');
  expect(knownContextWindow('openai/gpt-oss-20b')).toBe(131_072);
  expect(knownContextWindow('mystery-model')).toBeNull();
});

// The test server on its own, for trying the extension by hand or benchmarking it:
//   tsx test/llm-server/cli.ts --port 8787 [--latency MS] [--tps N] [--max-concurrency N] [--api-key KEY] [--fault KIND[:ARG]]
//     [--personality NAME] [--time-scale X]   (NAME: lenient, openai, reasoning, deepseek, anthropic, gemini, ollama… see personalities.ts)
// Prints one line with its URL, then serves until SIGINT or SIGTERM.
import { parseArgs } from 'node:util';
import { parseFault, PERSONALITIES, startLlmServer, type PersonalityName, type ServerOptions } from './server';

const fail = (message: string): never => {
  console.error(`llm-server: ${message}`);
  process.exit(2);
};

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        latency: { type: 'string' },
        tps: { type: 'string' },
        'max-concurrency': { type: 'string' },
        'api-key': { type: 'string' },
        fault: { type: 'string' },
        personality: { type: 'string' },
        'time-scale': { type: 'string' },
      },
      strict: true,
    });
  } catch (err) {
    return fail((err as Error).message);
  }
})();

/** A non-negative number option, or undefined when absent. */
const num = (name: keyof typeof values): number | undefined => {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fail(`--${name} wants a number >= 0, got "${raw}"`);
};

const options: ServerOptions = {
  port: num('port') ?? 0,
  firstTokenLatencyMs: num('latency'),
  tokensPerSecond: num('tps'),
  maxConcurrency: num('max-concurrency'),
  apiKey: values['api-key'],
  fault: values.fault === undefined ? null : (parseFault(values.fault) ?? fail(`unknown fault "${values.fault}"`)),
  personality:
    values.personality === undefined
      ? undefined
      : values.personality in PERSONALITIES
        ? (values.personality as PersonalityName)
        : fail(`unknown personality "${values.personality}" (one of ${Object.keys(PERSONALITIES).join(', ')})`),
  timeScale: num('time-scale'),
};

const server = await startLlmServer(options);
console.log(`LLM test server on ${server.url}${options.personality ? ` (as ${options.personality}: ${(options.models ?? PERSONALITIES[options.personality].listed).join(', ')})` : ''}`);

const stop = () => {
  server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

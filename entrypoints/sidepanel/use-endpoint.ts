import { useEffect, useState } from 'preact/hooks';
import type { Access } from '@/components/AccessNote';
import type { BuiltInStatus } from '@/components/BuiltInStatus';
import { presetOf } from '@/lib/endpoint/presets';
import type { KeyStatus, TestResult } from '@/lib/messages/settings';
import type { Settings } from '@/lib/settings';
import { saveSettings } from '@/lib/storage/settings';
import { builtInModel, LANGUAGE_OPTIONS } from '@/lib/summarize/built-in';
import { connect, keyStatus, saveAll } from './settings-glue';

/** Chrome's on-device model: whether it is here, and its download (which needs the click's user gesture). */
function useBuiltIn() {
  const [status, setStatus] = useState<BuiltInStatus>('checking');
  const [progress, setProgress] = useState<number | null>(null);
  useEffect(() => {
    const api = builtInModel();
    if (!api) return setStatus('unavailable');
    api.availability(LANGUAGE_OPTIONS).then(setStatus, () => setStatus('unavailable'));
  }, []);
  const download = () => {
    const api = builtInModel();
    if (!api) return;
    setStatus('downloading');
    api
      .create({
        ...LANGUAGE_OPTIONS,
        monitor: (m: EventTarget) => m.addEventListener('downloadprogress', (e) => setProgress((e as ProgressEvent).loaded)),
      })
      .then(
        (session) => {
          session.destroy();
          setStatus('available');
          setProgress(null);
        },
        () => setStatus('unavailable'),
      );
  };
  return { status, progress, download };
}

/**
 * The model the panel would summarise with: whether it is usable yet (a model set, and a key where the provider wants
 * one; or the built-in model, downloaded), the key's status for the endpoint set now, and saving and testing it.
 */
export function useEndpoint(settings: Settings | null) {
  /** null until the background has said. */
  const [key, setKey] = useState<KeyStatus | null>(null);
  const [models, setModels] = useState<string[]>([]);
  /** The last connection test that passed from the setup card: said once the card has given way to Summarise. */
  const [connected, setConnected] = useState<TestResult | null>(null);
  const builtIn = useBuiltIn();
  // Keys are per endpoint: asked again whenever the endpoint changes.
  useEffect(() => void keyStatus().then(setKey, () => undefined), [settings?.baseUrl]);
  // null while not known yet (settings, the key, the built-in model still being asked): the panel waits rather than flash the setup.
  const usable: boolean | null =
    settings == null
      ? null
      : settings.provider === 'chrome-ai'
        ? builtIn.status === 'checking'
          ? null
          : builtIn.status === 'available'
        : !settings.model.trim()
          ? false
          : !presetOf(settings.baseUrl, settings.preset).needsKey || (key == null ? null : key.set);
  return {
    key: key ?? { set: false, hint: null },
    connected,
    models,
    builtIn,
    usable,
    save: async (patch: Settings, k: string | null): Promise<Access | null> => {
      const access = await saveAll(patch, k);
      setKey(await keyStatus());
      return access;
    },
    connect: async (patch: Settings, k: string | null): Promise<{ result: TestResult; access: Access | null }> => {
      const r = await connect(patch, k);
      setModels(r.result.models);
      setConnected(r.result.ok ? r.result : null);
      setKey(await keyStatus());
      return r;
    },
    useBuiltIn: () => void saveSettings({ provider: 'chrome-ai' }),
  };
}

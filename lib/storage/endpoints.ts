import { storage } from '@wxt-dev/storage';
import * as z from 'zod/mini';
import { EndpointProfile, profileKey } from '../endpoint/profile';

/** Learned endpoint profiles (`lib/endpoint/profile.ts`), by base URL and model. Written by the background only. */
const Profiles = z.record(z.string(), EndpointProfile);

const item = storage.defineItem<unknown>('local:endpoint-profiles', { fallback: {}, version: 1 });

/** Endpoints remembered at most; the least recently updated go first. */
const KEEP = 40;

async function readAll(): Promise<Record<string, EndpointProfile>> {
  const raw = await item.getValue();
  const all = Profiles.safeParse(raw);
  if (all.success) return all.data;
  // Keep every entry that still reads: one bad entry never costs the rest.
  const out: Record<string, EndpointProfile> = {};
  if (raw && typeof raw === 'object') for (const [k, v] of Object.entries(raw)) {
    const p = EndpointProfile.safeParse(v);
    if (p.success) out[k] = p.data;
  }
  return out;
}

export async function loadProfile(baseUrl: string, model: string): Promise<EndpointProfile | null> {
  return (await readAll())[profileKey(baseUrl, model)] ?? null;
}

let chain: Promise<unknown> = Promise.resolve();

/** Writes one profile (writes are serialised in this context, the only writer). */
export function saveProfile(baseUrl: string, model: string, p: EndpointProfile): Promise<void> {
  const next = chain.catch(() => undefined).then(async () => {
    const all = await readAll();
    all[profileKey(baseUrl, model)] = { ...p, updatedAt: Date.now() };
    const kept = Object.entries(all).sort((a, b) => b[1].updatedAt - a[1].updatedAt).slice(0, KEEP);
    await item.setValue(Object.fromEntries(kept));
  });
  chain = next;
  return next;
}

// The content script's own checks of the requests it receives, without zod: it runs on every HN thread the user
// opens, and zod would be most of its bundle. The zod schemas in ./content.ts stay the definition (the panel uses
// them); test/unit/content-check.test.ts proves both accept and reject the same messages.
import type { OverlayItem, OverlayRequest, ReadRequest, RevealRequest } from './content';

export const READ_PORT = 'hn-matome/read';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): v is number => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const COLOR = /^(#[0-9a-f]{6})?$/i;

export function checkReadRequest(v: unknown): ReadRequest | null {
  if (!isObj(v) || v.type !== 'read' || !isInt(v.maxPages, 1, 200) || !isInt(v.delayMs, 0, 60_000)) return null;
  return { type: 'read', maxPages: v.maxPages, delayMs: v.delayMs };
}

export function checkRevealRequest(v: unknown): RevealRequest | null {
  if (!isObj(v) || v.type !== 'reveal' || !isInt(v.commentId, 1)) return null;
  return { type: 'reveal', commentId: v.commentId };
}

export function checkOverlayRequest(v: unknown): OverlayRequest | null {
  if (!isObj(v) || v.type !== 'overlay' || !(v.items === null || Array.isArray(v.items))) return null;
  return { type: 'overlay', items: v.items as unknown[] | null };
}

export function checkOverlayItem(v: unknown): OverlayItem | null {
  if (!isObj(v) || !isInt(v.id, 1) || !isText(v.text, 100_000) || typeof v.color !== 'string' || !COLOR.test(v.color)) return null;
  if (v.label !== undefined && !isText(v.label, 40)) return null;
  return v.label === undefined ? { id: v.id, text: v.text, color: v.color } : { id: v.id, text: v.text, color: v.color, label: v.label };
}

// The browser's own API, not the polyfill: this script runs on every HN thread, and the few calls it makes behave the
// same in Chrome and Firefox when answered through sendResponse.
import { browser } from '@wxt-dev/browser';
import { ThreadParseError } from '@/lib/hn/parse';
import { readThread } from '@/lib/hn/pages';
import { removeOverlay, showOverlay } from '@/lib/hn/overlay';
import { revealComment } from '@/lib/hn/reveal';
import { checkOverlayItem, checkOverlayRequest, checkReadRequest, checkRevealRequest, READ_PORT } from '@/lib/messages/content-check';
import type { OverlayResult, RevealResult } from '@/lib/messages/content';
import type { ReadEvent } from '@/lib/messages/read';
import { isOwnExtension } from '@/lib/messages/sender';

async function fetchPage(url: string, signal?: AbortSignal): Promise<Document> {
  const res = await fetch(url, { credentials: 'same-origin', signal });
  if (!res.ok) throw new Error(`HN answered ${res.status}`);
  return new DOMParser().parseFromString(await res.text(), 'text/html');
}

function overlay(items: unknown[] | null): OverlayResult {
  if (!items) {
    removeOverlay(document);
    return { placed: 0, invalid: 0, notOnPage: 0 };
  }
  // Item by item: one that cannot be shown is left out and counted, the rest are placed.
  const valid = items.map(checkOverlayItem).filter((i) => i !== null);
  const placed = showOverlay(document, valid);
  return { placed, invalid: items.length - valid.length, notOnPage: valid.length - placed };
}

export default defineContentScript({
  matches: ['https://news.ycombinator.com/item*'],
  runAt: 'document_idle',
  // Nothing runs at page load but these listeners: the page pays only for reading when the panel asks.
  main() {
    browser.runtime.onConnect.addListener((port) => {
      // Only this extension's panel talks to this script: a port or a message from anywhere else is ignored.
      if (port.name !== READ_PORT || !isOwnExtension(port.sender)) return;
      const abort = new AbortController();
      port.onDisconnect.addListener(() => abort.abort());
      const post = (e: ReadEvent) => {
        if (!abort.signal.aborted) port.postMessage(e);
      };
      port.onMessage.addListener(async (raw: unknown) => {
        const req = checkReadRequest(raw);
        if (!req) return post({ type: 'error', code: 'bad-request' });
        try {
          const { thread, stopped } = await readThread(document, location.href, {
            maxPages: req.maxPages,
            delayMs: req.delayMs,
            fetchPage,
            signal: abort.signal,
            onProgress: (p) => post({ type: 'progress', ...p }),
          });
          post({ type: 'done', thread, stopped });
        } catch (err) {
          if (err instanceof ThreadParseError) post({ type: 'error', code: err.code });
          else post({ type: 'error', code: 'failed', detail: String((err as Error)?.message ?? err).slice(0, 500) });
        }
      });
    });

    browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse) => {
      if (!isOwnExtension(sender)) return undefined;
      const reveal = checkRevealRequest(raw);
      if (reveal) sendResponse({ found: revealComment(document, reveal.commentId) } satisfies RevealResult);
      const req = checkOverlayRequest(raw);
      if (req) sendResponse(overlay(req.items));
      return undefined;
    });
  },
});

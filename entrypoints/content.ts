import { ThreadParseError } from '@/lib/hn/parse';
import { readThread } from '@/lib/hn/pages';
import { removeOverlay, showOverlay } from '@/lib/hn/overlay';
import { revealComment } from '@/lib/hn/reveal';
import { OverlayItem, OverlayRequest, READ_PORT, ReadRequest, RevealRequest, type OverlayResult, type RevealResult } from '@/lib/messages/content';
import { eachValid } from '@/lib/messages/items';
import type { ReadEvent } from '@/lib/messages/read';
import { isOwnExtension } from '@/lib/messages/sender';

async function fetchPage(url: string, signal?: AbortSignal): Promise<Document> {
  const res = await fetch(url, { credentials: 'same-origin', signal });
  if (!res.ok) throw new Error(`HN answered ${res.status}`);
  return new DOMParser().parseFromString(await res.text(), 'text/html');
}

export default defineContentScript({
  matches: ['https://news.ycombinator.com/item*'],
  runAt: 'document_idle',
  // Nothing runs at page load but these listeners: the page pays only for reading when the panel asks.
  main() {
    // Only this extension's panel talks to this script: a port or a message from anywhere else is ignored.
    browser.runtime.onConnect.addListener((port) => {
      if (port.name !== READ_PORT || !isOwnExtension(port.sender)) return;
      const abort = new AbortController();
      port.onDisconnect.addListener(() => abort.abort());
      const post = (e: ReadEvent) => {
        if (!abort.signal.aborted) port.postMessage(e);
      };
      port.onMessage.addListener(async (raw: unknown) => {
        const req = ReadRequest.safeParse(raw);
        if (!req.success) return post({ type: 'error', code: 'bad-request' });
        try {
          const { thread, stopped } = await readThread(document, location.href, {
            maxPages: req.data.maxPages,
            delayMs: req.data.delayMs,
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

    browser.runtime.onMessage.addListener((raw: unknown, sender) => {
      if (!isOwnExtension(sender)) return undefined;
      const reveal = RevealRequest.safeParse(raw);
      if (reveal.success) return Promise.resolve<RevealResult>({ found: revealComment(document, reveal.data.commentId) });
      const overlay = OverlayRequest.safeParse(raw);
      if (!overlay.success) return undefined;
      if (!overlay.data.items) {
        removeOverlay(document);
        return Promise.resolve<OverlayResult>({ placed: 0, invalid: 0, notOnPage: 0 });
      }
      const { items, dropped } = eachValid(OverlayItem, overlay.data.items);
      const placed = showOverlay(document, items);
      return Promise.resolve<OverlayResult>({ placed, invalid: dropped, notOnPage: items.length - placed });
    });
  },
});

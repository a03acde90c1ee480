/**
 * Who sent a message, as the browser says: only the extension's own pages (the side panel, its settings) may talk to
 * the background. A content script runs inside a web page, and what a page can make it do must not reach the key or
 * start a job.
 */
export interface Sender {
  id?: string;
  url?: string;
}

/** The extension's own page: its id, and a URL on the extension's origin (a content script's URL is the web page's). */
export function isExtensionPage(sender: Sender | undefined, self: { id: string; base: string } = runtimeSelf()): boolean {
  return !!sender && sender.id === self.id && typeof sender.url === 'string' && sender.url.startsWith(self.base);
}

/** Sent by this extension at all (a panel, or its own content script). */
export const isOwnExtension = (sender: Sender | undefined, self: { id: string } = runtimeSelf()) => !!sender && sender.id === self.id;

function runtimeSelf() {
  return { id: browser.runtime.id, base: browser.runtime.getURL('/') };
}

import type { Thread } from '../hn/thread';

/** What the side panel shows for its tab: one state at a time, each with what the user needs to act on it. */
export type PanelView =
  | { kind: 'starting' }
  | { kind: 'not-thread'; url: string | null }
  | { kind: 'loading' }
  | { kind: 'unreachable'; tabId: number }
  | { kind: 'reading'; page: number; comments: number; next: string | null }
  | { kind: 'ready'; tabId: number; thread: Thread; notice: string | null }
  | { kind: 'error'; message: string };

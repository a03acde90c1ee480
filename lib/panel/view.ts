import type { ReadStop } from '../hn/pages';
import type { Thread } from '../hn/thread';
import type { ReadErrorCode } from '../messages/read';

/** Why the panel could not show a thread: the page's own codes, an answer the panel could not read, no tab at all. */
export type ViewProblem = { code: ReadErrorCode | 'bad-answer' | 'no-tab'; detail: string | null };

/** What the side panel shows for its tab: one state at a time, each with what the user needs to act on it. */
export type PanelView =
  | { kind: 'starting' }
  | { kind: 'not-thread'; url: string | null }
  | { kind: 'loading' }
  | { kind: 'unreachable'; tabId: number }
  | { kind: 'reading'; page: number; comments: number; next: string | null }
  /** `stopped`: the thread was read only in part; `leftOut`: comments the page wrote oddly, left out. */
  | { kind: 'ready'; tabId: number; thread: Thread; stopped: ReadStop | null; leftOut: number }
  /** A favourite opened from the shelf: its own digest, with no page and no model. */
  | { kind: 'favorite'; thread: Thread; favorite: 'thread' | 'card' }
  | ({ kind: 'error' } & ViewProblem);

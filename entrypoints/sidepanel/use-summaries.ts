import { useEffect, useRef, useState } from 'preact/hooks';
import type { Thread } from '@/lib/hn/thread';
import { JOB_PORT, readBackgroundMessage, type PanelToBackground } from '@/lib/messages/job';
import { applyMessage, emptySummaries, type SummariesState } from '@/lib/panel/summaries';
import { commentRefs, jobComments } from '@/lib/summarize/digest';

/**
 * The thread's summaries, kept by the background: `follow(thread)` subscribes on a port (called as soon as the
 * thread is read, before the panel renders it, so the cache lookup runs alongside) and the state follows every
 * change. When the worker restarts (Chrome stops idle workers) the port breaks; the panel reconnects, which also
 * resumes an unfinished job.
 */
export function useSummaries() {
  const [state, setState] = useState<SummariesState>(emptySummaries);
  const port = useRef<ReturnType<typeof browser.runtime.connect> | null>(null);
  const stop = useRef<() => void>(() => {});

  const follow = (thread: Thread | null) => {
    stop.current();
    setState(emptySummaries());
    if (!thread) return;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const comments = jobComments(thread);
    const connect = () => {
      const p = browser.runtime.connect({ name: JOB_PORT });
      port.current = p;
      let textsSent = false;
      let alive = true;
      p.onMessage.addListener((raw: unknown) => {
        const m = readBackgroundMessage(raw);
        if (!m) return console.warn('ignored a message from the background');
        // A card that does not validate is left out; the others are shown.
        if (m.dropped) console.warn(`left out ${m.dropped} cards that do not validate`);
        if (m.message.type === 'snapshot') {
          performance.mark('hn-matome:snapshot');
          // The texts follow once the snapshot is painted: a reopen shows every card before they travel.
          // (A panel in a hidden tab gets no frames: a timer sends them all the same.)
          const texts = () => {
            if (textsSent || !alive || port.current !== p) return;
            textsSent = true;
            p.postMessage({ type: 'texts', comments: comments.map((c) => ({ id: c.id, text: c.text })) } satisfies PanelToBackground);
          };
          requestAnimationFrame(() => setTimeout(texts, 0));
          setTimeout(texts, 100);
        }
        setState((s) => applyMessage(s, m.message));
      });
      p.onDisconnect.addListener(() => {
        alive = false;
        if (closed) return;
        setState((s) => ({ ...s, connected: false }));
        retry = setTimeout(connect, 250);
      });
      // User Timing marks: `npm run bench` reads them to time a reopen from the cache.
      performance.mark('hn-matome:open');
      p.postMessage({ type: 'open', story: thread.story, comments: commentRefs(comments) } satisfies PanelToBackground);
    };
    connect();
    stop.current = () => {
      closed = true;
      clearTimeout(retry);
      port.current?.disconnect();
      port.current = null;
    };
  };
  useEffect(() => () => stop.current(), []);

  const send = (m: PanelToBackground) => port.current?.postMessage(m);
  const estimating = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  return {
    state,
    follow,
    start: (confirmed: boolean) => send({ type: 'start', confirmed }),
    /** Re-runs exactly these comments with the model set now; their summaries stay shown until the new ones come. */
    resummarise: (ids: number[]) => send({ type: 'start', confirmed: false, ids }),
    cancel: () => send({ type: 'cancel' }),
    retry: (ids: number[]) => send({ type: 'retry', ids }),
    writeOverview: () => send({ type: 'overview' }),
    /** The question as it is typed: the background estimates it once typing pauses. */
    question: (question: string) => {
      clearTimeout(estimating.current);
      estimating.current = setTimeout(() => send({ type: 'ask', question, send: false }), 300);
    },
    ask: (question: string) => {
      clearTimeout(estimating.current);
      send({ type: 'ask', question, send: true });
    },
    clearAnswer: (id: string | null) => send({ type: 'answers:clear', id }),
    /** What the reader has on screen and has picked: a running job asks for it next. */
    focus: (ids: number[]) => send({ type: 'focus', ids }),
  };
}

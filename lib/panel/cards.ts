/**
 * The cards on screen, by comment id: the panel's way to focus a card or bring it into view (the keyboard, the thread
 * map), instead of looking elements up by their test ids. A card far down a long, windowed list is rendered once the
 * list scrolls to it: `show` waits for it to register.
 */
export class CardRegistry {
  private els = new Map<number, HTMLElement>();
  private waiting = new Map<number, (el: HTMLElement) => void>();
  private refs = new Map<number, (el: HTMLElement | null) => void>();

  /** For a card's `ref`: registers its element while it is rendered. The same function each time (no re-binding per render). */
  ref(id: number): (el: HTMLElement | null) => void {
    let fn = this.refs.get(id);
    if (!fn) this.refs.set(id, (fn = this.bind(id)));
    return fn;
  }

  private bind(id: number): (el: HTMLElement | null) => void {
    return (el) => {
      if (!el) {
        if (this.els.get(id)?.isConnected === false) this.els.delete(id);
        return;
      }
      this.els.set(id, el);
      this.waiting.get(id)?.(el);
      this.waiting.delete(id);
    };
  }

  /** The card's element, now or once it is rendered (null if it is not within a second). */
  element(id: number): Promise<HTMLElement | null> {
    const el = this.els.get(id);
    if (el?.isConnected) return Promise.resolve(el);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(null);
      }, 1000);
      this.waiting.set(id, (e) => {
        clearTimeout(timer);
        resolve(e);
      });
    });
  }

  /** The cards on screen now (rendered and within the view), in no particular order. */
  inView(viewHeight = globalThis.innerHeight): number[] {
    const out: number[] = [];
    for (const [id, el] of this.els) {
      if (!el.isConnected) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom > 0 && r.top < viewHeight) out.push(id);
    }
    return out;
  }

  /** Focuses the card and scrolls it into view: `nearest` for the keyboard, `start` to jump to a subtree. */
  async show(id: number, block: ScrollLogicalPosition = 'nearest') {
    const el = await this.element(id);
    if (!el) return;
    el.focus({ preventScroll: true });
    // Cards the browser has not laid out yet (content-visibility) take their real height as they come into view:
    // the target moves, or the page grows past where it could scroll. Scroll again until scrolling changes nothing.
    for (let i = 0, still = 0; i < 30 && still < 3; i++) {
      const y = scrollY;
      el.scrollIntoView({ block });
      still = i > 0 && Math.abs(scrollY - y) < 1 ? still + 1 : 0;
      await new Promise((r) => requestAnimationFrame(r));
    }
  }
}

import type { CommentRef, CommentText, JobComment } from '../messages/job';
import { fnv1a } from './hash';

/** How long a job, an estimate or a question waits for texts the panel has not sent (it sends them at once). */
const WAIT_MS = 10_000;

/**
 * A thread's comment texts in the background. Opening names the comments by id and text hash (what the cached cards
 * are checked against); the texts come after, and only a job, an estimate or a question needs them.
 */
export class ThreadTexts {
  private map = new Map<number, string>();
  private arrived: () => void = () => {};
  private readonly ready = new Promise<void>((r) => (this.arrived = r));

  /** Refs as the panel sends them, or comments with their texts (a job record, a test): those count as arrived. */
  static from(comments: readonly (CommentRef | JobComment)[]): { refs: CommentRef[]; texts: ThreadTexts } {
    const texts = new ThreadTexts();
    const withText = comments.filter((c): c is JobComment => 'text' in c);
    const refs = comments.map((c) => ('text' in c ? { id: c.id, parentId: c.parentId, h: fnv1a(c.text), by: c.by } : c));
    if (withText.length === comments.length) texts.set(withText);
    return { refs, texts };
  }

  set(list: readonly CommentText[]) {
    for (const c of list) this.map.set(c.id, c.text);
    this.arrived();
  }

  get(id: number): string | undefined {
    return this.map.get(id);
  }

  /** Resolves once the texts are here (or after a wait: what is here is then used, the rest left out). */
  async whenReady(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.ready, new Promise<void>((r) => (timer = setTimeout(r, WAIT_MS)))]);
    clearTimeout(timer);
  }

  /** The comments with their texts, for a job; one whose text never came is left out. */
  join(refs: readonly CommentRef[]): JobComment[] {
    const out: JobComment[] = [];
    for (const c of refs) {
      const text = this.map.get(c.id);
      if (text !== undefined) out.push({ id: c.id, parentId: c.parentId, text, by: c.by });
    }
    return out;
  }
}

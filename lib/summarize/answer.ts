/**
 * The one reader of model answers, for the stream and for the final parse alike. Endpoints honour, bend or ignore the
 * requested format (`providers.md`), so it reads whatever came: the `{"comments": […]}` object, a bare array, a fenced
 * block, prose around the JSON, a `<think>…</think>` preamble. Each flat object (one that holds no other object: an
 * item) is handed out the moment its closing brace arrives, in one pass over the text.
 */

const THINK_OPEN = '<think>';
const THINK_CLOSE = '</think>';

/** How the answer was written: what the endpoint did with the requested format. */
export type AnswerShape = 'json' | 'array' | 'fenced' | 'prose' | 'empty';

interface Frame {
  start: number;
  brace: boolean;
  /** Holds an object: not an item itself. */
  nested: boolean;
}

export class AnswerReader {
  private text = '';
  private pos = 0;
  private stack: Frame[] = [];
  private inString = false;
  private escaped = false;
  private thinking = false;
  /** Where the first JSON value began, and what stood before it (prose, a fence, a think block). */
  private firstJson = -1;
  private items = 0;

  /** Adds a piece of the answer; returns the source of every flat object it completed. */
  push(piece: string): string[] {
    this.text += piece;
    const done: string[] = [];
    const t = this.text;
    for (; this.pos < t.length; this.pos++) {
      const ch = t[this.pos]!;
      if (this.thinking) {
        const end = t.indexOf(THINK_CLOSE, this.pos);
        if (end < 0) {
          // Keep the tail that could be the start of `</think>`.
          this.pos = Math.max(this.pos, t.length - THINK_CLOSE.length);
          return done;
        }
        this.thinking = false;
        this.pos = end + THINK_CLOSE.length - 1;
        continue;
      }
      if (this.stack.length === 0) {
        // Outside JSON, quotes and stray brackets are prose: only an opening brace or bracket, or a think block, count.
        if (ch === '<') {
          const rest = t.slice(this.pos, this.pos + THINK_OPEN.length);
          if (rest === THINK_OPEN) {
            this.thinking = true;
            this.pos += THINK_OPEN.length - 1;
            continue;
          }
          if (THINK_OPEN.startsWith(rest)) return done; // wait for the rest of the tag
          continue;
        }
        if (ch === '{' || ch === '[') {
          if (this.firstJson < 0) this.firstJson = this.pos;
          this.stack.push({ start: this.pos, brace: ch === '{', nested: false });
        }
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === '"') this.inString = false;
        continue;
      }
      if (ch === '"') this.inString = true;
      else if (ch === '{' || ch === '[') {
        if (ch === '{') for (const f of this.stack) f.nested = true;
        this.stack.push({ start: this.pos, brace: ch === '{', nested: false });
      } else if (ch === '}' || ch === ']') {
        const f = this.stack.pop()!;
        if (f.brace && ch === '}' && !f.nested) {
          done.push(t.slice(f.start, this.pos + 1));
          this.items++;
        }
      }
    }
    return done;
  }

  /** The whole text so far. */
  get content(): string {
    return this.text;
  }

  /** What the answer looked like around its JSON. */
  shape(): AnswerShape {
    if (this.firstJson < 0) return this.text.trim() ? 'prose' : 'empty';
    const before = this.text.slice(0, this.firstJson).replace(/<think>[\s\S]*?<\/think>/g, '');
    if (/```/.test(before)) return 'fenced';
    if (before.trim()) return 'prose';
    return this.text[this.firstJson] === '[' ? 'array' : 'json';
  }

  /** The id and text so far of the item being written, once its id is complete. */
  draft(key = 'ja'): { id: number; text: string } | null {
    const f = this.stack.at(-1);
    if (!f?.brace) return null;
    return readDraft(this.text.slice(f.start), key);
  }

  /** The text so far of the object being written (a point of an overview, a paragraph of an answer), by its key. */
  draftText(key = 'text'): string | null {
    const f = this.stack.at(-1);
    return f?.brace ? partialString(this.text.slice(f.start), key) : null;
  }
}

const ID = /"id"\s*:\s*"?#?(\d+)"?\s*[,}]/;

function readDraft(partial: string, key: string): { id: number; text: string } | null {
  const id = ID.exec(partial);
  const text = partialString(partial, key);
  return id && text != null ? { id: Number(id[1]), text } : null;
}

/** A string property as written so far (the closing quote may not have come yet); null before it starts. */
function partialString(partial: string, key: string): string | null {
  const text = new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)`).exec(partial);
  if (!text) return null;
  try {
    // A trailing half escape sequence is cut off; the rest decodes as a JSON string.
    return JSON.parse(`"${text[1]!.replace(/\\(u[0-9a-fA-F]{0,3})?$/, '')}"`) as string;
  } catch {
    return null;
  }
}

/** Every flat object of a whole answer, parsed; what does not parse is left out. */
export function readObjects(text: string): unknown[] {
  const out: unknown[] = [];
  for (const source of new AnswerReader().push(text)) {
    const v = parseJson(source);
    if (v !== undefined) out.push(v);
  }
  return out;
}

/**
 * The answer's one JSON value (an object such as `{"title": …}`), wherever it stands: alone, fenced, after prose or a
 * think block. Undefined when there is none.
 */
export function readValue(text: string): unknown {
  const fence = /```(?:json)?\s*\n([\s\S]*?)```/.exec(text);
  const body = (fence ? fence[1]! : text).replace(/<think>[\s\S]*?<\/think>/g, '');
  const whole = parseJson(body.trim());
  if (whole !== undefined) return whole;
  // Prose around it: the span from the first brace to the last.
  const start = body.search(/[{[]/);
  const end = Math.max(body.lastIndexOf('}'), body.lastIndexOf(']'));
  return start >= 0 && end > start ? parseJson(body.slice(start, end + 1)) : undefined;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Finds the items of `{"comments": [ {...}, {...} ]}` in a JSON text that arrives in pieces, in one pass: each item's
 * source is handed out the moment its closing brace arrives. (The SDK's partial parse is throttled for long answers
 * and re-reads the whole text each time; this reads every character once.)
 */
export class JsonItemScanner {
  private text = '';
  private pos = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private itemStart = -1;

  /** Adds a piece of the answer; returns the source of every item it completed. */
  push(piece: string): string[] {
    this.text += piece;
    const done: string[] = [];
    for (; this.pos < this.text.length; this.pos++) {
      const ch = this.text[this.pos];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === '"') this.inString = false;
        continue;
      }
      if (ch === '"') this.inString = true;
      else if (ch === '{' || ch === '[') {
        // Root object is depth 1, the array 2: an object opening there is an item.
        if (this.depth === 2 && ch === '{') this.itemStart = this.pos;
        this.depth++;
      } else if (ch === '}' || ch === ']') {
        this.depth--;
        if (this.depth === 2 && this.itemStart >= 0) {
          done.push(this.text.slice(this.itemStart, this.pos + 1));
          this.itemStart = -1;
        }
      }
    }
    return done;
  }

  /** The whole text so far. */
  get content(): string {
    return this.text;
  }

  /** The id and Japanese text so far of the item being written, once its id is complete. */
  draft(): { id: number; ja: string } | null {
    if (this.itemStart < 0) return null;
    const partial = this.text.slice(this.itemStart);
    const id = /"id"\s*:\s*(\d+)\s*[,}]/.exec(partial);
    const ja = /"ja"\s*:\s*"((?:[^"\\]|\\.)*)/.exec(partial);
    if (!id || !ja) return null;
    try {
      // A trailing half escape sequence is cut off; the rest decodes as a JSON string.
      return { id: Number(id[1]), ja: JSON.parse(`"${ja[1]!.replace(/\\(u[0-9a-fA-F]{0,3})?$/, '')}"`) as string };
    } catch {
      return null;
    }
  }
}

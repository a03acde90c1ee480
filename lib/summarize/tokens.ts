/**
 * Token counts, estimated: what the o200k_base encoding (GPT-4o and later) would make of a text, without its 2 MB of
 * merge ranks in the background script. Nothing in the product needs exact counts (an endpoint reports its own usage):
 * they plan batches, keep budgets and price a job, and for that an estimate that is a little high is right.
 *
 * How it works: one pass over the char codes that cuts the text where o200k's pre-tokenizer does (a word with the space
 * or the lone mark before it, a run of punctuation with the line breaks after it, up to three digits, a line break, a
 * run of spaces) and counts each piece as about one token, more for the kinds that BPE splits further:
 *   - Latin words: 1, plus per letter past a length that depends on what comes before the word (after a space, common
 *     words stay whole longest: 0.08 past 7 letters; at a line's start 0.2 past 5; after a mark 0.2 past 2), plus 0.25
 *     for a capitalised word inside a sentence (names: "Chuwi", "Thinkpad"), 0.2 for an all-caps one ("XPS"), 0.6 per
 *     accented letter; a lower-to-upper change starts a new piece ("MacBook" is "Mac" + "Book");
 *   - digits: 1 per 3; a space before a number is a token of its own;
 *   - punctuation (also code's braces and operators): 1 per run, 0.4 per mark past the second; line breaks right after
 *     it are free; a run of spaces (indentation) is 1, a line break (or a run of them) is 1;
 *   - URLs (from http://, https:// or www. to the next space): every piece splits sooner (1 + 0.25 per letter past 3);
 *   - CJK: 0.7 per kana, 0.9 per kanji or hanzi, 1.1 per CJK or fullwidth mark, 0.6 per hangul syllable;
 *   - other scripts: Greek, Cyrillic, Armenian, Hebrew, Arabic words 0.2 + 0.3 per letter (at least 1); Indic, Thai
 *     and the other abugidas 0.42 per letter; symbols and dingbats 1.3, emoji and other astral chars 1.5 each.
 * The sum is raised by 3 % and rounded (to at least 1).
 *
 * Calibration: the pieces and their per-length costs were read off o200k's own split of the texts below (gpt-tokenizer's
 * o200k_base, each pre-token encoded alone), then the weights fitted (weighted least squares on the errors) and rounded
 * by hand, against: the HN pages in `shared/fixtures/hn` and the generated 1,000 and 3,000 comment threads, cut into
 * batches as `planBatches` makes them at 1,500 and 6,000 tokens and written as `batchPrompt` sends them; the Japanese
 * answers in `shared/fixtures/answers`; the system prompts; with less weight the project's docs and source and error
 * messages in sixty languages (zod's locales). Checked on text left out of the fit: the Japanese example article
 * (`shared/examples`), CSS glossary text in seven languages (mdn-data), 37 typical HN links.
 * On batches the estimate comes out 1 % to 3.5 % high on the saved pages, 3.5 % to 7 % on the generated threads (their
 * words are all common ones); `test/unit/token-estimate.test.ts` holds every batch within ±10 %, `scripts/bench/tokens.ts`
 * reports it. A single short comment can be off by more either way (German compounds and base64 run low, Russian and
 * Chinese high), which a batch averages out.
 */

// Kinds of char.
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
const SPACE = 4;
const BREAK = 5;
const MARK = 6;
const KANA = 7;
const HAN = 8;
const CJK_MARK = 9;
const HANGUL = 10;
const ALPHA = 11; // Greek, Cyrillic, Armenian, Hebrew, Arabic, Georgian
const ABUGIDA = 12; // Indic, Thai, Lao, Tibetan, Myanmar, Khmer, Ethiopic …
const SYMBOL = 13;
const ASTRAL = 14;
const IGNORED = 15; // low surrogates, zero-width chars, variation selectors
const LATIN = 16; // accented Latin letters, IPA, combining marks

const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  ASCII[c] = c >= 97 && c <= 122 ? LOWER : c >= 65 && c <= 90 ? UPPER : c >= 48 && c <= 57 ? DIGIT : c === 10 || c === 13 ? BREAK : c <= 32 ? SPACE : MARK;

function kindOf(c: number): number {
  if (c < 128) return ASCII[c]!;
  if (c < 0xc0) return c === 0xa0 ? SPACE : MARK;
  if (c < 0x250) return c === 0xd7 || c === 0xf7 ? MARK : c < 0xdf ? UPPER : LATIN;
  if (c < 0x370) return LATIN;
  if (c < 0x900) return ALPHA;
  if (c < 0x10a0) return ABUGIDA;
  if (c < 0x1100) return ALPHA;
  if (c < 0x1200) return HANGUL;
  if (c < 0x1e00) return ABUGIDA;
  if (c < 0x1f00) return LATIN; // Vietnamese
  if (c < 0x2000) return ALPHA;
  if (c < 0x2070) return c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f ? SPACE : c <= 0x200f ? IGNORED : MARK;
  if (c < 0x3000) return SYMBOL;
  if (c < 0x3040) return c === 0x3000 ? SPACE : CJK_MARK;
  if (c < 0x3100) return KANA;
  if (c < 0x3190) return HANGUL;
  if (c < 0x3400) return SYMBOL;
  if (c < 0xa000) return HAN;
  if (c >= 0xac00 && c < 0xd7b0) return HANGUL;
  if (c >= 0xd800 && c < 0xdc00) return ASTRAL;
  if (c >= 0xdc00 && c < 0xe000) return IGNORED;
  if (c >= 0xf900 && c < 0xfb00) return HAN;
  if (c >= 0xfe00 && c < 0xfe10) return IGNORED;
  if (c >= 0xff00 && c < 0xfff0) return c >= 0xff61 && c <= 0xff9f ? KANA : CJK_MARK;
  return SYMBOL;
}

const kindAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII[c]! : kindOf(c);
};

// What comes right before a word.
const NO_LEAD = 0;
const SPACE_LEAD = 1;
const MARK_LEAD = 2;

/** One piece of a Latin word, `len` letters long. */
function wordTokens(len: number, lead: number, url: boolean, capital: boolean, caps: boolean, inSentence: boolean): number {
  if (url) return 1 + 0.25 * Math.max(0, len - 3);
  let t = lead === SPACE_LEAD ? 1 + 0.08 * Math.max(0, len - 7) : lead === MARK_LEAD ? 1 + 0.2 * Math.max(0, len - 2) : 1 + 0.2 * Math.max(0, len - 5);
  if (caps && len >= 3) t += 0.2;
  else if (capital && inSentence) t += 0.25;
  return t;
}

/** `'s 't 'm 'd 're 've 'll` at `j` (an apostrophe) and no letter after it: the chars it adds to the word, else 0. */
function contraction(text: string, j: number): number {
  const e = text.charCodeAt(j + 1) | 32;
  const f = text.charCodeAt(j + 2) | 32; // NaN | 32 is 32 past the end
  const two = (e === 114 && f === 101) || (e === 118 && f === 101) || (e === 108 && f === 108);
  const one = e === 115 || e === 116 || e === 109 || e === 100;
  if (!one && !two) return 0;
  const end = j + (two ? 3 : 2);
  if (end < text.length) {
    const k = kindAt(text, end);
    if (k === LOWER || k === UPPER || k === LATIN) return 0;
  }
  return end - j;
}

/** About how many o200k tokens `text` is, a few percent high (0 for ''). */
export function countTokens(text: string): number {
  const n = text.length;
  if (!n) return 0;
  let t = 0;
  let url = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? ASCII[c]! : kindOf(c);

    if (k === LOWER || k === UPPER || k === LATIN) {
      // The char before goes with the word: a space, or a lone mark that does not follow a space.
      let lead = NO_LEAD;
      let inSentence = false;
      if (i > 0) {
        const b = kindAt(text, i - 1);
        if (b === SPACE) {
          lead = SPACE_LEAD;
          const a = i > 1 ? text.charCodeAt(i - 2) : 46;
          inSentence = !(a === 46 || a === 33 || a === 63 || a === 58 || a === 10);
        } else if (b === MARK && (i < 2 || (kindAt(text, i - 2) !== SPACE && kindAt(text, i - 2) !== MARK))) lead = MARK_LEAD;
      }
      if (!url && (c === 104 || c === 119) && (text.startsWith('http', i) ? text.startsWith('://', i + 4) || text.startsWith('s://', i + 4) : text.startsWith('www.', i))) url = true;
      let j = i;
      let len = 0;
      let ups = 0;
      let capital = false;
      let lower = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        const dk = d < 128 ? ASCII[d]! : kindOf(d);
        if (dk === UPPER) {
          if (lower) {
            // "MacBook": a new piece.
            t += wordTokens(len, lead, url, capital, ups === len, inSentence);
            lead = NO_LEAD;
            inSentence = false;
            len = ups = 0;
            lower = false;
          }
          if (len === 0) capital = true;
          ups++;
        } else if (dk === LOWER) {
          if (len === 0) capital = false;
          lower = true;
        } else if (dk === LATIN) {
          if (len === 0) capital = false;
          lower = true;
          t += 0.6;
        } else {
          if (d === 39) j += contraction(text, j);
          break;
        }
        len++;
        j++;
      }
      t += wordTokens(len, lead, url, capital, ups === len, inSentence);
      i = j;
      continue;
    }

    if (k === DIGIT) {
      let j = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d < 48 || d > 57) break;
      }
      t += Math.ceil((j - i) / 3);
      i = j;
      continue;
    }

    if (k === SPACE) {
      let j = i + 1;
      while (j < n && kindAt(text, j) === SPACE) j++;
      url = false;
      if (j === n) {
        t += 1;
      } else {
        const next = kindAt(text, j);
        // Spaces before a line break go with it; before a word or a mark, the last one goes with that.
        if (next !== BREAK) {
          if (j - i > 1) t += 1;
          if (next === DIGIT) t += 1;
        }
      }
      i = j;
      continue;
    }

    if (k === BREAK) {
      let j = i + 1;
      let lines = 1;
      let end = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 10 || d === 13) {
          lines++;
          end = j + 1;
        } else if (d !== 32 && d !== 9) break;
      }
      t += 1 + 0.2 * Math.max(0, lines - 2);
      url = false;
      i = end;
      continue;
    }

    if (k === MARK) {
      let j = i + 1;
      while (j < n && kindAt(text, j) === MARK) j++;
      const len = j - i;
      // A lone mark before a word, not after a space, is part of that word ("(bar", ".com").
      if (len === 1 && j < n) {
        const next = kindAt(text, j);
        if ((next === LOWER || next === UPPER || next === LATIN) && (i === 0 || kindAt(text, i - 1) !== SPACE)) {
          i = j;
          continue;
        }
      }
      t += 1 + 0.4 * Math.max(0, len - 2);
      // Line breaks right after punctuation are part of its token (".\n\n").
      if (j < n && (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13)) {
        url = false;
        while (j < n && (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13)) j++;
      }
      i = j;
      continue;
    }

    url = false;
    if (k === ALPHA) {
      let j = i + 1;
      while (j < n && kindAt(text, j) === ALPHA) j++;
      t += Math.max(1, 0.2 + 0.3 * (j - i));
      i = j;
      continue;
    }
    if (k === KANA) t += 0.7;
    else if (k === HAN) t += 0.9;
    else if (k === CJK_MARK) t += 1.1;
    else if (k === HANGUL) t += 0.6;
    else if (k === ABUGIDA) t += 0.42;
    else if (k === SYMBOL) t += 1.3;
    else if (k === ASTRAL) t += 1.5;
    i++;
  }
  return Math.max(1, Math.round(t * 1.03));
}

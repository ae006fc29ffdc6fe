/**
 * One tokenizer for the search index, the search query and the highlighted snippet, so that
 * the three always agree on what a word is.
 */

export type TokenKind = 'number' | 'han' | 'word';

export interface TokenSpan {
  /** Lower-cased text of the span. */
  text: string;
  kind: TokenKind;
  /** Offsets into the original string (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
}

// IKI project numbers (15_I_235, 11_I+_002, 08_II_013) are one token, not three words.
// Han runs are split below into characters, bigrams and dictionary words; Chinese has no spaces.
// Any other run of letters, marks and digits (Latin, umlauts, Cyrillic, kana…) is a word.
const TOKEN_PATTERN =
  /(?<![\p{L}\p{N}])\d{2}_[ivx]+\+?_\d{3}(?![\p{L}\p{N}])|\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+/giu;

/** The runs of the text as they stand in it: numbers, whole Han runs and words, with offsets. */
export function tokenSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const value = match[0];
    const start = match.index;
    const kind: TokenKind =
      /^\d/.test(value) && value.includes('_')
        ? 'number'
        : /^\p{Script=Han}/u.test(value)
          ? 'han'
          : 'word';
    spans.push({ text: value.toLowerCase(), kind, start, end: start + value.length });
  }
  return spans;
}

/** The characters of a Han run, by code point (CJK Extension B characters stay whole). */
const hanChars = (run: string) => Array.from(run);

/** The overlapping bigrams of a Han run: 排放交易 → 排放 放交 交易. */
export function hanBigrams(run: string): string[] {
  const chars = hanChars(run);
  return chars.slice(1).map((char, i) => chars[i] + char);
}

// Node's ICU word segmentation (its Chinese dictionary): 可再生能源 → 可 再生 能源.
const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * The dictionary words of a Han run longer than two characters (shorter ones are its unigrams
 * and bigrams already): 中华人民共和国 → 中华人民共和国. ICU splits a run the same way in a
 * query as in a text where it stands alone, so a query's long words meet the index's.
 */
export function hanWords(run: string): string[] {
  if (hanChars(run).length < 3) return [];
  const words: string[] = [];
  for (const { segment, isWordLike } of SEGMENTER.segment(run)) {
    if (isWordLike && hanChars(segment).length >= 3) words.push(segment);
  }
  return words;
}

/** What the index holds of a Han run: its unigrams, bigrams and long dictionary words. */
export function hanGrams(run: string): string[] {
  return [...hanChars(run), ...hanBigrams(run), ...hanWords(run)];
}

/** Index tokens of a text: lower-cased words, project numbers whole, Han as hanGrams(). */
export function tokenize(text: string): string[] {
  return tokenSpans(text).flatMap((span) =>
    span.kind === 'han' ? hanGrams(span.text) : [span.text],
  );
}

/**
 * What a query asks for. `units`: the words and numbers, and for a Han run of two or more
 * characters its bigrams (能源 asks for 能源, never 能 or 源 alone: a lone character matches far
 * too much); a run of one character asks for that character. `words`: the run's dictionary words
 * longer than two characters, which add weight where a text has them whole.
 */
export function queryTerms(text: string): { units: string[]; words: string[] } {
  const units: string[] = [];
  const words: string[] = [];
  for (const span of tokenSpans(text)) {
    if (span.kind !== 'han') units.push(span.text);
    else if (hanChars(span.text).length === 1) units.push(span.text);
    else {
      units.push(...hanBigrams(span.text));
      words.push(...hanWords(span.text));
    }
  }
  return { units: [...new Set(units)], words: [...new Set(words)] };
}

export function isHanToken(token: string): boolean {
  return /\p{Script=Han}/u.test(token);
}

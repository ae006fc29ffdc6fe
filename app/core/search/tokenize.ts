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
// Han runs are split below into unigrams and bigrams; Chinese has no spaces between words.
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

/** The unigrams and overlapping bigrams of a Han run: 排放交易 → 排 放 交 易 排放 放交 交易. */
export function hanGrams(run: string): string[] {
  // Array.from splits by code point, so characters outside the BMP (CJK Extension B) stay whole.
  const chars = Array.from(run);
  const bigrams = chars.slice(1).map((char, i) => chars[i] + char);
  return [...chars, ...bigrams];
}

/** Search tokens of a text: lower-cased words, project numbers whole, Han as unigrams + bigrams. */
export function tokenize(text: string): string[] {
  return tokenSpans(text).flatMap((span) =>
    span.kind === 'han' ? hanGrams(span.text) : [span.text],
  );
}

export function isHanToken(token: string): boolean {
  return /\p{Script=Han}/u.test(token);
}

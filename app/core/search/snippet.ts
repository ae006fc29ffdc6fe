import {
  BODY_FIELDS,
  FIELDS,
  FIELD_TEXT,
  type FieldName,
  INDICATOR_FIELDS,
  LIST_SEPARATOR,
  type Lang,
  type SearchDocument,
} from './fields';
import { indexTerm } from './language';
import type { MatchedTerms } from './query';
import { hanBigrams, tokenSpans } from './tokenize';

// A result's snippet: the text around its match, in the field and language that matched best,
// with the matched words marked. Parts of text, never HTML.

export interface SnippetPart {
  text: string;
  isMatch: boolean;
}

const SNIPPET_LENGTH = 160;
// A Chinese character carries about as much as two Latin ones and is twice as wide on screen.
const SNIPPET_LENGTH_HAN = 80;

export interface QueryShape {
  /** Whether the query has Chinese in it; its snippet then prefers the Chinese texts. */
  isHan: boolean;
  /** Han characters the query gives on their own, the only unigrams worth highlighting. */
  singleHanChars: Set<string>;
  /**
   * Lower-case pieces of the query likely to stand in a matching text as they are (a word's first
   * letters, a Han pair): where to look first in a long document page.
   */
  needles: string[];
}

export function queryShape(text: string): QueryShape {
  const querySpans = tokenSpans(text);
  return {
    isHan: querySpans.some((s) => s.kind === 'han'),
    singleHanChars: new Set(
      querySpans
        .filter((s) => s.kind === 'han' && Array.from(s.text).length === 1)
        .map((s) => s.text),
    ),
    needles: querySpans.flatMap((s) =>
      s.kind === 'han'
        ? Array.from(s.text).length === 1
          ? [s.text]
          : hanBigrams(s.text)
        : // A stem is usually the word's beginning: emissions and emission share "emissi".
          [s.text.slice(0, Math.max(4, s.text.length - 3))],
    ),
  };
}

/** Pages looked through for the query's pieces before the first page with a match is taken. */
const PAGES_COMPARED = 50;

/**
 * A document's pages, the one holding the most different pieces of the query (as they are) first
 * (among the first PAGES_COMPARED), then all in order: the passage shows the page that matches
 * the whole query best, not the first to hold one of its words.
 */
function partsByLikelyMatch(parts: { part: number; text: string }[], shape: QueryShape) {
  if (shape.needles.length < 2 || parts.length < 2) return parts;
  let best: (typeof parts)[number] | undefined;
  let bestCount = 0;
  for (const part of parts.slice(0, PAGES_COMPARED)) {
    const lower = part.text.toLowerCase();
    const found = shape.needles.filter((needle) => lower.includes(needle)).length;
    if (found > bestCount) {
      best = part;
      bestCount = found;
      if (found === shape.needles.length) break;
    }
  }
  return best ? [best, ...parts.filter((p) => p !== best)] : parts;
}

/** Characters tokenized on each side of the first likely match in a long page. */
const EXCERPT_REACH = 200;

/**
 * Where the match in a document's page can be marked: tokenizing a whole page for each result is
 * most of a document search's time, so first only the stretch around the first piece of the query
 * found in it as it is; the whole page when that stretch has nothing to mark.
 */
function pageRanges(
  text: string,
  lang: Lang,
  terms: Set<string>,
  shape: QueryShape,
): [number, number][] {
  if (text.length > EXCERPT_REACH * 2) {
    const lower = text.toLowerCase();
    let at = -1;
    for (const needle of shape.needles) {
      const i = lower.indexOf(needle);
      if (i !== -1 && (at === -1 || i < at)) at = i;
    }
    if (at !== -1) {
      // Start and end at a space, so that no word is cut (a Han run may be: its pair at the edge
      // is then not marked, far from the match).
      let from = Math.max(0, at - EXCERPT_REACH);
      const space = text.lastIndexOf(' ', from);
      from = space === -1 ? 0 : space;
      let to = Math.min(text.length, at + EXCERPT_REACH);
      const next = text.indexOf(' ', to);
      to = next === -1 ? text.length : next;
      const ranges = matchRanges(text.slice(from, to), lang, terms, shape.singleHanChars);
      if (ranges.length) return ranges.map(([a, b]): [number, number] => [a + from, b + from]);
    }
  }
  return matchRanges(text, lang, terms, shape.singleHanChars);
}

// Ties go to the earlier field: the query's own script first (Acronyms such as NDC or GIZ also
// stand in the Chinese texts, but a Latin query should read in English or German), and a summary
// before a title, since it shows more than the title the page already shows.
const LATIN_FIELDS: FieldName[] = [
  'summary',
  'summary_de',
  'body',
  'body_de',
  'title',
  'title_de',
  'keywords',
  'keywords_de',
  'indicators',
  'indicators_de',
  'number',
];
const HAN_FIELDS: FieldName[] = [
  'summary_zh',
  'body_zh',
  'title_zh',
  'keywords_zh',
  'indicators_zh',
];
const SNIPPET_FIELDS_LATIN = [...LATIN_FIELDS, ...HAN_FIELDS];
const SNIPPET_FIELDS_HAN = [...HAN_FIELDS, ...LATIN_FIELDS];

/**
 * The field to show: the one with the most matched terms that can be marked, ties to the earlier
 * field. Fields are tried in that order and the first with a markable match wins (tokenizing a
 * long text to find its ranges is most of a result's cost, so only as many as needed).
 */
function bestField(doc: SearchDocument, matched: MatchedTerms, shape: QueryShape) {
  const termsByField = new Map<FieldName, Set<string>>();
  for (const [term, fields] of Object.entries(matched)) {
    for (const field of Object.keys(fields as object) as FieldName[]) {
      const terms = termsByField.get(field) ?? new Set<string>();
      terms.add(term);
      termsByField.set(field, terms);
    }
  }
  const order = shape.isHan ? SNIPPET_FIELDS_HAN : SNIPPET_FIELDS_LATIN;
  const candidates = order
    .map((field, rank) => ({
      field,
      rank,
      terms: termsByField.get(field),
      text: FIELD_TEXT[field](doc),
    }))
    .filter((c): c is typeof c & { terms: Set<string>; text: string } => !!c.terms && !!c.text)
    .sort((a, b) => b.terms.size - a.terms.size || a.rank - b.rank);
  for (const c of candidates) {
    if (doc.parts && BODY_FIELDS.includes(c.field)) {
      // A document's passage: the first page (slide, block) where the match can be marked, read
      // page by page so that a long document is tokenized only as far as its first match.
      for (const part of partsByLikelyMatch(doc.parts, shape)) {
        const ranges = pageRanges(part.text, FIELDS[c.field].lang, c.terms, shape);
        if (ranges.length) return { field: c.field, ranges, text: part.text, part: part.part };
      }
      continue;
    }
    const ranges = matchRanges(c.text, FIELDS[c.field].lang, c.terms, shape.singleHanChars);
    if (ranges.length) return { field: c.field, ranges };
  }
  // Every candidate was tried and none could be marked: the earliest of them.
  const unmarked = candidates.sort((a, b) => a.rank - b.rank)[0]?.field;
  return unmarked
    ? { field: unmarked, ranges: undefined, text: undefined, part: undefined }
    : undefined;
}

export function buildSnippet(
  doc: SearchDocument,
  matched: MatchedTerms,
  shape: QueryShape,
): {
  parts: SnippetPart[];
  lang: 'en' | 'de' | 'zh';
  isIndicator: boolean;
  /** The page, slide or block of a document the passage is from. */
  part: number | null;
} {
  const best = bestField(doc, matched, shape);
  // Without a markable match (only stray characters of a Chinese word, or an exact project
  // number lunr did not see), show the field that matched, else the number or the summary.
  let field = best?.field ?? (doc.number ? 'number' : doc.summary ? 'summary' : 'title');
  // A document's text unmarked is no passage to show (which page?): its summary or title instead.
  if (!best?.text && doc.parts && BODY_FIELDS.includes(field)) {
    field = doc.summary ? 'summary' : 'title';
  }
  let text = best?.text ?? FIELD_TEXT[field](doc) ?? '';
  let ranges: [number, number][] = best?.ranges ?? (field === 'number' ? [[0, text.length]] : []);
  const isIndicator = INDICATOR_FIELDS.includes(field);
  // An indicator's title is shown alone: the one the (first) match stands in.
  if (isIndicator) ({ text, ranges } = itemWithMatch(text, ranges));
  const lang = FIELDS[field].lang;
  return {
    parts: window(text, ranges, lang === 'zh'),
    lang: lang === 'raw' ? 'en' : lang,
    isIndicator,
    part: best?.part ?? null,
  };
}

/** The item of a list field that holds the first match, with its matches' ranges. */
function itemWithMatch(text: string, ranges: [number, number][]) {
  const first = ranges[0]?.[0] ?? 0;
  const start = text.lastIndexOf(LIST_SEPARATOR, first);
  const from = start === -1 ? 0 : start + LIST_SEPARATOR.length;
  const next = text.indexOf(LIST_SEPARATOR, first);
  const to = next === -1 ? text.length : next;
  return {
    text: text.slice(from, to),
    ranges: ranges
      .filter(([a, b]) => a >= from && b <= to)
      .map(([a, b]): [number, number] => [a - from, b - from]),
  };
}

/** Where the matched index terms stand in the original text, as [start, end) offsets. */
function matchRanges(
  text: string,
  lang: Lang,
  terms: Set<string>,
  singleHanChars: Set<string>,
): [number, number][] {
  const ranges: [number, number][] = [];
  for (const span of tokenSpans(text)) {
    if (span.kind !== 'han') {
      const term = lang === 'zh' || lang === 'raw' ? span.text : indexTerm(span.text, lang);
      if (term !== undefined && terms.has(term)) ranges.push([span.start, span.end]);
      continue;
    }
    // Highlight characters covered by a matched bigram; a single character only when the
    // query asked for that character alone, or every 交 in 交通 would light up for 交易.
    const chars = Array.from(span.text);
    const offsets: number[] = [];
    let offset = span.start;
    for (const char of chars) {
      offsets.push(offset);
      offset += char.length;
    }
    offsets.push(offset);
    const covered = chars.map((c) => terms.has(c) && singleHanChars.has(c));
    hanBigrams(span.text).forEach((bigram, i) => {
      if (terms.has(bigram)) covered[i] = covered[i + 1] = true;
    });
    covered.forEach((isCovered, i) => {
      if (isCovered) ranges.push([offsets[i]!, offsets[i + 1]!]);
    });
  }
  return mergeRanges(ranges);
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** About SNIPPET_LENGTH characters around the first match, cut at spaces where possible. */
function window(text: string, ranges: [number, number][], isChinese: boolean): SnippetPart[] {
  const length = isChinese ? SNIPPET_LENGTH_HAN : SNIPPET_LENGTH;
  const gap = isChinese ? '' : ' ';
  let start = 0;
  let end = text.length;
  if (text.length > length) {
    const lead = Math.floor(length / 4);
    const first = densestStart(ranges, length - lead);
    start = Math.max(0, Math.min(first - lead, text.length - length));
    end = Math.min(text.length, start + length);
    if (start > 0) {
      const space = text.indexOf(' ', start);
      if (space !== -1 && space < start + 20 && space < first) start = space + 1;
    }
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > end - 20 && space > start) end = space;
    }
    // Never cut a surrogate pair in half.
    if (isLowSurrogate(text, start)) start += 1;
    if (isLowSurrogate(text, end)) end -= 1;
  }

  const parts: SnippetPart[] = [];
  const add = (value: string, isMatch: boolean) => {
    if (!value) return;
    const last = parts[parts.length - 1];
    if (last && last.isMatch === isMatch) last.text += value;
    else parts.push({ text: value, isMatch });
  };
  if (start > 0) add(`…${gap}`, false);
  let cursor = start;
  for (const [from, to] of ranges) {
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (a >= b) continue;
    add(text.slice(cursor, a), false);
    add(text.slice(a, b), true);
    cursor = b;
  }
  add(text.slice(cursor, end), false);
  if (end < text.length) add(`${gap}…`, false);
  return parts;
}

/** The match to lead the window with: the one followed by the most matched text (排放交易 over 交易). */
function densestStart(ranges: [number, number][], span: number): number {
  let best = { start: ranges[0]?.[0] ?? 0, covered: 0 };
  for (const [start] of ranges) {
    const covered = ranges
      .filter(([from]) => from >= start && from < start + span)
      .reduce((sum, [from, to]) => sum + Math.min(to, start + span) - from, 0);
    if (covered > best.covered) best = { start, covered };
  }
  return best.start;
}

function isLowSurrogate(text: string, i: number) {
  const code = text.charCodeAt(i);
  return code >= 0xdc00 && code <= 0xdfff;
}

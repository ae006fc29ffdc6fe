import lunr from 'lunr';
import de from 'lunr-languages/lunr.de.js';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';

import { hanGrams, isHanToken, tokenSpans, tokenize } from './tokenize';

// lunr-languages plugins extend the shared lunr object. Node caches lunr across re-imports of
// this module (vitest re-evaluates it per file), and registering twice logs a warning.
if (!('de' in lunr)) {
  stemmerSupport(lunr);
  de(lunr);
}

export interface SearchDocument {
  type: 'project' | 'event' | 'organisation';
  slug: string;
  number: string | null;
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  summary: string | null;
  summaryZh: string | null;
  summaryDe: string | null;
  keywords: string[];
}

export interface SnippetPart {
  text: string;
  isMatch: boolean;
}

export interface SearchResult {
  type: SearchDocument['type'];
  slug: string;
  score: number;
  /** The official English title; the page picks titleZh/titleDe for its language. */
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  /** Text around the match, in the language that matched (`snippetLang`), never HTML. */
  snippet: SnippetPart[];
  snippetLang: 'en' | 'de' | 'zh';
}

export interface SearchIndex {
  lunr: lunr.Index;
  documents: Map<string, SearchDocument>;
  /** Lower-cased project number → document refs, for the exact-number shortcut. */
  byNumber: Map<string, string[]>;
  /** Every document ref, numbered in build order (ties in score go to the lower number). */
  refs: string[];
  refNumbers: Map<string, number>;
  /** "term/field" → the documents with that term in that field and their weights, built on first use. */
  postings: Map<string, Posting>;
}

interface Posting {
  docs: Int32Array;
  weights: Float64Array;
}

// lunr.TokenSet.fromString (a term with wildcards as a token set) is missing from lunr's typings.
const tokenSetFrom = (lunr.TokenSet as unknown as { fromString: (text: string) => lunr.TokenSet })
  .fromString;

/** lunr's index data, which its typings leave opaque. */
interface LunrData {
  invertedIndex: Record<string, { _index: number } & Record<string, Record<string, object>>>;
  fieldVectors: Record<string, lunr.Vector & { elements: number[] }>;
  tokenSet: lunr.TokenSet;
}

/*
 * Design: one lunr index, every field fed as an array of tokenize() output (lunr keeps array
 * items as they are, so its own tokenizer never splits 15_I_235 or sees a Chinese sentence).
 * A single registered pipeline function then treats each token by the language of the field it
 * belongs to (lunr passes the field name in the token's metadata, at index and at query time):
 * English fields get lunr's trimmer, stop words and Porter stemmer; German fields the
 * lunr-languages German ones; Chinese fields and the number are left exactly as tokenized,
 * because lunr's trimmer strips every non-\w character and would delete Han unigrams and bigrams.
 */
type Lang = 'en' | 'de' | 'zh' | 'raw';

const FIELDS = {
  number: { lang: 'raw', boost: 10 },
  title: { lang: 'en', boost: 5 },
  title_de: { lang: 'de', boost: 5 },
  title_zh: { lang: 'zh', boost: 5 },
  summary: { lang: 'en', boost: 1 },
  summary_de: { lang: 'de', boost: 1 },
  summary_zh: { lang: 'zh', boost: 1 },
  keywords: { lang: 'en', boost: 2 },
} as const satisfies Record<string, { lang: Lang; boost: number }>;

type FieldName = keyof typeof FIELDS;

const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];
const fieldsIn = (...langs: Lang[]) => FIELD_NAMES.filter((f) => langs.includes(FIELDS[f].lang));
const EN_FIELDS = fieldsIn('en');
const DE_FIELDS = fieldsIn('de');
const ZH_FIELDS = fieldsIn('zh');
const UNSTEMMED_FIELDS = fieldsIn('zh', 'raw');

const FIELD_TEXT: Record<FieldName, (doc: SearchDocument) => string | null> = {
  number: (d) => d.number,
  title: (d) => d.title,
  title_de: (d) => d.titleDe,
  title_zh: (d) => d.titleZh,
  summary: (d) => d.summary,
  summary_de: (d) => d.summaryDe,
  summary_zh: (d) => d.summaryZh,
  keywords: (d) => (d.keywords.length ? d.keywords.join(' · ') : null),
};

type Step = (token: lunr.Token, i: number, tokens: lunr.Token[]) => lunr.Token | null | undefined;

const STEPS: Record<Lang, Step[]> = {
  en: [lunr.trimmer, lunr.stopWordFilter, lunr.stemmer] as Step[],
  de: [lunr.de.trimmer, lunr.de.stopWordFilter, lunr.de.stemmer] as Step[],
  zh: [],
  raw: [],
};

function runSteps(token: lunr.Token, lang: Lang, i = 0, tokens: lunr.Token[] = [token]) {
  let current: lunr.Token | null | undefined = token;
  for (const step of STEPS[lang]) {
    if (!current || current.toString() === '') return undefined;
    current = step(current, i, tokens);
  }
  return current && current.toString() !== '' ? current : undefined;
}

function fieldLang(token: lunr.Token): Lang {
  // lunr.Token's typings omit the metadata it carries.
  const fields = (token as unknown as { metadata?: { fields?: string[] } }).metadata?.fields;
  const field = fields?.[0];
  return field && field in FIELDS ? FIELDS[field as FieldName].lang : 'raw';
}

const languagePipeline: lunr.PipelineFunction = (token, i, tokens) => {
  if (isHanToken(token.toString())) return token;
  return runSteps(token, fieldLang(token), i, tokens) ?? null;
};

const PIPELINE_LABEL = 'iki-field-language';
const registered = (lunr.Pipeline as unknown as { registeredFunctions: Record<string, unknown> })
  .registeredFunctions;
// On a re-evaluation (dev server reload) the label is taken: label this copy without re-registering,
// which would warn, and without a label lunr warns the function is unregistered.
if (PIPELINE_LABEL in registered) Object.assign(languagePipeline, { label: PIPELINE_LABEL });
else lunr.Pipeline.registerFunction(languagePipeline, PIPELINE_LABEL);

/** The index term a text token becomes in a field of the given language. */
function indexTerm(token: string, lang: Lang): string | undefined {
  if (isHanToken(token)) return token;
  // Snippets stem every word of the texts they show; a word stems the same way every time.
  const key = `${lang}:${token}`;
  if (STEMMED.has(key)) return STEMMED.get(key);
  const term = runSteps(new lunr.Token(token, {}), lang)?.toString();
  if (STEMMED.size >= 100_000) STEMMED.clear();
  STEMMED.set(key, term);
  return term;
}
const STEMMED = new Map<string, string | undefined>();

const refOf = (doc: Pick<SearchDocument, 'type' | 'slug'>) => `${doc.type}:${doc.slug}`;
const normaliseNumber = (value: string) => value.trim().toLowerCase();

export function buildSearchIndex(docs: SearchDocument[]): SearchIndex {
  const documents = new Map<string, SearchDocument>();
  const byNumber = new Map<string, string[]>();

  const builder = new lunr.Builder();
  builder.ref('ref');
  builder.pipeline.add(languagePipeline);
  builder.searchPipeline.add(languagePipeline);
  for (const name of FIELD_NAMES) {
    builder.field(name, {
      boost: FIELDS[name].boost,
      extractor: (doc) => tokenize(FIELD_TEXT[name](doc as SearchDocument) ?? ''),
    });
  }

  for (const doc of docs) {
    const ref = refOf(doc);
    if (documents.has(ref)) continue;
    documents.set(ref, doc);
    if (doc.number) {
      const key = normaliseNumber(doc.number);
      byNumber.set(key, [...(byNumber.get(key) ?? []), ref]);
    }
    // The extractors read the document's own fields; lunr only needs the ref beside them.
    builder.add({ ...doc, ref });
  }

  const refs = [...documents.keys()];
  return {
    lunr: builder.build(),
    documents,
    byNumber,
    refs,
    refNumbers: new Map(refs.map((ref, i) => [ref, i])),
    postings: new Map(),
  };
}

export function documentCount(index: SearchIndex): number {
  return index.documents.size;
}

// Bounds on what one request can make the index do; real queries are a few words.
const MAX_QUERY_CHARS = 500;
const MAX_QUERY_TOKENS = 40;
const SNIPPET_LENGTH = 160;
// A Chinese character carries about as much as two Latin ones and is twice as wide on screen.
const SNIPPET_LENGTH_HAN = 80;

/**
 * Ranked matches for what a user typed. The text never reaches lunr's query parser (which throws
 * on `title:`, `~~`, `*^`): the query is built clause by clause from the same tokens as the index.
 */
export function searchIndex(index: SearchIndex, userText: string, limit = 50): SearchResult[] {
  const text = String(userText ?? '').slice(0, MAX_QUERY_CHARS);
  const max = Math.max(0, Math.floor(limit));
  if (max === 0) return [];

  // A URL's `+` may arrive as a space (11_I _002) when typed into the address bar by hand.
  const numberKeys = [normaliseNumber(text), normaliseNumber(text).replace(/\s+/g, '+')];
  const exactRefs = [...new Set(numberKeys.flatMap((key) => index.byNumber.get(key) ?? []))];

  // English names run through the German and Chinese texts ("Ministry of Transport"), so an
  // English stop word is dropped from every field, not only from the English ones.
  const tokens = queryTokens(text);
  const querySpans = tokenSpans(text);
  const shape: QueryShape = {
    isHan: querySpans.some((s) => s.kind === 'han'),
    singleHanChars: new Set(
      querySpans
        .filter((s) => s.kind === 'han' && Array.from(s.text).length === 1)
        .map((s) => s.text),
    ),
  };

  const query = runQuery(index, queryClauses(tokens));
  const matches = topMatches(query, max + exactRefs.length);
  const topScore = matches[0] ? query.scores[matches[0]]! : 0;

  const results: SearchResult[] = [];
  const seen = new Set<string>();
  const push = (ref: string, score: number) => {
    const doc = index.documents.get(ref);
    if (!doc || seen.has(ref)) return;
    seen.add(ref);
    const snippet = buildSnippet(doc, matchedTerms(index, query, ref), shape);
    results.push({
      type: doc.type,
      slug: doc.slug,
      score,
      title: doc.title,
      titleZh: doc.titleZh,
      titleDe: doc.titleDe,
      snippet: snippet.parts,
      snippetLang: snippet.lang,
    });
  };

  for (const ref of exactRefs) push(ref, topScore + 1);
  for (const doc of matches) {
    if (results.length >= max) break;
    push(index.refs[doc]!, query.scores[doc]!);
  }
  return results.slice(0, max);
}

/**
 * Every document the query matches, best first, without snippets or scores (for the shared
 * filter's `q`, which needs the whole set).
 */
export function searchAll(
  index: SearchIndex,
  userText: string,
): Pick<SearchDocument, 'type' | 'slug'>[] {
  const text = String(userText ?? '').slice(0, MAX_QUERY_CHARS);
  const numberKeys = [normaliseNumber(text), normaliseNumber(text).replace(/\s+/g, '+')];
  const exactRefs = [...new Set(numberKeys.flatMap((key) => index.byNumber.get(key) ?? []))];
  const query = runQuery(index, queryClauses(queryTokens(text)));
  const ranked = topMatches(query, Infinity).map((doc) => index.refs[doc]!);
  return [...new Set([...exactRefs, ...ranked])].map((ref) => index.documents.get(ref)!);
}

interface QueryShape {
  /** Whether the query has Chinese in it; its snippet then prefers the Chinese texts. */
  isHan: boolean;
  /** Han characters the query gives on their own, the only unigrams worth highlighting. */
  singleHanChars: Set<string>;
}

function queryTokens(text: string): string[] {
  return [...new Set(tokenize(text))]
    .filter((token) => isHanToken(token) || indexTerm(token, 'en') !== undefined)
    .slice(0, MAX_QUERY_TOKENS);
}

interface Clause {
  term: string;
  fields: readonly FieldName[];
  usePipeline: boolean;
  /** Trailing wildcard: the term is a prefix. */
  prefix: boolean;
  boost: number;
}

/** The query's clauses: every one optional, so a document matching any of them counts. */
function queryClauses(tokens: string[]): Clause[] {
  const clauses: Clause[] = [];
  const add = (clause: Omit<Clause, 'prefix' | 'boost'> & Partial<Clause>) =>
    clauses.push({ prefix: false, boost: 1, ...clause });
  for (const token of tokens) {
    if (isHanToken(token)) {
      // A bigram is close to a word; a lone character matches far too much to weigh the same.
      const boost = Array.from(token).length > 1 ? 2 : 1;
      add({ term: token, fields: ZH_FIELDS, usePipeline: false, boost });
      continue;
    }
    // The pipeline stems each clause by the language of its first field, so one clause per language.
    add({ term: token, fields: EN_FIELDS, usePipeline: true });
    add({ term: token, fields: DE_FIELDS, usePipeline: true });
    add({ term: token, fields: UNSTEMMED_FIELDS, usePipeline: false });
    if (token.length >= 3 && indexTerm(token, 'de') !== undefined) {
      // Prefixes match while typing ("emis" → emissions); weaker than a whole word.
      add({ term: token, fields: FIELD_NAMES, usePipeline: false, prefix: true, boost: 0.5 });
    }
  }
  return clauses;
}

interface QueryResult {
  /** Score per document number (0 where it did not match). */
  scores: Float64Array;
  /** The matching documents' numbers, in the order first matched. */
  matched: number[];
  /** Each index term and field the query looked up. */
  termFields: [string, FieldName][];
}

/*
 * lunr's own scoring, computed directly: a document's score is, for each field, the dot product
 * of the query's term weights (the sum of the boosts of the clauses that reach the term) with
 * the document's BM25 weights for those terms, divided by the length of the query's vector —
 * exactly what lunr.Index.query returns. lunr builds a MatchData object and a Set for every
 * matching document and field first, which at 10 000 projects took most of a query's time; here
 * each term's weights are read once into typed arrays and kept, and the terms that matched are
 * looked up only for the results shown.
 */
function runQuery(index: SearchIndex, clauses: Clause[]): QueryResult {
  const data = index.lunr as unknown as LunrData;
  const queryWeights = new Map<FieldName, Map<string, number>>();
  for (const clause of clauses) {
    let term: string | undefined = clause.term;
    if (clause.usePipeline && !isHanToken(term)) {
      term = runSteps(
        new lunr.Token(term, { fields: clause.fields }),
        FIELDS[clause.fields[0]!].lang,
      )?.toString();
    }
    if (!term) continue;
    const expanded = clause.prefix
      ? data.tokenSet.intersect(tokenSetFrom(`${term}*`)).toArray()
      : Object.hasOwn(data.invertedIndex, term)
        ? [term]
        : [];
    for (const indexTerm of expanded) {
      for (const field of clause.fields) {
        const weights = queryWeights.get(field) ?? new Map<string, number>();
        weights.set(indexTerm, (weights.get(indexTerm) ?? 0) + clause.boost);
        queryWeights.set(field, weights);
      }
    }
  }

  const scores = new Float64Array(index.refs.length);
  const seen = new Uint8Array(index.refs.length);
  const matched: number[] = [];
  const termFields: [string, FieldName][] = [];
  for (const [field, weights] of queryWeights) {
    let sumOfSquares = 0;
    for (const w of weights.values()) sumOfSquares += w * w;
    const length = Math.sqrt(sumOfSquares);
    for (const [term, w] of weights) {
      termFields.push([term, field]);
      const posting = postingOf(index, data, term, field);
      const factor = w / length;
      for (let i = 0; i < posting.docs.length; i++) {
        const doc = posting.docs[i]!;
        scores[doc] = scores[doc]! + factor * posting.weights[i]!;
        if (!seen[doc]) {
          seen[doc] = 1;
          matched.push(doc);
        }
      }
    }
  }
  return { scores, matched, termFields };
}

/**
 * lunr's own Index.query over the same clauses: the reference the direct scoring above must
 * equal (engine.test.ts compares them). Not used to answer queries: it is the slow path.
 */
export function lunrReferenceMatches(
  index: SearchIndex,
  userText: string,
): { ref: string; score: number }[] {
  const clauses = queryClauses(queryTokens(String(userText ?? '').slice(0, MAX_QUERY_CHARS)));
  // lunr treats a query without clauses as all-negated and returns everything.
  if (!clauses.length) return [];
  const { presence, wildcard } = lunr.Query;
  return index.lunr
    .query((q) => {
      for (const c of clauses) {
        q.term(c.term, {
          fields: [...c.fields],
          usePipeline: c.usePipeline,
          presence: presence.OPTIONAL,
          boost: c.boost,
          wildcard: c.prefix ? wildcard.TRAILING : wildcard.NONE,
        });
      }
    })
    .map((m) => ({ ref: m.ref, score: m.score }));
}

/** The documents with a term in a field and their weights there, read from lunr once. */
function postingOf(index: SearchIndex, data: LunrData, term: string, field: FieldName): Posting {
  const key = `${term}/${field}`;
  let posting = index.postings.get(key);
  if (!posting) {
    const entry = data.invertedIndex[term]!;
    const refs = Object.keys(entry[field] ?? {});
    posting = { docs: new Int32Array(refs.length), weights: new Float64Array(refs.length) };
    refs.forEach((ref, i) => {
      posting!.docs[i] = index.refNumbers.get(ref)!;
      posting!.weights[i] = vectorValue(data.fieldVectors[`${field}/${ref}`]!, entry._index);
    });
    index.postings.set(key, posting);
  }
  return posting;
}

/** One element of a lunr vector (a flat, sorted list of index/value pairs). */
function vectorValue(vector: { elements: number[] }, termIndex: number): number {
  const elements = vector.elements;
  let low = 0;
  let high = elements.length / 2 - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = elements[mid * 2]!;
    if (at === termIndex) return elements[mid * 2 + 1]!;
    if (at < termIndex) low = mid + 1;
    else high = mid - 1;
  }
  return 0;
}

/** The `limit` best documents, best first; equal scores keep build order. */
function topMatches(query: QueryResult, limit: number): number[] {
  const { scores, matched } = query;
  const better = (a: number, b: number) => scores[b]! - scores[a]! || a - b;
  if (matched.length <= limit) return [...matched].sort(better);
  // Keep a sorted list of the best `limit` seen so far; most documents fall below its end.
  const top: number[] = [];
  for (const doc of matched) {
    if (top.length === limit && better(doc, top[limit - 1]!) >= 0) continue;
    let low = 0;
    let high = top.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (better(top[mid]!, doc) < 0) low = mid + 1;
      else high = mid;
    }
    top.splice(low, 0, doc);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** For one result: which index terms matched in which fields (what the snippet highlights). */
function matchedTerms(index: SearchIndex, query: QueryResult, ref: string): MatchedTerms {
  const data = index.lunr as unknown as LunrData;
  const terms: MatchedTerms = {};
  for (const [term, field] of query.termFields) {
    if (data.invertedIndex[term]?.[field]?.[ref]) (terms[term] ??= {})[field] = true;
  }
  return terms;
}

/** Index term → the fields it matched in. */
type MatchedTerms = Record<string, Partial<Record<FieldName, true>>>;

// Ties go to the earlier field: the query's own script first (Acronyms such as NDC or GIZ also
// stand in the Chinese texts, but a Latin query should read in English or German), and a summary
// before a title, since it shows more than the title the page already shows.
const SNIPPET_FIELDS_LATIN: FieldName[] = [
  'summary',
  'summary_de',
  'title',
  'title_de',
  'keywords',
  'number',
  'summary_zh',
  'title_zh',
];
const SNIPPET_FIELDS_HAN: FieldName[] = [
  'summary_zh',
  'title_zh',
  'summary',
  'summary_de',
  'title',
  'title_de',
  'keywords',
  'number',
];

function buildSnippet(
  doc: SearchDocument,
  matched: MatchedTerms,
  shape: QueryShape,
): { parts: SnippetPart[]; lang: 'en' | 'de' | 'zh' } {
  const termsByField = new Map<FieldName, Set<string>>();
  for (const [term, fields] of Object.entries(matched)) {
    for (const field of Object.keys(fields as object) as FieldName[]) {
      const terms = termsByField.get(field) ?? new Set<string>();
      terms.add(term);
      termsByField.set(field, terms);
    }
  }

  // The best field is the one with the most matched terms that can be marked, ties to the earlier
  // field: so fields are tried in that order and the first with a markable match wins (tokenizing
  // a long text to find its ranges is most of a result's cost, so only as many as needed).
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
  let best: { field: FieldName; ranges: [number, number][] } | undefined;
  for (const c of candidates) {
    const ranges = matchRanges(c.text, FIELDS[c.field].lang, c.terms, shape.singleHanChars);
    if (ranges.length) {
      best = { field: c.field, ranges };
      break;
    }
  }
  // Every candidate was tried and none could be marked: the earliest of them.
  const unmarked = best ? undefined : candidates.sort((a, b) => a.rank - b.rank)[0]?.field;

  // Without a markable match (only stray characters of a Chinese word, or an exact project
  // number lunr did not see), show the field that matched, else the number or the summary.
  const field =
    best?.field ?? unmarked ?? (doc.number ? 'number' : doc.summary ? 'summary' : 'title');
  const text = FIELD_TEXT[field](doc) ?? '';
  const ranges: [number, number][] = best?.ranges ?? (field === 'number' ? [[0, text.length]] : []);
  const lang = FIELDS[field].lang;
  return { parts: window(text, ranges, lang === 'zh'), lang: lang === 'raw' ? 'en' : lang };
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
    hanGrams(span.text)
      .slice(chars.length)
      .forEach((bigram, i) => {
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

import lunr from 'lunr';

import {
  DE_FIELDS,
  EN_FIELDS,
  FIELDS,
  FIELD_NAMES,
  type FieldName,
  UNSTEMMED_FIELDS,
  ZH_FIELDS,
} from './fields';
import { indexTerm, runSteps } from './language';
import {
  type SearchIndex,
  holdsTerm,
  idfOf,
  lunrReferenceIndex,
  normaliseNumber,
  postingOf,
  termsWithPrefix,
} from './search-index';
import { isHanToken, queryTerms } from './tokenize';

// From what a user typed to scored documents: the query's clauses, and lunr's scoring of them
// computed over the index's postings.

// Bounds on what one request can make the index do; real queries are a few words.
const MAX_QUERY_CHARS = 500;
const MAX_QUERY_TOKENS = 40;

/** What a user typed, as text and no longer than the index will read. */
export const queryText = (userText: string) => String(userText ?? '').slice(0, MAX_QUERY_CHARS);

/** The documents whose project number is the whole query (the exact-number shortcut). */
export function exactNumberRefs(index: SearchIndex, text: string): string[] {
  // A URL's `+` may arrive as a space (11_I _002) when typed into the address bar by hand.
  const numberKeys = [normaliseNumber(text), normaliseNumber(text).replace(/\s+/g, '+')];
  return [...new Set(numberKeys.flatMap((key) => index.byNumber.get(key) ?? []))];
}

// English names run through the German and Chinese texts ("Ministry of Transport"), so an
// English stop word is dropped from every field, not only from the English ones.
const isSearchable = (token: string) => isHanToken(token) || indexTerm(token, 'en') !== undefined;

/** How many of a query's units are told apart when ranking by coverage (bits of a Uint32). */
const MAX_COVERAGE_UNITS = 32;

interface Clause {
  term: string;
  fields: readonly FieldName[];
  usePipeline: boolean;
  /** Trailing wildcard: the term is a prefix. */
  prefix: boolean;
  boost: number;
  /** The query unit this clause finds (its number), for ranking by coverage; none for a word's bonus. */
  unit?: number;
}

/**
 * The query's clauses: every one optional, so a document matching any of them counts. The text
 * never reaches lunr's query parser (which throws on `title:`, `~~`, `*^`): the query is built
 * clause by clause from the same tokens as the index (tokenize.ts: queryTerms).
 */
export function queryClauses(text: string): Clause[] {
  const clauses: Clause[] = [];
  const add = (clause: Omit<Clause, 'prefix' | 'boost'> & Partial<Clause>) =>
    clauses.push({ prefix: false, boost: 1, ...clause });
  const terms = queryTerms(text);
  const units = terms.units.filter(isSearchable).slice(0, MAX_QUERY_TOKENS);
  units.forEach((token, unit) => {
    if (isHanToken(token)) {
      // A bigram is close to a word; a lone character (a one-character query) weighs less.
      const boost = Array.from(token).length > 1 ? 2 : 1;
      add({ term: token, fields: ZH_FIELDS, usePipeline: false, boost, unit });
      return;
    }
    // The pipeline stems each clause by the language of its first field, so one clause per language.
    add({ term: token, fields: EN_FIELDS, usePipeline: true, unit });
    add({ term: token, fields: DE_FIELDS, usePipeline: true, unit });
    add({ term: token, fields: UNSTEMMED_FIELDS, usePipeline: false, unit });
    if (token.length >= 3 && indexTerm(token, 'de') !== undefined) {
      // Prefixes match while typing ("emis" → emissions); weaker than a whole word.
      add({ term: token, fields: FIELD_NAMES, usePipeline: false, prefix: true, boost: 0.5, unit });
    }
  });
  // A dictionary word the query holds whole (可再生能源) weighs on top of its bigrams.
  for (const word of terms.words.slice(0, MAX_QUERY_TOKENS)) {
    add({ term: word, fields: ZH_FIELDS, usePipeline: false, boost: 2 });
  }
  return clauses;
}

export interface QueryResult {
  /** Score per document number (0 where it did not match). */
  scores: Float64Array;
  /** Per document number, how many of the query's units it holds (its words, its Han bigrams). */
  coverage: Uint8Array;
  /** The matching documents' numbers, in the order first matched. */
  matched: number[];
  /** Each index term and field the query looked up. */
  termFields: [string, FieldName][];
}

/** What a query looks up of an index term in a field: its weight, and the units it finds (bits). */
interface TermWeight {
  weight: number;
  units: number;
}

/** Per field, the index terms the clauses reach, their query weights (the clauses' boosts) and units. */
function queryWeights(
  index: SearchIndex,
  clauses: Clause[],
): Map<FieldName, Map<string, TermWeight>> {
  const weightsByField = new Map<FieldName, Map<string, TermWeight>>();
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
      ? termsWithPrefix(index, term)
      : index.terms.has(term)
        ? [term]
        : [];
    const unitBit =
      clause.unit !== undefined && clause.unit < MAX_COVERAGE_UNITS ? 1 << clause.unit : 0;
    for (const indexTerm of expanded) {
      for (const field of clause.fields) {
        const weights = weightsByField.get(field) ?? new Map<string, TermWeight>();
        const known = weights.get(indexTerm) ?? { weight: 0, units: 0 };
        weights.set(indexTerm, {
          weight: known.weight + clause.boost,
          units: known.units | unitBit,
        });
        weightsByField.set(field, weights);
      }
    }
  }
  return weightsByField;
}

/** Set bits of a 32-bit mask. */
function bitCount(mask: number): number {
  let n = mask - ((mask >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/*
 * lunr's own scoring, computed directly: a document's score is, for each field, the dot product
 * of the query's term weights (the sum of the boosts of the clauses that reach the term) with
 * the document's BM25 weights for those terms, divided by the length of the query's vector —
 * exactly what lunr.Index.query returns. lunr builds a MatchData object and a Set for every
 * matching document and field first, which at 10 000 projects took most of a query's time; here
 * each term's weights are read once into typed arrays and kept, and the terms that matched are
 * looked up only for the results shown. Beside the score, each document's coverage: which of
 * the query's units (words, Han bigrams) it holds, which ranks before the score (topMatches).
 */
export function runQuery(index: SearchIndex, clauses: Clause[]): QueryResult {
  return scoreQuery(index, queryWeights(index, clauses));
}

/**
 * runQuery over several indexes (the portfolio's, the knowledge index: engine.ts searchIndexes),
 * scored as if they were one: lunr's weights hold each term's idf over the index's own
 * documents and its average field length: each weight is weighed again with the idf and average
 * field length over all the indexes (sharedWeight); and each field's query vector is as long as
 * over the terms of all the indexes. The scores then equal one index's, but for the term
 * frequency read back from a weight rounded to three decimals.
 */
export function runQueries(indexes: readonly SearchIndex[], clauses: Clause[]): QueryResult[] {
  const weights = indexes.map((index) => queryWeights(index, clauses));
  if (indexes.length === 1) return [scoreQuery(indexes[0]!, weights[0]!)];
  const union = new Map<FieldName, Map<string, number>>();
  for (const byField of weights) {
    for (const [field, terms] of byField) {
      const u = union.get(field) ?? new Map<string, number>();
      for (const [term, { weight }] of terms) u.set(term, weight);
      union.set(field, u);
    }
  }
  const lengths = new Map<FieldName, number>();
  for (const [field, terms] of union) {
    let sumOfSquares = 0;
    for (const weight of terms.values()) sumOfSquares += weight * weight;
    lengths.set(field, Math.sqrt(sumOfSquares));
  }
  const total = indexes.reduce((n, index) => n + index.refs.length, 0);
  const averageLength = (field: FieldName) =>
    indexes.reduce((n, index) => n + index.fieldLengthTotals.get(field)!, 0) / total;
  const idfs = new Map<string, number>();
  const idf = (term: string) => {
    let value = idfs.get(term);
    if (value === undefined) {
      const withTerm = indexes.reduce((n, index) => n + documentsWithTerm(index, term), 0);
      idfs.set(term, (value = idfOf(withTerm, total)));
    }
    return value;
  };
  return indexes.map((index, i) => scoreQuery(index, weights[i]!, { lengths, idf, averageLength }));
}

/** How many documents of the index hold a term, counted field by field as lunr.idf counts them. */
const documentsWithTerm = (index: SearchIndex, term: string) =>
  index.terms.get(term)?.documents ?? 0;

/** What the indexes searched together share (runQueries). */
interface Shared {
  lengths: Map<FieldName, number>;
  idf: (term: string) => number;
  averageLength: (field: FieldName) => number;
}

// lunr's BM25 parameters (lunr.Builder's defaults) and its weights' precision.
const K1 = 1.2;
const B = 0.75;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * A document's weight for a term in a field as one index of all the documents would hold it:
 * the term's frequency is read back from the index's own weight (lunr keeps only the weight;
 * rounded to whole occurrences), then weighed with the idf and average field length of all.
 */
function sharedWeight(
  weight: number,
  length: number,
  boost: number,
  local: { idf: number; averageLength: number },
  all: { idf: number; averageLength: number },
): number {
  const saturation = weight / (boost * local.idf);
  const localNorm = K1 * (1 - B + (B * length) / local.averageLength);
  const tf =
    saturation >= K1 + 1 - 1e-9
      ? 1000
      : Math.max(1, Math.round((saturation * localNorm) / (K1 + 1 - saturation)));
  const norm = K1 * (1 - B + (B * length) / all.averageLength);
  return round3((boost * all.idf * (K1 + 1) * tf) / (norm + tf));
}

function scoreQuery(
  index: SearchIndex,
  weightsByField: Map<FieldName, Map<string, TermWeight>>,
  shared?: Shared,
): QueryResult {
  const scores = new Float64Array(index.refs.length);
  const units = new Uint32Array(index.refs.length);
  const seen = new Uint8Array(index.refs.length);
  const matched: number[] = [];
  const termFields: [string, FieldName][] = [];
  for (const [field, weights] of weightsByField) {
    let length = shared?.lengths.get(field);
    if (length === undefined) {
      let sumOfSquares = 0;
      for (const { weight } of weights.values()) sumOfSquares += weight * weight;
      length = Math.sqrt(sumOfSquares);
    }
    for (const [term, { weight, units: termUnits }] of weights) {
      termFields.push([term, field]);
      const posting = postingOf(index, term, field);
      const factor = weight / length;
      // Searched with other indexes: each weight as one index of all their documents holds it.
      const rescale = shared && {
        lengths: index.fieldLengths.get(field)!,
        boost: FIELDS[field].boost,
        local: {
          idf: idfOf(documentsWithTerm(index, term), index.refs.length),
          averageLength: index.fieldLengthTotals.get(field)! / index.refs.length,
        },
        all: { idf: shared.idf(term), averageLength: shared.averageLength(field) },
      };
      for (let i = 0; i < posting.docs.length; i++) {
        const doc = posting.docs[i]!;
        const docWeight = rescale
          ? sharedWeight(
              posting.weights[i]!,
              rescale.lengths[doc]!,
              rescale.boost,
              rescale.local,
              rescale.all,
            )
          : posting.weights[i]!;
        scores[doc] = scores[doc]! + factor * docWeight;
        units[doc] = units[doc]! | termUnits;
        if (!seen[doc]) {
          seen[doc] = 1;
          matched.push(doc);
        }
      }
    }
  }
  const coverage = new Uint8Array(index.refs.length);
  for (const doc of matched) coverage[doc] = bitCount(units[doc]!);
  return { scores, coverage, matched, termFields };
}

/**
 * lunr's own Index.query over the same clauses: the reference the direct scoring above must
 * equal (engine.test.ts compares them). Not used to answer queries: it is the slow path.
 */
export function lunrReferenceMatches(
  index: SearchIndex,
  userText: string,
): { ref: string; score: number }[] {
  const clauses = queryClauses(queryText(userText));
  // lunr treats a query without clauses as all-negated and returns everything.
  if (!clauses.length) return [];
  const { presence, wildcard } = lunr.Query;
  return lunrReferenceIndex(index)
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

/**
 * The `limit` best documents, best first: the ones holding more of the query's units first (a
 * text with 能源转型 before one with only 能源), then by score; equal ones keep build order.
 */
export function topMatches(query: QueryResult, limit: number): number[] {
  const { scores, coverage, matched } = query;
  const better = (a: number, b: number) =>
    coverage[b]! - coverage[a]! || scores[b]! - scores[a]! || a - b;
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

/** Index term → the fields it matched in. */
export type MatchedTerms = Record<string, Partial<Record<FieldName, true>>>;

/** For one result: which index terms matched in which fields (what the snippet highlights). */
export function matchedTerms(index: SearchIndex, query: QueryResult, ref: string): MatchedTerms {
  const terms: MatchedTerms = {};
  const doc = index.refNumbers.get(ref);
  if (doc === undefined) return terms;
  for (const [term, field] of query.termFields) {
    if (holdsTerm(index, term, field, doc)) (terms[term] ??= {})[field] = true;
  }
  return terms;
}

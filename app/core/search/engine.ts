import type { DocumentVisibility } from '../../../db/vocabulary';
import type { SearchDocument } from './fields';
import {
  type QueryResult,
  exactNumberRefs,
  matchedTerms,
  queryClauses,
  queryText,
  runQueries,
  topMatches,
} from './query';
import type { SearchIndex } from './search-index';
import { type SnippetPart, buildSnippet, queryShape } from './snippet';

// The search engine the hub calls: build an index of its documents, then search it. Its parts:
// fields.ts (the documents and their fields), language.ts (stemming by the field's language),
// search-index.ts (building lunr's index and reading it), query.ts (clauses and scoring),
// snippet.ts (the text shown around a match).

export type { SearchDocument } from './fields';
export { type SearchIndex, buildSearchIndex, documentCount } from './search-index';
export { lunrReferenceMatches } from './query';
export type { SnippetPart } from './snippet';

export interface SearchResult {
  type: SearchDocument['type'];
  slug: string;
  score: number;
  /** How many of the query's units (words, Han bigrams) the document holds; ranks before score. */
  coverage: number;
  /** The official English title; the page picks titleZh/titleDe for its language. */
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  /** Whether titleZh and titleDe are the hub team's translations rather than official names. */
  isTitleTranslated: boolean;
  /** Text around the match, in the language that matched (`snippetLang`), never HTML. */
  snippet: SnippetPart[];
  snippetLang: 'en' | 'de' | 'zh';
  /** The snippet is the title of one of a project's indicators: the result opens them (#indicators). */
  isIndicatorMatch: boolean;
  /** A document's page, slide or block the snippet is from (its kind in partKind), else null. */
  part: number | null;
  partKind: SearchDocument['partKind'] | null;
  /** A knowledge entry's kind. */
  kind: SearchDocument['kind'] | null;
}

/** What a reader who sees no more than public documents may find (a signed-out reader). */
const PUBLIC_ONLY: readonly DocumentVisibility[] = ['public'];

/**
 * Drops the documents the reader may not see from a query's matches before they are ranked, so
 * that a hidden document neither shows nor takes a place in the first `limit` results.
 */
function withoutHidden(
  index: SearchIndex,
  query: QueryResult,
  visibilities: readonly DocumentVisibility[],
): QueryResult {
  if (index.restricted.size === 0) return query;
  const isHidden = (doc: number) => {
    const visibility = index.restricted.get(doc);
    return visibility !== undefined && !visibilities.includes(visibility);
  };
  return { ...query, matched: query.matched.filter((doc) => !isHidden(doc)) };
}

const isHiddenRef = (
  index: SearchIndex,
  ref: string,
  visibilities: readonly DocumentVisibility[],
) => {
  const visibility = index.documents.get(ref)?.visibility;
  return !!visibility && !visibilities.includes(visibility);
};

/**
 * Ranked matches for what a user typed: a document whose project number is the whole query
 * first, then lunr's scoring of the query's words (query.ts), each with its snippet.
 */
export function searchIndex(
  index: SearchIndex,
  userText: string,
  limit = 50,
  visibilities: readonly DocumentVisibility[] = PUBLIC_ONLY,
): SearchResult[] {
  return searchIndexes([index], userText, limit, visibilities);
}

/** One index's match: which index, the document's number in it, and its rank keys. */
interface Match {
  index: SearchIndex;
  /** The index's place in the list searched (ties in score go to the earlier index). */
  order: number;
  doc: number;
  score: number;
  coverage: number;
}

/**
 * Every index's best matches, merged as one index would rank them: by coverage (how many of the
 * query's units a document holds: comparable across indexes, it is a count), then by score,
 * then the earlier index, then build order. Scores come from each index's own BM25 statistics
 * (idf, average field length), so they are comparable only roughly across indexes: coverage
 * decides first, which is what tells a document holding the whole query from one holding part.
 */
function mergedMatches(
  indexes: readonly SearchIndex[],
  queries: QueryResult[],
  limit: number,
): Match[] {
  const all: Match[] = [];
  indexes.forEach((index, order) => {
    const query = queries[order]!;
    for (const doc of topMatches(query, limit)) {
      all.push({ index, order, doc, score: query.scores[doc]!, coverage: query.coverage[doc]! });
    }
  });
  if (indexes.length === 1) return all;
  return all
    .sort(
      (a, b) => b.coverage - a.coverage || b.score - a.score || a.order - b.order || a.doc - b.doc,
    )
    .slice(0, limit);
}

/**
 * searchIndex over several indexes (the portfolio's, the documents' and entries'), their results
 * merged (mergedMatches); the exact-number matches of all of them come first.
 */
export function searchIndexes(
  indexes: readonly SearchIndex[],
  userText: string,
  limit = 50,
  visibilities: readonly DocumentVisibility[] = PUBLIC_ONLY,
): SearchResult[] {
  const text = queryText(userText);
  const max = Math.max(0, Math.floor(limit));
  if (max === 0) return [];

  const exact = indexes.flatMap((index) =>
    exactNumberRefs(index, text)
      .filter((ref) => !isHiddenRef(index, ref, visibilities))
      .map((ref) => ({ index, ref })),
  );
  const shape = queryShape(text);
  const clauses = queryClauses(text);
  const queries = runQueries(indexes, clauses).map((query, i) =>
    withoutHidden(indexes[i]!, query, visibilities),
  );
  const queryOf = (index: SearchIndex) => queries[indexes.indexOf(index)]!;
  const matches = mergedMatches(indexes, queries, max + exact.length);
  const topScore = matches[0]?.score ?? 0;
  const topCoverage = matches[0]?.coverage ?? 0;

  const results: SearchResult[] = [];
  const seen = new Set<string>();
  const push = (index: SearchIndex, ref: string, score: number, coverage: number) => {
    const doc = index.documents.get(ref);
    if (!doc || seen.has(ref)) return;
    seen.add(ref);
    const snippet = buildSnippet(doc, matchedTerms(index, queryOf(index), ref), shape);
    results.push({
      type: doc.type,
      slug: doc.slug,
      score,
      coverage,
      title: doc.title,
      titleZh: doc.titleZh,
      titleDe: doc.titleDe,
      isTitleTranslated: doc.isTitleTranslated ?? false,
      snippet: snippet.parts,
      snippetLang: snippet.lang,
      isIndicatorMatch: snippet.isIndicator,
      part: snippet.part,
      partKind: snippet.part !== null ? (doc.partKind ?? null) : null,
      kind: doc.kind ?? null,
    });
  };

  for (const { index, ref } of exact) push(index, ref, topScore + 1, topCoverage + 1);
  for (const m of matches) {
    if (results.length >= max) break;
    push(m.index, m.index.refs[m.doc]!, m.score, m.coverage);
  }
  return results.slice(0, max);
}

/**
 * Every document the query matches, best first, without snippets or scores (for the shared
 * filter's `q`, which needs the whole set).
 */
export function searchAll(
  index: SearchIndex | readonly SearchIndex[],
  userText: string,
  visibilities: readonly DocumentVisibility[] = PUBLIC_ONLY,
): Pick<SearchDocument, 'type' | 'slug'>[] {
  const indexes: readonly SearchIndex[] = Array.isArray(index) ? index : [index as SearchIndex];
  const text = queryText(userText);
  const clauses = queryClauses(text);
  const queries = runQueries(indexes, clauses).map((query, i) =>
    withoutHidden(indexes[i]!, query, visibilities),
  );
  const exact = indexes.flatMap((i) =>
    exactNumberRefs(i, text)
      .filter((ref) => !isHiddenRef(i, ref, visibilities))
      .map((ref) => i.documents.get(ref)!),
  );
  const ranked = mergedMatches(indexes, queries, Infinity).map((m) =>
    m.index.documents.get(m.index.refs[m.doc]!)!,
  );
  return [...new Set([...exact, ...ranked])];
}

import type { DocumentVisibility } from '../../../db/vocabulary';
import type { SearchDocument } from './fields';
import {
  type QueryResult,
  exactNumberRefs,
  matchedTerms,
  queryClauses,
  queryText,
  runQuery,
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
  const text = queryText(userText);
  const max = Math.max(0, Math.floor(limit));
  if (max === 0) return [];

  const exactRefs = exactNumberRefs(index, text).filter(
    (ref) => !isHiddenRef(index, ref, visibilities),
  );
  const shape = queryShape(text);
  const query = withoutHidden(index, runQuery(index, queryClauses(text)), visibilities);
  const matches = topMatches(query, max + exactRefs.length);
  const topScore = matches[0] ? query.scores[matches[0]]! : 0;

  const results: SearchResult[] = [];
  const seen = new Set<string>();
  const push = (ref: string, score: number, coverage: number) => {
    const doc = index.documents.get(ref);
    if (!doc || seen.has(ref)) return;
    seen.add(ref);
    const snippet = buildSnippet(doc, matchedTerms(index, query, ref), shape);
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

  const topCoverage = matches[0] ? query.coverage[matches[0]]! : 0;
  for (const ref of exactRefs) push(ref, topScore + 1, topCoverage + 1);
  for (const doc of matches) {
    if (results.length >= max) break;
    push(index.refs[doc]!, query.scores[doc]!, query.coverage[doc]!);
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
  visibilities: readonly DocumentVisibility[] = PUBLIC_ONLY,
): Pick<SearchDocument, 'type' | 'slug'>[] {
  const text = queryText(userText);
  const query = withoutHidden(index, runQuery(index, queryClauses(text)), visibilities);
  const ranked = topMatches(query, Infinity).map((doc) => index.refs[doc]!);
  return [...new Set([...exactNumberRefs(index, text), ...ranked])]
    .filter((ref) => !isHiddenRef(index, ref, visibilities))
    .map((ref) => index.documents.get(ref)!);
}

import lunr from 'lunr';

import type { DocumentVisibility } from '../../../db/vocabulary';

import { FIELDS, FIELD_NAMES, FIELD_TEXT, type FieldName, type SearchDocument } from './fields';
import { languagePipeline } from './language';
import { tokenize } from './tokenize';

// Building the index, and reading lunr's data in it: the postings the scoring (query.ts) sums.

export interface SearchIndex {
  lunr: lunr.Index;
  documents: Map<string, SearchDocument>;
  /** Lower-cased project number → document refs, for the exact-number shortcut. */
  byNumber: Map<string, string[]>;
  /** Every document ref, numbered in build order (ties in score go to the lower number). */
  refs: string[];
  refNumbers: Map<string, number>;
  /** The documents not everyone may find, by number: their visibility (the others are public). */
  restricted: Map<number, DocumentVisibility>;
  /** "term/field" → the documents with that term in that field and their weights, built on first use. */
  postings: Map<string, Posting>;
  /** Per field, each document's length in terms (by number), and their sum: BM25's inputs. */
  fieldLengths: Map<FieldName, Float64Array>;
  fieldLengthTotals: Map<FieldName, number>;
  /** Term → how many documents hold it, counted field by field (lunr.idf), read on first use. */
  documentsWithTerm: Map<string, number>;
}

export interface Posting {
  docs: Int32Array;
  weights: Float64Array;
}

/** lunr's index data, which its typings leave opaque. */
export interface LunrData {
  invertedIndex: Record<string, { _index: number } & Record<string, Record<string, object>>>;
  fieldVectors: Record<string, lunr.Vector & { elements: number[] }>;
  tokenSet: lunr.TokenSet;
}

export const lunrData = (index: SearchIndex) => index.lunr as unknown as LunrData;

const refOf = (doc: Pick<SearchDocument, 'type' | 'slug'>) => `${doc.type}:${doc.slug}`;
export const normaliseNumber = (value: string) => value.trim().toLowerCase();

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
  const restricted = new Map<number, DocumentVisibility>();
  refs.forEach((ref, i) => {
    const visibility = documents.get(ref)!.visibility;
    if (visibility && visibility !== 'public') restricted.set(i, visibility);
  });
  const built = builder.build();
  // What the builder counted, kept to score several indexes as one (query.ts runQueries).
  const counted = (builder as unknown as { fieldLengths: Record<string, number> }).fieldLengths;
  const fieldLengths = new Map<FieldName, Float64Array>();
  const fieldLengthTotals = new Map<FieldName, number>();
  for (const name of FIELD_NAMES) {
    const lengths = new Float64Array(refs.length);
    let total = 0;
    refs.forEach((ref, i) => {
      lengths[i] = counted[`${name}/${ref}`] ?? 0;
      total += lengths[i]!;
    });
    fieldLengths.set(name, lengths);
    fieldLengthTotals.set(name, total);
  }
  return {
    restricted,
    lunr: built,
    fieldLengths,
    fieldLengthTotals,
    documents,
    byNumber,
    refs,
    refNumbers: new Map(refs.map((ref, i) => [ref, i])),
    postings: new Map(),
    documentsWithTerm: new Map(),
  };
}

export function documentCount(index: SearchIndex): number {
  return index.documents.size;
}

/** The documents with a term in a field and their weights there, read from lunr once. */
export function postingOf(
  index: SearchIndex,
  data: LunrData,
  term: string,
  field: FieldName,
): Posting {
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

import lunr from 'lunr';

import type { DocumentVisibility } from '../../../db/vocabulary';

import { FIELDS, FIELD_NAMES, FIELD_TEXT, type FieldName, type SearchDocument } from './fields';
import { indexTerm, languagePipeline } from './language';
import { tokenize } from './tokenize';

// Building the index: each term's postings (the documents holding it, field by field, with their
// BM25 weights), computed as lunr's Builder computes them but kept in typed arrays. lunr's own
// index (an object per term, field and document, a vector per field and document, a token set)
// held about 450 MB at 10 000 projects and 2 000 documents; these postings hold the same weights
// in a fraction of that (decision 0080). lunr itself remains the reference the scoring is tested
// against (lunrReferenceIndex).

export interface SearchIndex {
  documents: Map<string, SearchDocument>;
  /** Lower-cased project number → document refs, for the exact-number shortcut. */
  byNumber: Map<string, string[]>;
  /** Every document ref, numbered in build order (ties in score go to the lower number). */
  refs: string[];
  refNumbers: Map<string, number>;
  /** The documents not everyone may find, by number: their visibility (the others are public). */
  restricted: Map<number, DocumentVisibility>;
  /** Index term → its postings field by field, and how many documents hold it (lunr.idf's count). */
  terms: Map<string, TermEntry>;
  /** The index terms in code-unit order, for prefix queries. */
  sortedTerms: string[];
  /** Per field, each document's length in terms (by number), and their sum: BM25's inputs. */
  fieldLengths: Map<FieldName, Float64Array>;
  fieldLengthTotals: Map<FieldName, number>;
}

export interface Posting {
  /** Document numbers, ascending. */
  docs: Int32Array;
  weights: Float64Array;
}

export interface TermEntry {
  /** The documents holding the term, counted field by field as lunr.idf counts them. */
  documents: number;
  fields: Partial<Record<FieldName, Posting>>;
}

const EMPTY_POSTING: Posting = { docs: new Int32Array(0), weights: new Float64Array(0) };

const refOf = (doc: Pick<SearchDocument, 'type' | 'slug'>) => `${doc.type}:${doc.slug}`;
export const normaliseNumber = (value: string) => value.trim().toLowerCase();

// lunr.Builder's BM25 parameters (its defaults, which the hub never changed).
const K1 = 1.2;
const B = 0.75;

/** A field's index terms, as lunr's tokenizer and the language pipeline make them. */
function fieldTerms(doc: SearchDocument, field: FieldName): string[] {
  const terms: string[] = [];
  const lang = FIELDS[field].lang;
  for (const token of tokenize(FIELD_TEXT[field](doc) ?? '')) {
    const term = indexTerm(token.toLowerCase(), lang);
    if (term) terms.push(term);
  }
  return terms;
}

/** Postings being collected: per term and field, document numbers and term frequencies. */
interface Collecting {
  documents: number;
  fields: Partial<Record<FieldName, { docs: number[]; tfs: number[] }>>;
}

export function buildSearchIndex(docs: SearchDocument[]): SearchIndex {
  const documents = new Map<string, SearchDocument>();
  const byNumber = new Map<string, string[]>();
  for (const doc of docs) {
    const ref = refOf(doc);
    if (documents.has(ref)) continue;
    documents.set(ref, doc);
    if (doc.number) {
      const key = normaliseNumber(doc.number);
      byNumber.set(key, [...(byNumber.get(key) ?? []), ref]);
    }
  }
  const refs = [...documents.keys()];
  const restricted = new Map<number, DocumentVisibility>();
  const collecting = new Map<string, Collecting>();
  const fieldLengths = new Map<FieldName, Float64Array>();
  const fieldLengthTotals = new Map<FieldName, number>();
  for (const name of FIELD_NAMES) fieldLengths.set(name, new Float64Array(refs.length));

  refs.forEach((ref, number) => {
    const doc = documents.get(ref)!;
    if (doc.visibility && doc.visibility !== 'public') restricted.set(number, doc.visibility);
    for (const field of FIELD_NAMES) {
      const terms = fieldTerms(doc, field);
      fieldLengths.get(field)![number] = terms.length;
      const frequencies = new Map<string, number>();
      for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      for (const [term, tf] of frequencies) {
        let entry = collecting.get(term);
        if (!entry) collecting.set(term, (entry = { documents: 0, fields: {} }));
        const posting = (entry.fields[field] ??= { docs: [], tfs: [] });
        posting.docs.push(number);
        posting.tfs.push(tf);
        entry.documents += 1;
      }
    }
  });
  for (const name of FIELD_NAMES) {
    fieldLengthTotals.set(
      name,
      fieldLengths.get(name)!.reduce((sum, length) => sum + length, 0),
    );
  }

  // lunr.Builder#createFieldVectors, term by term instead of document by document.
  const terms = new Map<string, TermEntry>();
  for (const [term, entry] of collecting) {
    const idf = idfOf(entry.documents, refs.length);
    const fields: TermEntry['fields'] = {};
    for (const name of Object.keys(entry.fields) as FieldName[]) {
      const { docs, tfs } = entry.fields[name]!;
      const lengths = fieldLengths.get(name)!;
      const average = fieldLengthTotals.get(name)! / refs.length;
      const boost = FIELDS[name].boost || 1;
      const weights = new Float64Array(docs.length);
      for (let i = 0; i < docs.length; i++) {
        const tf = tfs[i]!;
        let score =
          (idf * ((K1 + 1) * tf)) / (K1 * (1 - B + B * (lengths[docs[i]!]! / average)) + tf);
        score *= boost;
        weights[i] = Math.round(score * 1000) / 1000;
      }
      fields[name] = { docs: Int32Array.from(docs), weights };
    }
    terms.set(term, { documents: entry.documents, fields });
  }
  collecting.clear();

  return {
    restricted,
    fieldLengths,
    fieldLengthTotals,
    documents,
    byNumber,
    refs,
    refNumbers: new Map(refs.map((ref, i) => [ref, i])),
    terms,
    sortedTerms: [...terms.keys()].sort(),
  };
}

/** lunr.idf: a term's inverse document frequency, from the documents holding it (field by field). */
export const idfOf = (withTerm: number, documents: number) =>
  Math.log(1 + Math.abs((documents - withTerm + 0.5) / (withTerm + 0.5)));

export function documentCount(index: SearchIndex): number {
  return index.documents.size;
}

/** The documents with a term in a field and their weights there. */
export function postingOf(index: SearchIndex, term: string, field: FieldName): Posting {
  return index.terms.get(term)?.fields[field] ?? EMPTY_POSTING;
}

/** The index terms that start with a prefix (the prefix itself included), in code-unit order. */
export function termsWithPrefix(index: SearchIndex, prefix: string): string[] {
  const sorted = index.sortedTerms;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < prefix) low = mid + 1;
    else high = mid;
  }
  const found: string[] = [];
  for (let i = low; i < sorted.length && sorted[i]!.startsWith(prefix); i++) found.push(sorted[i]!);
  return found;
}

/** Whether a document (by number) holds a term in a field. */
export function holdsTerm(
  index: SearchIndex,
  term: string,
  field: FieldName,
  doc: number,
): boolean {
  const docs = postingOf(index, term, field).docs;
  let low = 0;
  let high = docs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = docs[mid]!;
    if (at === doc) return true;
    if (at < doc) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

const referenceIndexes = new WeakMap<SearchIndex, lunr.Index>();

/**
 * lunr's own index of the same documents, built on first use: the reference the direct scoring
 * must equal (engine.test.ts). Never built to answer a query.
 */
export function lunrReferenceIndex(index: SearchIndex): lunr.Index {
  let built = referenceIndexes.get(index);
  if (built) return built;
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
  for (const [ref, doc] of index.documents) builder.add({ ...doc, ref });
  built = builder.build();
  referenceIndexes.set(index, built);
  return built;
}

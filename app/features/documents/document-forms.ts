import { z } from 'zod';

import {
  INVALID,
  changeSource,
  httpUrl,
  oneOf,
  optionalText,
  partialDate,
  requiredText,
  version,
} from '../../core/forms/form-rules';
import { DOCUMENT_CATEGORIES, DOCUMENT_VISIBILITIES } from '../../../db/vocabulary';
import { DOCUMENT_LANGUAGES } from './document-kinds';

// The document forms (upload and edit), shared by the browser and the action. The file itself is
// read as it streams in (document-upload.server.ts); these are the fields around it.

/** What the form offers to link: the slugs of projects, topics, events and entries. */
export interface DocumentFormContext {
  projectSlugs: readonly string[];
  topicSlugs: readonly string[];
  eventSlugs: readonly string[];
  entrySlugs: readonly string[];
}

const slugs = (allowed: readonly string[]) =>
  z
    .array(oneOf(allowed), { error: INVALID })
    .default([])
    .transform((list) => [...new Set(list)].sort());

function documentFields(context: DocumentFormContext) {
  return {
    title: requiredText(300),
    language: oneOf(DOCUMENT_LANGUAGES).optional(),
    category: oneOf(DOCUMENT_CATEGORIES).optional(),
    documentDate: partialDate.optional(),
    visibility: oneOf(DOCUMENT_VISIBILITIES).default('public'),
    description: optionalText(4000),
    projects: slugs(context.projectSlugs),
    topics: slugs(context.topicSlugs),
    events: slugs(context.eventSlugs),
    entries: slugs(context.entrySlugs),
  };
}

/**
 * The upload form's fields besides the file: a link is given as `url`; the action checks that
 * exactly one of a file and a link came (the browser cannot say which before it sends).
 */
export function documentNewSchema(context: DocumentFormContext) {
  return z.object({ ...documentFields(context), url: httpUrl.optional() });
}

export function documentEditSchema(context: DocumentFormContext) {
  return z.object({ ...documentFields(context), version, changeSource });
}

export type DocumentNewValues = z.output<ReturnType<typeof documentNewSchema>>;
export type DocumentEditValues = z.output<ReturnType<typeof documentEditSchema>>;

/** What a document write saves besides the file: its columns and its links (slugs, sorted). */
export interface DocumentValues {
  title: string;
  language: string | null;
  category: string | null;
  documentDate: string | null;
  documentDatePrecision: 'year' | 'month' | 'day' | null;
  visibility: (typeof DOCUMENT_VISIBILITIES)[number];
  description: string | null;
  projects: string[];
  topics: string[];
  events: string[];
  entries: string[];
}

export function documentValues(values: DocumentNewValues | DocumentEditValues): DocumentValues {
  return {
    title: values.title,
    language: values.language ?? null,
    category: values.category ?? null,
    documentDate: values.documentDate?.value ?? null,
    documentDatePrecision: values.documentDate?.precision ?? null,
    visibility: values.visibility as DocumentValues['visibility'],
    description: values.description ?? null,
    projects: values.projects,
    topics: values.topics,
    events: values.events,
    entries: values.entries,
  };
}

/** A stored document as the edit form's fields write it (what it opens with, and a 409 shows). */
export function documentFormValues(row: DocumentValues): Record<string, string | string[]> {
  return {
    title: row.title,
    language: row.language ?? '',
    category: row.category ?? '',
    documentDate: row.documentDate ?? '',
    visibility: row.visibility,
    description: row.description ?? '',
    projects: [...row.projects].sort(),
    topics: [...row.topics].sort(),
    events: [...row.events].sort(),
    entries: [...row.entries].sort(),
  };
}

/** The slugs the form may link to, from what the loader offers. */
export function documentFormContext(options: {
  projects: { slug: string }[];
  topics: { slug: string }[];
  events: { slug: string }[];
  entries: { slug: string }[];
}): DocumentFormContext {
  return {
    projectSlugs: options.projects.map((p) => p.slug),
    topicSlugs: options.topics.map((t) => t.slug),
    eventSlugs: options.events.map((e) => e.slug),
    entrySlugs: options.entries.map((e) => e.slug),
  };
}

import { z } from 'zod';

import { type ProjectFilter, filterSearchParams } from '../../core/filter/filter';
import { viewParamReader } from '../../core/filter/list-params';
import {
  HUB_LANGUAGES,
  type HubLanguage,
  KNOWLEDGE_KINDS,
  type KnowledgeKind,
} from '../../../db/vocabulary';

// The parameters of /knowledge besides the shared filter. The shared filter already owns `topic`
// and `org` (a project's topic and organisation), so the entry's own topic is `entryTopic` and
// its organisation `organisation` (decision 0068). A malformed value is dropped and named on the
// page, as on the other list pages; a well-formed slug that matches nothing gives an empty list.

export const KNOWLEDGE_PER_PAGE = 20;

/** The entry's own facets (URL parameters of /knowledge). */
export interface KnowledgeListFilter {
  kind?: KnowledgeKind;
  /** An entry readable in this language: its original or a translation. */
  language?: HubLanguage;
  /** Topic slug. */
  entryTopic?: string;
  /** Project slug. */
  project?: string;
  /** Organisation slug. */
  organisation?: string;
}

export type KnowledgeFacet = keyof KnowledgeListFilter;

const SLUG = z.string().regex(/^[a-z0-9][a-z0-9-]{0,119}$/);

const SCHEMAS = {
  kind: z.enum(KNOWLEDGE_KINDS),
  language: z.enum(HUB_LANGUAGES),
  entryTopic: SLUG,
  project: SLUG,
  organisation: SLUG,
  page: z.coerce.number().int().min(1).max(1_000_000),
};

export const KNOWLEDGE_FACETS: KnowledgeFacet[] = [
  'kind',
  'language',
  'entryTopic',
  'project',
  'organisation',
];

export interface KnowledgeListParams {
  filter: KnowledgeListFilter;
  page: number;
  ignored: string[];
}

export function parseKnowledgeListParams(search: URLSearchParams): KnowledgeListParams {
  const { read, ignored } = viewParamReader(search, SCHEMAS);
  const filter: KnowledgeListFilter = {};
  const kind = read('kind');
  if (kind) filter.kind = kind;
  const language = read('language');
  if (language) filter.language = language;
  for (const name of ['entryTopic', 'project', 'organisation'] as const) {
    const value = read(name);
    if (value) filter[name] = value;
  }
  return { filter, page: read('page') ?? 1, ignored };
}

/** The entry facets as query parameters (for `keep` in the shared filter's forms). */
export function knowledgeParams(filter: KnowledgeListFilter): Record<string, string> {
  const keep: Record<string, string> = {};
  for (const name of KNOWLEDGE_FACETS) {
    const value = filter[name];
    if (value !== undefined) keep[name] = value;
  }
  return keep;
}

/** The query string of /knowledge: the shared filter, the entry facets, the page (1 left out). */
export function knowledgeSearch(
  shared: ProjectFilter,
  filter: KnowledgeListFilter,
  page = 1,
): string {
  const search = filterSearchParams(shared);
  for (const [name, value] of Object.entries(knowledgeParams(filter))) search.set(name, value);
  if (page > 1) search.set('page', String(page));
  const text = search.toString();
  return text ? `?${text}` : '';
}

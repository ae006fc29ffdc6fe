import type { TFunction } from 'i18next';

import { apiError, readApiParams, readApiRequest } from '../../core/filter/api-request.server';
import { filterSearchParams, isFilterEmpty } from '../../core/filter/filter';
import { SLUG } from '../../core/filter/param-rules';
import { type Lang, localizePath } from '../../core/i18n/config';
import { officialNameText } from '../../core/ui/official-name';
import { changeText, type ChangeText } from './change-text';
import {
  type ChangeScope,
  getFeedOrganisation,
  getFeedProject,
  getFeedTopic,
  listChanges,
} from './changes.server';
import { type FeedScope, SINCE } from './feed-params';

// What a feed (or the changes page) is asked for: its scope from the URL — the shared filter, or
// one project, organisation or topic by slug — and `since`; each refused with a JSON 400 or 404
// that says why, as the exports are.

export interface FeedRequest {
  scope: ChangeScope;
  /** What the feed's id and title name: "changes?type=bilateral", "projects/clct". */
  what: string;
  /** The followed record's name in the language; null for the site-wide feed. */
  name: string | null;
  /** The page the feed follows and the feed's own path (without origin or `since`). */
  pagePath: string;
  feedPath: string;
  isFiltered: boolean;
  since: string | null;
}

/** The site-wide (filtered) changes: `/feeds/changes.atom?<filter>&since=`. */
export function readChangesRequest(request: Request, lang: Lang): FeedRequest | Response {
  const api = readApiRequest(request);
  if (api instanceof Response) return api;
  const own = readApiParams(api.search, { since: SINCE });
  if (own instanceof Response) return own;
  const query = filterSearchParams(api.filter).toString();
  const q = query ? `?${query}` : '';
  const isEmpty = isFilterEmpty(api.filter);
  return {
    scope: { kind: 'filter', where: api.where, isEmpty },
    what: `changes${q}`,
    name: null,
    pagePath: localizePath(`/projects${q}`, lang),
    feedPath: localizePath(`/feeds/changes.atom${q}`, lang),
    isFiltered: !isEmpty,
    since: own.since ?? null,
  };
}

const FINDERS = {
  projects: getFeedProject,
  organisations: getFeedOrganisation,
  topics: getFeedTopic,
} as const;

const SCOPE_KIND = { projects: 'project', organisations: 'organisation', topics: 'topic' } as const;

/** One record's changes: `/feeds/<scope>/<slug>.atom?since=`. */
export function readScopedRequest(
  request: Request,
  scope: FeedScope,
  slug: string,
  lang: Lang,
): FeedRequest | Response {
  const search = new URL(request.url).searchParams;
  const own = readApiParams(search, { since: SINCE });
  if (own instanceof Response) return own;
  const record = SLUG.read(slug) ? FINDERS[scope](slug) : undefined;
  if (!record) return apiError(404, `no ${SCOPE_KIND[scope]} “${slug}”`);
  return {
    scope: { kind: SCOPE_KIND[scope], id: record.id },
    what: `${scope}/${slug}`,
    name: officialNameText(lang, { en: record.title, zh: record.titleZh, de: record.titleDe }),
    pagePath: localizePath(`/${scope}/${slug}`, lang),
    feedPath: localizePath(`/feeds/${scope}/${slug}.atom`, lang),
    isFiltered: false,
    since: own.since ?? null,
  };
}

/** The changes a request asks for, in its language. */
export function changesOf(
  feed: FeedRequest,
  lang: Lang,
  t: TFunction,
  has: (key: string) => boolean,
): ChangeText[] {
  return listChanges(feed.scope, { since: feed.since }).map((c) => changeText(c, lang, t, has));
}

import { fixedTranslation } from '../../core/i18n/hooks';
import { getInstance } from '../../core/i18n/i18next.server';
import { apiError } from '../../core/filter/api-request.server';
import { langFromPath } from '../../core/i18n/config';
import { atomFeed, feedId } from './atom.server';
import { FEED_SCOPES, type FeedScope } from './feed-params';
import {
  type FeedRequest,
  changesOf,
  readChangesRequest,
  readScopedRequest,
} from './feed-request.server';
import type { Route } from './+types/feed-file';

// Atom feeds of what changed (app/features/feeds/changes.server.ts says what counts), in the
// language of the URL's prefix:
//   /feeds/changes.atom?<shared filter>        the projects the filter selects (site-wide without)
//   /feeds/projects/<slug>.atom, /feeds/organisations/<slug>.atom, /feeds/topics/<slug>.atom
// `since=YYYY-MM-DD` (or a moment) gives every change since then; without it the latest 50.

const isScope = (value: string): value is FeedScope =>
  (FEED_SCOPES as readonly string[]).includes(value);

export function loader({ request, params, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const lang = langFromPath(url.pathname);
  let feed: FeedRequest | Response;
  if (params.scope === undefined) {
    feed = readChangesRequest(request, lang);
  } else {
    const slug = params.file?.endsWith('.atom') ? params.file.slice(0, -'.atom'.length) : null;
    if (!isScope(params.scope) || !slug) {
      return apiError(
        404,
        `no feed “${url.pathname}”; the feeds are /feeds/changes.atom and /feeds/{${FEED_SCOPES.join(',')}}/<slug>.atom`,
      );
    }
    feed = readScopedRequest(request, params.scope, slug, lang);
  }
  if (feed instanceof Response) return feed;
  const i18n = getInstance(context);
  const t = fixedTranslation(i18n, lang);
  const has = (key: string) => i18n.exists(key, { lng: lang });
  return atomFeed(
    {
      id: feedId(`${feed.what}#${lang}`),
      title: feed.name
        ? t('feeds.feedTitleOf', { name: feed.name })
        : t(feed.isFiltered ? 'feeds.feedTitleFiltered' : 'feeds.feedTitleAll'),
      self: `${url.origin}${feed.feedPath}`,
      page: `${url.origin}${feed.pagePath}`,
      lang,
      origin: url.origin,
      entries: changesOf(feed, lang, t, has),
    },
    t,
  );
}

import { useLang, useTranslation } from '../../core/i18n/hooks';
import { localizePath } from '../../core/i18n/config';
import type { FeedScope } from './feed-params';

// How a page names the feed that follows it: <link rel="alternate"> (React hoists it into <head>,
// where feed readers look) and a visible link for people.

/** The path of a record's feed in the page's language. */
export const scopedFeedPath = (
  scope: FeedScope,
  slug: string,
  lang: Parameters<typeof localizePath>[1],
) => localizePath(`/feeds/${scope}/${slug}.atom`, lang);

/** The discovery link and visible "Feed of changes" link of one project, organisation or topic. */
export function RecordFeedLinks({
  scope,
  slug,
  name,
}: {
  scope: FeedScope;
  slug: string;
  name: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const href = scopedFeedPath(scope, slug, lang);
  return (
    <>
      <link
        rel="alternate"
        type="application/atom+xml"
        title={t('feeds.feedLinkTitleOf', { name })}
        href={href}
      />
      <p className="feed-links">
        <a href={href} type="application/atom+xml">
          {t('feeds.feedLink')}
        </a>
      </p>
    </>
  );
}

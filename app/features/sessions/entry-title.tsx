import { HTML_LANG } from '../../core/i18n/config';
import { useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { HubTranslationMark } from '../../core/ui/translated-title';
import type { EntryTitle } from './sessions.server';
import type { KnowledgeKind } from '../../../db/vocabulary';

// A knowledge entry as a line in a list (an event's session, a topic's space): its kind and its
// title in the page's language where it has one, else in the author's, linked to its page.

/** The title to show: the page's language, else the author's original, else any. */
export function entryTitleIn(lang: string, titles: EntryTitle[]): EntryTitle | undefined {
  return (
    titles.find((t) => t.language === lang) ??
    titles.find((t) => t.translatedBy === null) ??
    titles[0]
  );
}

export function KindBadge({ kind }: { kind: KnowledgeKind }) {
  const { t } = useTranslation();
  return <span className={`badge badge--kind-${kind}`}>{t(`topicSpace.kind.${kind}`)}</span>;
}

export function EntryLine({
  entry,
}: {
  entry: { slug: string; kind: KnowledgeKind; titles: EntryTitle[] };
}) {
  const lang = useLang();
  const to = useLocalizePath();
  const title = entryTitleIn(lang, entry.titles);
  return (
    <>
      <KindBadge kind={entry.kind} />{' '}
      <AppLink
        to={to(`/knowledge/${entry.slug}`)}
        lang={title ? HTML_LANG[title.language] : undefined}
      >
        {title?.title ?? entry.slug}
      </AppLink>
      {title?.translatedBy ? (
        <>
          {' '}
          <HubTranslationMark />
        </>
      ) : null}
    </>
  );
}

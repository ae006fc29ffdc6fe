import { HTML_LANG } from '../../core/i18n/config';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import type { EntryLink } from './entry-sections.server';

/**
 * "Knowledge entries" on a project's, event's or organisation's page: its published entries
 * (kind, title, link), and a link to /knowledge filtered to it where the list has that facet.
 */
export function KnowledgeEntriesSection({
  data,
  moreHref,
}: {
  data: { entries: EntryLink[]; total: number };
  /** /knowledge with this record's facet chosen (unlocalised path). */
  moreHref?: string;
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const lang = useLang();
  const format = useFormat();
  if (data.total === 0) return null;
  return (
    <section aria-labelledby="knowledge-entries" className="knowledge-entries">
      <h2 id="knowledge-entries">
        {t('knowledgeList.sectionTitle')} ({format.count(data.total)})
      </h2>
      <ul>
        {data.entries.map((entry) => (
          <li key={entry.slug} data-entry={entry.slug}>
            <span className="muted">{t(`knowledgeList.kind.${entry.kind}`)}:</span>{' '}
            <AppLink to={to(`/knowledge/${entry.slug}`)}>
              <span lang={entry.language === lang ? undefined : HTML_LANG[entry.language]}>
                {entry.title}
              </span>
            </AppLink>
            {entry.isUntranslated ? (
              <>
                {' '}
                <span className="translation-note translation-note--inline">
                  {t('knowledgeList.notTranslated')}
                </span>
              </>
            ) : null}
            {entry.kind === 'challenge' ? (
              <>
                {' '}
                ({entry.isResolved ? t('knowledgeList.solved') : t('knowledgeList.openChallenge')})
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {moreHref && data.total > data.entries.length ? (
        <p>
          <AppLink to={to(moreHref)}>{t('knowledgeList.sectionMore')}</AppLink>
        </p>
      ) : null}
    </section>
  );
}

import { HTML_LANG } from '../../core/i18n/config';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { officialNameText } from '../../core/ui/official-name';
import type { KnowledgeListItem } from './knowledge-list.server';

/**
 * Entries as a list: kind, title (in the page's language, else the author's original marked "not
 * translated yet"; a translation marked as one), summary, topics and projects.
 */
export function KnowledgeList({ entries }: { entries: KnowledgeListItem[] }) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const lang = useLang();
  const format = useFormat();
  return (
    <ul className="knowledge-list" data-testid="knowledge-list">
      {entries.map((entry) => (
        <li key={entry.slug} data-entry={entry.slug}>
          <article>
            <p className="knowledge-list__kind">
              {t(`knowledgeList.kind.${entry.kind}`)}
              {entry.kind === 'challenge' ? (
                <>
                  {' · '}
                  {entry.isResolved ? t('knowledgeList.solved') : t('knowledgeList.openChallenge')}
                </>
              ) : null}
            </p>
            <h2>
              <AppLink to={to(`/knowledge/${entry.slug}`)}>
                <span lang={entry.language === lang ? undefined : HTML_LANG[entry.language]}>
                  {entry.title}
                </span>
              </AppLink>{' '}
              {entry.isUntranslated ? (
                <span className="translation-note translation-note--inline">
                  {t('knowledgeList.notTranslated')}
                </span>
              ) : entry.translatedBy !== null ? (
                <span className="translation-note translation-note--inline">
                  {t('knowledgeList.translation')}
                </span>
              ) : null}
            </h2>
            {entry.summary ? (
              <p lang={entry.language === lang ? undefined : HTML_LANG[entry.language]}>
                {entry.summary}
              </p>
            ) : null}
            <p className="muted">
              {entry.publishedAt
                ? t('knowledgeList.published', {
                    date: format.date(entry.publishedAt.slice(0, 10), 'day'),
                  })
                : null}
              {entry.topics.length > 0 ? (
                <>
                  {' · '}
                  {t('knowledgeList.topics')}{' '}
                  {entry.topics.map((topic, i) => (
                    <span key={topic.slug}>
                      {i > 0 ? ', ' : null}
                      <AppLink to={to(`/topics/${topic.slug}`)}>
                        {officialNameText(lang, {
                          en: topic.name,
                          zh: topic.nameZh,
                          de: topic.nameDe,
                        })}
                      </AppLink>
                    </span>
                  ))}
                </>
              ) : null}
              {entry.projects.length > 0 ? (
                <>
                  {' · '}
                  {t('knowledgeList.projects')}{' '}
                  {entry.projects.map((project, i) => (
                    <span key={project.slug}>
                      {i > 0 ? ', ' : null}
                      <AppLink to={to(`/projects/${project.slug}`)}>
                        {officialNameText(lang, {
                          en: project.title,
                          zh: project.titleZh,
                          de: project.titleDe,
                        })}
                      </AppLink>
                    </span>
                  ))}
                </>
              ) : null}
            </p>
          </article>
        </li>
      ))}
    </ul>
  );
}

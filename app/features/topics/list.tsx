import { listTopicSummaries } from './topics.server';
import { OfficialName } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import type { Route } from './+types/list';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';

export const handle = SERVER_ONLY_PAGE;

export function loader() {
  return { topics: listTopicSummaries() };
}

export default function Topics({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <>
      <PageTitle title={t('topics.title')} description={t('topics.lead')} />
      <h1>{t('topics.title')}</h1>
      <p className="lead">{t('topics.lead')}</p>
      <ul className="org-list">
        {loaderData.topics.map((topic) => (
          <li key={topic.slug} data-slug={topic.slug}>
            <AppLink to={to(`/topics/${topic.slug}`)}>
              <OfficialName en={topic.name} zh={topic.nameZh} de={topic.nameDe} />
            </AppLink>{' '}
            <span className="muted">
              {[
                t('topics.projects', { count: topic.projects }),
                topic.entries ? t('topicSpace.entries', { count: topic.entries }) : null,
                topic.sessions ? t('topicSpace.sessions', { count: topic.sessions }) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

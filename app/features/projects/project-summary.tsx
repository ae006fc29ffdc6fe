import { StatusBadge, TypeBadge } from '../../core/ui/badges';
import { NotPublished } from '../../core/ui/not-published';
import { OfficialName, officialNameText } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { AppLink } from '../../core/ui/app-link';
import { SuccessNotice } from '../../core/ui/notice';
import { RecordActions } from '../../core/ui/record-actions';
import { HTML_LANG } from '../../core/i18n/config';
import { useEnglishOnly, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { RecordFeedLinks } from '../feeds/feed-links';
import { SourceRef } from './project-source-ref';
import type { Project, ProjectPage } from './project-page';

// The top of a project's page: its names, where it comes from, what may be done with it, and
// what it is in a sentence.

/** The summary in the page's language: the hub's own translation (zh, de), or none. */
export function localSummaryOf(project: Project, lang: string) {
  return lang === 'zh' ? project.summaryZh : lang === 'de' ? project.summaryDe : null;
}

// An imported IATI activity is another publisher's record, never an IKI project.
export const isImportedProject = (project: Project) => project.origin === 'iati';

export function ProjectHeader({
  project,
  notice,
  canEditProject,
}: Pick<ProjectPage, 'project' | 'notice' | 'canEditProject'>) {
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const sourceIds = project.sources.map((s) => s.id);
  const names = { en: project.title, zh: project.titleZh, de: project.titleDe };
  const isImported = isImportedProject(project);
  const localTitleSource =
    lang === 'zh' && project.titleZh
      ? project.titleZhSourceId
      : lang === 'de' && project.titleDe
        ? project.titleDeSourceId
        : project.titleSourceId;
  return (
    <>
      <PageTitle
        title={officialNameText(lang, names)}
        description={localSummaryOf(project, lang) ?? project.summary ?? undefined}
      />
      <p className="breadcrumb">
        <AppLink to={to(isImported ? '/projects?origin=iati' : '/projects')}>
          {t('project.breadcrumb')}
        </AppLink>{' '}
        /
      </p>
      <h1>
        <OfficialName {...names} />
        <SourceRef id={localTitleSource} sourceIds={sourceIds} />
      </h1>
      {isImported ? (
        <p className="notice" data-origin="iati">
          <strong>
            {t('importPage.importedLabel', {
              publisher: project.publisherName ?? project.publisherRef ?? '—',
            })}
          </strong>
          {project.iatiIdentifier ? (
            <>
              {' '}
              <span className="muted">
                {t('importPage.importedIdentifier', { identifier: project.iatiIdentifier })}
              </span>
            </>
          ) : null}
        </p>
      ) : null}
      {notice ? (
        <SuccessNotice>
          {notice.kind === 'saved'
            ? t('edit.saved_notice')
            : t('deleteRecord.deleted', { name: notice.name })}
        </SuccessNotice>
      ) : null}
      <RecordActions
        path={`/projects/${project.slug}`}
        canEdit={canEditProject}
        pages={{ edit: t('edit.edit'), links: t('projectForm.links') }}
      />
      <RecordFeedLinks scope="projects" slug={project.slug} name={officialNameText(lang, names)} />
    </>
  );
}

/** Its titles in the other languages, its status and type, and its summary. */
export function ProjectSummary({ project, status }: Pick<ProjectPage, 'project' | 'status'>) {
  const { t } = useTranslation();
  const lang = useLang();
  const englishOnly = useEnglishOnly();
  const sourceIds = project.sources.map((s) => s.id);
  const localSummary = localSummaryOf(project, lang);
  const otherTitles = [
    {
      key: 'en',
      label: t('project.titleEn'),
      text: project.title,
      sourceId: project.titleSourceId,
    },
    {
      key: 'zh',
      label: t('project.titleZh'),
      text: project.titleZh,
      sourceId: project.titleZhSourceId,
    },
    {
      key: 'de',
      label: t('project.titleDe'),
      text: project.titleDe,
      sourceId: project.titleDeSourceId,
    },
  ] as const;
  return (
    <>
      <dl className="titles">
        {otherTitles
          .filter((title) => title.key !== lang)
          .map((title) => (
            <div key={title.key}>
              <dt>{title.label}</dt>
              <dd>
                {title.text ? (
                  <>
                    <span lang={HTML_LANG[title.key]}>{title.text}</span>
                    <SourceRef id={title.sourceId} sourceIds={sourceIds} />
                  </>
                ) : (
                  <NotPublished />
                )}
                {title.key === 'zh' && project.titleZhNote ? (
                  <span className="muted" lang={englishOnly}>
                    {' '}
                    — {project.titleZhNote}
                  </span>
                ) : null}
              </dd>
            </div>
          ))}
      </dl>
      <p className="badges">
        <StatusBadge status={status.status} />
        <TypeBadge type={project.type} />
      </p>
      {localSummary ? (
        <div className="lead">
          <p lang={HTML_LANG[lang]}>{localSummary}</p>
          {isImportedProject(project) ? null : (
            <p className="translation-note">{t('common.hubTranslation')}</p>
          )}
        </div>
      ) : project.summary ? (
        <p className="lead" lang={englishOnly}>
          {project.summary}
        </p>
      ) : null}
    </>
  );
}

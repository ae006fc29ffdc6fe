import { StatusBadge, TypeBadge } from '../../core/ui/badges';
import { NotPublished } from '../../core/ui/not-published';
import { AppLink } from '../../core/ui/app-link';
import {
  useEnglishOnly,
  useFormat,
  useLang,
  useLocalizePath,
  useTranslation,
} from '../../core/i18n/hooks';
import type { DatePrecision } from '../../../db/vocabulary';
import { isImportedProject } from './project-summary';
import type { Project, ProjectPage } from './project-page';

// The facts of a project, each as published: a value the sources do not give is said to be
// unpublished, never guessed.

const FUNDING_AREA_KEYS = [
  'mitigation',
  'adaptation',
  'biodiversity',
  'natural-carbon-sinks',
] as const;
type FundingAreaKey = (typeof FUNDING_AREA_KEYS)[number];
const isFundingAreaKey = (slug: string): slug is FundingAreaKey =>
  (FUNDING_AREA_KEYS as readonly string[]).includes(slug);

export function ProjectFacts({ project, status }: Pick<ProjectPage, 'project' | 'status'>) {
  const { t } = useTranslation();
  const format = useFormat();
  const englishOnly = useEnglishOnly();
  const numbers = [
    project.ikiProjectNumber ? `IKI ${project.ikiProjectNumber}` : null,
    ...Object.entries(project.otherProjectNumbers ?? {}).map(([k, v]) => `${k.toUpperCase()} ${v}`),
  ].filter(Boolean);
  return (
    <section aria-labelledby="facts">
      <h2 id="facts">{t('project.facts')}</h2>
      <dl className="facts">
        <dt>{t('project.shortName')}</dt>
        <dd lang={project.shortName ? englishOnly : undefined}>
          {project.shortName ?? <NotPublished />}
        </dd>
        <dt>{t('project.numbers')}</dt>
        <dd>
          {numbers.length ? numbers.join(' · ') : <NotPublished what={t('project.ikiNumber')} />}
        </dd>
        <dt>{t('project.type')}</dt>
        <dd>{project.type === 'unknown' ? <NotPublished /> : <TypeBadge type={project.type} />}</dd>
        <dt>{t('project.status')}</dt>
        <dd>
          <StatusFact status={status} />
        </dd>
        <dt>{t('project.start')}</dt>
        <dd>
          <PreciseDate date={project.startDate} precision={project.startPrecision} />
        </dd>
        <dt>{t('project.end')}</dt>
        <dd>
          <PreciseDate date={project.endDate} precision={project.endPrecision} />
        </dd>
        {project.durationNotes ? (
          <>
            <dt>{t('project.datesNote')}</dt>
            <dd lang={englishOnly}>{project.durationNotes}</dd>
          </>
        ) : null}
        <dt>{isImportedProject(project) ? t('importPage.budget') : t('project.funding')}</dt>
        <dd>
          <FundingFact project={project} />
        </dd>
        <dt>{t('project.programme')}</dt>
        <dd>
          {project.programme}
          {project.programmeNote ? (
            <span className="muted" lang={englishOnly}>
              {' '}
              — {project.programmeNote}
            </span>
          ) : null}
        </dd>
        <dt>{t('project.countries')}</dt>
        <dd>
          {project.countries.length === 0 ? (
            <NotPublished />
          ) : (
            project.countries.map((c, i) => (
              <span key={c.code}>
                {i > 0 ? ', ' : ''}
                {format.country(c.code)}
                {c.note ? (
                  <span className="muted" lang={englishOnly}>
                    {' '}
                    ({c.note})
                  </span>
                ) : null}
              </span>
            ))
          )}
        </dd>
        <dt>{t('project.scope')}</dt>
        <dd lang={project.scope ? englishOnly : undefined}>{project.scope ?? <NotPublished />}</dd>
        <dt>{t('project.fundingAreas')}</dt>
        <dd>
          <FundingAreasFact fundingAreas={project.fundingAreas} />
        </dd>
        <dt>{t('project.topics')}</dt>
        <dd>
          <TopicsFact topics={project.topics} />
        </dd>
        <dt>{t('project.keywords')}</dt>
        <dd>
          <KeywordsFact keywords={project.keywords} />
        </dd>
      </dl>
    </section>
  );
}

/** The status, and what it rests on: the source's words, the dates, or nothing. */
function StatusFact({ status }: Pick<ProjectPage, 'status'>) {
  const { t } = useTranslation();
  const englishOnly = useEnglishOnly();
  return (
    <>
      <StatusBadge status={status.status} />{' '}
      <span className="muted">
        (
        {status.basis === 'stated' ? (
          <>
            {t('status.basisStated')} <q lang={englishOnly}>{status.words}</q>
          </>
        ) : status.basis === 'derived' ? (
          t('status.basisDerived')
        ) : (
          t('status.basisNoDates')
        )}
        )
      </span>
    </>
  );
}

/** A start or end date, said as precisely as it is published. */
function PreciseDate({
  date,
  precision,
}: {
  date: string | null;
  precision: DatePrecision | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {format.date(date, precision) ?? <NotPublished />}
      {precision ? (
        <span className="muted">
          {' '}
          ({t('project.precision', { precision: t(`precision.${precision}`) })})
        </span>
      ) : null}
    </>
  );
}

function FundingFact({ project }: { project: Project }) {
  const { t } = useTranslation();
  const format = useFormat();
  const englishOnly = useEnglishOnly();
  return (
    <>
      {project.ikiFundingEur === null ? (
        <NotPublished />
      ) : (
        <>
          {format.eur(project.ikiFundingEur)}
          {project.type === 'regional' ? (
            <span className="muted"> ({t('project.regionalTotal')})</span>
          ) : null}
        </>
      )}
      {project.fundingNotes ? (
        <p className="muted" lang={englishOnly}>
          {project.fundingNotes}
        </p>
      ) : null}
    </>
  );
}

function FundingAreasFact({ fundingAreas }: Pick<Project, 'fundingAreas'>) {
  const { t } = useTranslation();
  if (fundingAreas.length === 0) return <NotPublished />;
  return (
    <>
      {fundingAreas
        .map((a) => (isFundingAreaKey(a.slug) ? t(`fundingArea.${a.slug}`) : a.name))
        .join(', ')}
      {fundingAreas.some((a) => a.isInferred) ? (
        <span className="muted"> ({t('project.fundingAreasInferred')})</span>
      ) : null}
    </>
  );
}

/** The hub's topic tags, each leading to the projects it tags, with why it was given. */
function TopicsFact({ topics }: Pick<Project, 'topics'>) {
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const englishOnly = useEnglishOnly();
  if (topics.length === 0) return <NotPublished />;
  return (
    <>
      <ul className="plain-list">
        {topics.map((topic) => (
          <li key={topic.slug}>
            <AppLink to={to(`/projects?topic=${topic.slug}`)}>
              {(lang === 'zh' ? topic.nameZh : lang === 'de' ? topic.nameDe : null) ?? topic.name}
            </AppLink>
            {topic.reason ? (
              <span className="muted" lang={englishOnly}>
                {' '}
                — {topic.reason}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="muted">{t('project.topicsEditorial')}</p>
    </>
  );
}

function KeywordsFact({ keywords }: Pick<Project, 'keywords'>) {
  const englishOnly = useEnglishOnly();
  if (keywords.length === 0) return <NotPublished />;
  return (
    <ul className="inline-list" lang={englishOnly}>
      {keywords.map((keyword) => (
        <li key={keyword}>{keyword}</li>
      ))}
    </ul>
  );
}

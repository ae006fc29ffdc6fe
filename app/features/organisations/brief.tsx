import { data } from 'react-router';

import { countReviewGroups, listReviewGroup } from '../milestones/milestone-review.server';
import {
  getOrganisation,
  listImplementerLabels,
  listOrganisationProjects,
} from './organisations.server';
import { projectFilterSql } from '../../core/filter/project-filter.server';
import { ReviewGroups } from '../milestones/milestone-review';
import { OfficialName, officialNameText } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { today } from '../../core/clock';
import { resolveStatus } from '../../../db/dates';
import { EMPTY_FILTER } from '../../core/filter/filter';
import { DUE_SOON_DAYS, REVIEW_GROUPS, overdueDays, slippageDays } from '../milestones/progress';
import { REVIEW_SECTION_LIMIT } from '../milestones/review-params';
import { MINISTRY_KINDS } from '../../../db/vocabulary';
import type { Route } from './+types/brief';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';
import { ProjectLink } from '../../core/ui/project-link';
import { DataTable } from '../../core/ui/data-table';

/**
 * A printable brief of one ministry's portfolio for the progress meeting: its projects and the
 * review's milestone groups, drawn by the review's own component (one mechanism, not two).
 */
export const handle = SERVER_ONLY_PAGE;

export function loader({ params }: Route.LoaderArgs) {
  const org = getOrganisation(params.slug);
  if (!org || !(MINISTRY_KINDS as readonly string[]).includes(org.kind)) {
    throw data(null, { status: 404 });
  }
  const now = today();
  const where = projectFilterSql({ ...EMPTY_FILTER, ministry: [org.slug] }, now);
  const options = { today: now, where, days: DUE_SOON_DAYS, limit: REVIEW_SECTION_LIMIT };
  const implementers = listImplementerLabels();
  const seen = new Set<number>();
  const projects = listOrganisationProjects(org.lineIds).flatMap((p) => {
    if (seen.has(p.projectId)) return [];
    seen.add(p.projectId);
    return [
      {
        slug: p.slug,
        title: p.title,
        titleZh: p.titleZh,
        titleDe: p.titleDe,
        type: p.type,
        period: {
          start: { value: p.startDate, precision: p.startPrecision },
          end: { value: p.endDate, precision: p.endPrecision },
        },
        status: resolveStatus(p, now).status,
        ikiFundingEur: p.ikiFundingEur,
        implementers: implementers.get(p.projectId) ?? null,
      },
    ];
  });
  return {
    today: now,
    organisation: {
      slug: org.slug,
      name: org.name,
      acronym: org.acronym,
      nameZh: org.nameZh,
      nameDe: org.nameDe,
    },
    projects,
    counts: countReviewGroups(options),
    groups: REVIEW_GROUPS.map((group) => ({
      group,
      rows: listReviewGroup(group, options).map((m) => ({
        ...m,
        overdueDays: overdueDays(m, now),
        slippageDays: slippageDays(m),
      })),
    })),
  };
}

export default function MinistryBrief({ loaderData }: Route.ComponentProps) {
  const { organisation: o, projects, counts, groups, today: now } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const format = useFormat();
  const name = o.acronym ?? officialNameText(lang, { en: o.name, zh: o.nameZh, de: o.nameDe });
  return (
    <article className="brief">
      <PageTitle title={t('brief.title', { name })} />
      <p className="muted brief__back">
        <AppLink to={to(`/organisations/${o.slug}`)}>
          <OfficialName en={o.name} zh={o.nameZh} de={o.nameDe} />
        </AppLink>
      </p>
      <h1>{t('brief.title', { name })}</h1>
      <p className="lead">{t('brief.lead', { name, date: format.date(now, 'day') })}</p>
      <p className="muted">{t('milestone.rules')}</p>
      <section aria-labelledby="brief-projects">
        <h2 id="brief-projects">{t('brief.projects', { count: projects.length })}</h2>
        <DataTable
          labelledBy="brief-projects"
          columns={[
            t('review.project'),
            t('brief.period'),
            t('brief.status'),
            t('brief.funding'),
            t('brief.implementers'),
          ]}
        >
          {projects.map((p) => (
            <tr key={p.slug} data-project={p.slug}>
              <th scope="row">
                <ProjectLink project={p} />
              </th>
              <td>{format.period(p.period.start, p.period.end)}</td>
              <td>{t(`status.${p.status}`)}</td>
              <td>
                {p.ikiFundingEur !== null ? format.eur(p.ikiFundingEur) : t('common.notPublished')}
                {p.type === 'regional' && p.ikiFundingEur !== null
                  ? ` (${t('dashboard.kpi.regionalNote')})`
                  : ''}
              </td>
              <td>{p.implementers ?? t('common.notPublished')}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section aria-labelledby="brief-review" className="review-section">
        <h2 id="brief-review">{t('brief.review')}</h2>
        <ReviewGroups groups={groups} counts={counts} idPrefix="brief-" headingLevel={3} />
      </section>
    </article>
  );
}

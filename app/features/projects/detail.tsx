import { data } from 'react-router';

import { listEventsForProject } from '../events/events.server';
import {
  listMilestonesForProject,
  listProgressUpdatesForProject,
} from '../milestones/milestones.server';
import { listOrganisationsForProjects } from '../organisations/organisations.server';
import { getProject } from './projects.server';
import { listProjectOrganisationRoles } from '../../core/auth/users.server';
import { userContext } from '../../core/http/session.server';
import { canEditMilestones } from '../../core/auth/auth';
import { StatusBadge, TypeBadge } from '../../core/ui/badges';
import { EventDate } from '../events/event-date';
import { NotPublished } from '../../core/ui/not-published';
import { OfficialName, officialNameText } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { LocatorMap } from '../map/locator-map';
import { HTML_LANG } from '../../core/i18n/config';
import {
  useEnglishOnly,
  useFormat,
  useLang,
  useLocalizePath,
  useTranslation,
} from '../../core/i18n/hooks';
import { today } from '../../core/clock';
import { locatorView } from '../map/locator.server';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { resolveStatus, toPartialDate } from '../../../db/dates';
import {
  type TimelineEventInput,
  type TimelineMilestoneInput,
  type TimelineRowInput,
  buildTimelineRow,
  markerDate,
  position,
  projectWindow,
} from '../timeline/timeline';
import { TimelineChart, TimelineLegend, TimelineRows } from '../timeline/timeline-chart';
import {
  isDueWithin,
  overdueDays,
  projectCompletion,
  projectHealth,
  slippageDays,
} from '../milestones/progress';
import { isAllowed } from '../../core/auth/permissions';
import { PROJECT_ROLES } from '../../../db/vocabulary';
import type { Route } from './+types/detail';
import { AppLink } from '../../core/ui/app-link';

export function loader({ params, request, context }: Route.LoaderArgs) {
  const project = getProject(params.slug);
  if (!project) throw data(null, { status: 404 });
  const canEdit = canEditMilestones(
    context.get(userContext),
    listProjectOrganisationRoles(project.id),
  );
  const organisations = listOrganisationsForProjects([project.id]);
  const now = today();
  const milestones = listMilestonesForProject(project.id);
  const updates = listProgressUpdatesForProject(project.id);
  const projectEvents = listEventsForProject(project.id);
  return {
    project,
    status: resolveStatus(project, now),
    organisationsByRole: PROJECT_ROLES.map((role) => ({
      role,
      organisations: organisations.filter((o) => o.role === role),
    })),
    events: projectEvents,
    milestones: milestones.map((m) => ({
      ...m,
      overdueDays: overdueDays(m, now),
      isDueSoon: isDueWithin(m, now),
      slippageDays: slippageDays(m),
      history: updates.filter((u) => u.milestoneId === m.id),
    })),
    completion: projectCompletion(milestones),
    health: projectHealth(milestones, now),
    timeline: projectTimeline(project, milestones, projectEvents, now),
    saved: savedNotice(new URL(request.url).searchParams, milestones),
    notice: projectNotice(new URL(request.url).searchParams),
    canEdit,
    canEditProject: isAllowed('editors', context.get(userContext)),
    locator: locatorView(
      project.locations.flatMap((l) =>
        l.kind === 'place' && l.lat !== null && l.lon !== null
          ? [{ lat: l.lat, lon: l.lon, nameEn: l.placeNameEn ?? '', nameZh: l.placeNameZh }]
          : [],
      ),
      project.locations.flatMap((l) =>
        l.kind === 'province' && l.provinceCode ? [l.provinceCode] : [],
      ),
    ),
  };
}

/** After editing the project or deleting one of its records (never echoes raw input as HTML). */
function projectNotice(search: URLSearchParams) {
  if (search.has('saved')) return { kind: 'saved' as const, name: '' };
  const deleted = search.get('deleted');
  if (deleted) return { kind: 'deleted' as const, name: deleted.slice(0, 200) };
  return null;
}

/** The project's own small timeline: its period, its milestones and its events. */
function projectTimeline(
  project: TimelineRowInput,
  milestones: TimelineMilestoneInput[],
  events: TimelineEventInput[],
  now: string,
) {
  const window = projectWindow(
    project,
    [
      ...milestones.map(markerDate),
      ...events.map((e) => toPartialDate(e.startDate, e.startPrecision)),
    ],
    now,
  );
  const at = position(now, window);
  return {
    window,
    today: now,
    todayPosition: at >= 0 && at < 1 ? at : null,
    row: buildTimelineRow(
      `timeline-${project.slug}`,
      project,
      milestones,
      events,
      window,
      now,
      null,
    ),
  };
}

/** After a form: which milestone was just added or updated (only ids this project has). */
function savedNotice(search: URLSearchParams, milestones: { id: number }[]) {
  for (const kind of ['added', 'updated'] as const) {
    const id = Number(search.get(kind));
    if (milestones.some((m) => m.id === id)) return { kind, id };
  }
  return null;
}

const FUNDING_AREA_KEYS = [
  'mitigation',
  'adaptation',
  'biodiversity',
  'natural-carbon-sinks',
] as const;
type FundingAreaKey = (typeof FUNDING_AREA_KEYS)[number];
const isFundingAreaKey = (slug: string): slug is FundingAreaKey =>
  (FUNDING_AREA_KEYS as readonly string[]).includes(slug);

function SourceRef({ id, sourceIds }: { id: number | null; sourceIds: number[] }) {
  const { t } = useTranslation();
  const n = id === null ? -1 : sourceIds.indexOf(id);
  if (n < 0) return null;
  return (
    <sup>
      <a href={`#source-${id}`} aria-label={t('project.sourceNumber', { n: n + 1 })}>
        [{n + 1}]
      </a>
    </sup>
  );
}

// Plain HTML: its locator map is server-drawn SVG (components/locator-map.tsx).
export const handle = SERVER_ONLY_PAGE;

export default function ProjectDetail({ loaderData }: Route.ComponentProps) {
  const {
    project,
    status,
    organisationsByRole,
    events,
    milestones,
    completion,
    health,
    saved,
    timeline,
    canEdit,
    canEditProject,
    notice,
  } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const format = useFormat();
  const englishOnly = useEnglishOnly();
  const sourceIds = project.sources.map((s) => s.id);
  const nationWide = project.locations.filter((l) => l.kind === 'country');
  const provinces = project.locations.filter((l) => l.kind === 'province');
  const places = project.locations.filter((l) => l.kind === 'place');
  const names = { en: project.title, zh: project.titleZh, de: project.titleDe };
  const localSummary = lang === 'zh' ? project.summaryZh : lang === 'de' ? project.summaryDe : null;
  // An imported IATI activity is another publisher's record, never an IKI project.
  const isImported = project.origin === 'iati';
  const provinceName = (l: { provinceNameEn: string | null; provinceNameZh: string | null }) =>
    lang === 'zh' ? l.provinceNameZh : l.provinceNameEn;
  const placeName = (p: { nameEn: string; nameZh: string | null }) =>
    (lang === 'zh' ? p.nameZh : null) ?? p.nameEn;
  const numbers = [
    project.ikiProjectNumber ? `IKI ${project.ikiProjectNumber}` : null,
    ...Object.entries(project.otherProjectNumbers ?? {}).map(([k, v]) => `${k.toUpperCase()} ${v}`),
  ].filter(Boolean);
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
  const localTitleSource =
    lang === 'zh' && project.titleZh
      ? project.titleZhSourceId
      : lang === 'de' && project.titleDe
        ? project.titleDeSourceId
        : project.titleSourceId;

  return (
    <article className="factsheet">
      <PageTitle
        title={officialNameText(lang, names)}
        description={localSummary ?? project.summary ?? undefined}
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
        <p className="notice notice--success" role="status">
          {notice.kind === 'saved'
            ? t('edit.saved_notice')
            : t('deleteRecord.deleted', { name: notice.name })}
        </p>
      ) : null}
      <ul className="record-actions" aria-label={t('edit.actions')}>
        {canEditProject ? (
          <>
            <li>
              <AppLink to={to(`/projects/${project.slug}/edit`)}>{t('edit.edit')}</AppLink>
            </li>
            <li>
              <AppLink to={to(`/projects/${project.slug}/links`)}>{t('projectForm.links')}</AppLink>
            </li>
          </>
        ) : null}
        <li>
          <AppLink to={to(`/projects/${project.slug}/history`)}>{t('edit.history')}</AppLink>
        </li>
        {canEditProject ? (
          <li>
            <AppLink to={to(`/projects/${project.slug}/delete`)}>{t('edit.delete')}</AppLink>
          </li>
        ) : null}
      </ul>
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
          {isImported ? null : <p className="translation-note">{t('common.hubTranslation')}</p>}
        </div>
      ) : project.summary ? (
        <p className="lead" lang={englishOnly}>
          {project.summary}
        </p>
      ) : null}

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
          <dd>
            {project.type === 'unknown' ? <NotPublished /> : <TypeBadge type={project.type} />}
          </dd>
          <dt>{t('project.status')}</dt>
          <dd>
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
          </dd>
          <dt>{t('project.start')}</dt>
          <dd>
            {format.date(project.startDate, project.startPrecision) ?? <NotPublished />}
            {project.startPrecision ? (
              <span className="muted">
                {' '}
                ({t('project.precision', { precision: t(`precision.${project.startPrecision}`) })})
              </span>
            ) : null}
          </dd>
          <dt>{t('project.end')}</dt>
          <dd>
            {format.date(project.endDate, project.endPrecision) ?? <NotPublished />}
            {project.endPrecision ? (
              <span className="muted">
                {' '}
                ({t('project.precision', { precision: t(`precision.${project.endPrecision}`) })})
              </span>
            ) : null}
          </dd>
          {project.durationNotes ? (
            <>
              <dt>{t('project.datesNote')}</dt>
              <dd lang={englishOnly}>{project.durationNotes}</dd>
            </>
          ) : null}
          <dt>{isImported ? t('importPage.budget') : t('project.funding')}</dt>
          <dd>
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
          <dd lang={project.scope ? englishOnly : undefined}>
            {project.scope ?? <NotPublished />}
          </dd>
          <dt>{t('project.fundingAreas')}</dt>
          <dd>
            {project.fundingAreas.length === 0 ? (
              <NotPublished />
            ) : (
              <>
                {project.fundingAreas
                  .map((a) => (isFundingAreaKey(a.slug) ? t(`fundingArea.${a.slug}`) : a.name))
                  .join(', ')}
                {project.fundingAreas.some((a) => a.isInferred) ? (
                  <span className="muted"> ({t('project.fundingAreasInferred')})</span>
                ) : null}
              </>
            )}
          </dd>
          <dt>{t('project.topics')}</dt>
          <dd>
            {project.topics.length === 0 ? (
              <NotPublished />
            ) : (
              <>
                <ul className="plain-list">
                  {project.topics.map((topic) => (
                    <li key={topic.slug}>
                      <AppLink to={to(`/projects?topic=${topic.slug}`)}>
                        {(lang === 'zh' ? topic.nameZh : lang === 'de' ? topic.nameDe : null) ??
                          topic.name}
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
            )}
          </dd>
          <dt>{t('project.keywords')}</dt>
          <dd>
            {project.keywords.length === 0 ? (
              <NotPublished />
            ) : (
              <ul className="inline-list" lang={englishOnly}>
                {project.keywords.map((keyword) => (
                  <li key={keyword}>{keyword}</li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="organisations">
        <h2 id="organisations">{t('project.organisations')}</h2>
        <dl className="facts">
          {organisationsByRole.map(({ role, organisations }) =>
            role === 'mentioned' && organisations.length === 0 ? null : (
              <div key={role} className="facts__group">
                <dt>{t(`role.${role}`)}</dt>
                <dd>
                  {organisations.length === 0 ? (
                    <NotPublished />
                  ) : (
                    <ul className="plain-list">
                      {organisations.map((o) => (
                        <li key={o.slug}>
                          <OfficialName en={o.name} zh={o.nameZh} de={o.nameDe} />
                          {o.acronym ? ` (${o.acronym})` : ''}
                          {o.countryCode ? (
                            <span className="muted"> · {format.country(o.countryCode)}</span>
                          ) : o.isInternational ? (
                            <span className="muted"> · {t('common.international')}</span>
                          ) : null}
                          {o.asStatedBy ? (
                            <span className="muted">
                              {' · '}
                              {t('project.asStatedBy')}{' '}
                              <span lang={englishOnly}>{o.asStatedBy}</span>
                            </span>
                          ) : null}
                          {o.nameAsWritten && !o.nameAsWritten.startsWith(o.name) ? (
                            <span className="muted">
                              {' · '}
                              {t('project.writtenAs')} <q lang="en">{o.nameAsWritten}</q>
                            </span>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
              </div>
            ),
          )}
        </dl>
      </section>

      <section aria-labelledby="locations">
        <h2 id="locations">{t('project.locations')}</h2>
        {loaderData.locator ? (
          <LocatorMap
            label={t('project.locatorLabel', {
              places:
                loaderData.locator.points.map((p) => placeName(p)).join(', ') ||
                provinces.map((l) => provinceName(l)).join(', '),
            })}
            view={{
              ...loaderData.locator,
              points: loaderData.locator.points.map((p) => ({ ...p, name: placeName(p) })),
            }}
          />
        ) : null}
        {project.locations.length === 0 ? (
          <p>
            <NotPublished what={t('project.locations')} />
          </p>
        ) : (
          <ul className="plain-list">
            {nationWide.map((l) => (
              <li key={`c-${l.countryCode}`}>
                {t('project.nationWide')}: {format.country(l.countryCode ?? 'CN')}
              </li>
            ))}
            {provinces.map((l) => (
              <li key={`p-${l.provinceCode}`}>
                {t('project.province')}: {provinceName(l)}
              </li>
            ))}
            {places.map((l) => (
              <li key={`pl-${l.placeSlug}`}>
                {t('project.place')}: {(lang === 'zh' ? l.placeNameZh : null) ?? l.placeNameEn}
                {provinceName(l) ? ` · ${provinceName(l)}` : ''}
                {l.placeCountryCode && l.placeCountryCode !== 'CN'
                  ? ` · ${format.country(l.placeCountryCode)}`
                  : ''}
                {l.lat === null || l.lon === null ? (
                  <span className="muted"> · {t('project.noCoordinates')}</span>
                ) : (
                  <span className="muted">
                    {' '}
                    · {l.lat.toFixed(2)}°, {l.lon.toFixed(2)}°
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        {project.locationNotes ? (
          <p className="muted" lang={englishOnly}>
            {project.locationNotes}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="phases">
        <h2 id="phases">{t('project.phases')}</h2>
        {project.predecessor || project.successor ? (
          <ul className="plain-list">
            {(['predecessor', 'successor'] as const).map((which) => {
              const phase = project[which];
              return phase ? (
                <li key={which}>
                  {t(`project.${which}`)}:{' '}
                  <AppLink to={to(`/projects/${phase.slug}`)}>
                    <OfficialName en={phase.title} zh={phase.titleZh} de={phase.titleDe} />
                  </AppLink>
                </li>
              ) : null;
            })}
          </ul>
        ) : (
          <p>{t('project.noPhases')}</p>
        )}
      </section>

      <section aria-labelledby="events">
        <h2 id="events">{t('project.events')}</h2>
        {events.length === 0 ? (
          <p>{t('project.noEvents')}</p>
        ) : (
          <ul className="event-list">
            {events.map((e) => (
              <li key={e.id} id={`event-${e.slug}`}>
                <EventDate event={e} />
                <AppLink
                  to={to(`/events/${e.slug}`)}
                  className="event-list__title"
                  lang={englishOnly}
                >
                  {e.title}
                </AppLink>
                <span className="muted" lang={englishOnly}>
                  {[e.type, e.city ?? provinceName(e)].filter(Boolean).join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="project-timeline">
        <h2 id="project-timeline">{t('timeline.projectTitle')}</h2>
        {timeline.row.bar || timeline.row.milestones.length || timeline.row.events.length ? (
          <TimelineChart
            window={timeline.window}
            today={timeline.today}
            todayPosition={timeline.todayPosition}
            label={t('timeline.projectTitle')}
            compact
          >
            <TimelineRows rows={[timeline.row]} showLabels={false} />
          </TimelineChart>
        ) : (
          <p>{t('timeline.undatedIntro')}</p>
        )}
        <details>
          <summary>{t('timeline.legend')}</summary>
          <TimelineLegend titled={false} />
        </details>
        <p>
          <AppLink to={to(`/timeline#timeline-${project.type}-${project.slug}`)}>
            {t('timeline.projectLink')}
          </AppLink>
        </p>
      </section>

      <section aria-labelledby="milestones">
        <h2 id="milestones">{t('project.milestones')}</h2>
        {saved ? (
          <p className="notice notice--success" role="status">
            {t(saved.kind === 'added' ? 'milestone.added' : 'milestone.updated')}
          </p>
        ) : null}
        {canEdit ? (
          <p>
            <AppLink to={to(`/projects/${project.slug}/milestones/new`)}>
              {t('milestone.add')}
            </AppLink>
          </p>
        ) : null}
        {milestones.length === 0 ? (
          <p>{t('project.noMilestones')}</p>
        ) : (
          <>
            <p className="progress-summary">
              {completion === null ? (
                t('milestone.completionUnknown')
              ) : (
                <>
                  <label htmlFor="project-completion">
                    {t('milestone.completion', { percent: completion })}
                  </label>{' '}
                  <progress id="project-completion" max={100} value={completion}>
                    {completion} %
                  </progress>
                </>
              )}{' '}
              <span className={`badge badge--health-${health}`}>
                {t(`milestone.health.${health}`)}
              </span>
            </p>
            <div className="table-scroll">
              <table className="data-table milestone-table">
                <caption className="visually-hidden">{t('project.milestones')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('milestone.title')}</th>
                    <th scope="col">{t('milestone.planned')}</th>
                    <th scope="col">{t('milestone.revised')}</th>
                    <th scope="col">{t('milestone.actual')}</th>
                    <th scope="col">{t('milestone.status')}</th>
                    <th scope="col">{t('milestone.slippage')}</th>
                  </tr>
                </thead>
                <tbody>
                  {milestones.map((m) => (
                    <tr key={m.id} id={`milestone-${m.id}`} data-status={m.status}>
                      <th scope="row">
                        {m.isDerived && (m.kind === 'start' || m.kind === 'closure') ? (
                          t(`milestone.kind.${m.kind}`)
                        ) : (
                          <>
                            <span className="muted">{t(`milestone.kind.${m.kind}`)}</span>
                            <br />
                            <span lang={lang === 'zh' && m.titleZh ? 'zh-Hans' : englishOnly}>
                              {(lang === 'zh' ? m.titleZh : null) ?? m.title}
                            </span>
                          </>
                        )}
                        {m.isDerived ? (
                          <span className="muted"> · {t('milestone.derived')}</span>
                        ) : null}
                        {m.evidenceUrl ? (
                          <>
                            {' · '}
                            <a href={m.evidenceUrl} rel="noreferrer">
                              {t('milestone.evidence')}
                            </a>
                          </>
                        ) : null}
                        {m.note ? (
                          <span className="muted milestone-note" lang={englishOnly}>
                            {m.note}
                          </span>
                        ) : null}
                        {m.history.length > 0 ? (
                          <details className="milestone-history">
                            <summary>{t('milestone.history', { count: m.history.length })}</summary>
                            <ol>
                              {m.history.map((u) => (
                                <li key={u.id}>
                                  {format.date(u.recordedAt.slice(0, 10), 'day')} · {u.recordedBy}:{' '}
                                  {u.fromStatus ? `${t(`milestoneStatus.${u.fromStatus}`)} → ` : ''}
                                  {t(`milestoneStatus.${u.toStatus}`)}, {u.toProgress} %
                                  {u.comment ? <q lang={englishOnly}>{u.comment}</q> : null}
                                  {canEdit ? (
                                    <>
                                      {' · '}
                                      <AppLink
                                        to={to(
                                          `/projects/${project.slug}/milestones/${m.id}/updates/${u.id}/edit`,
                                        )}
                                      >
                                        {t('edit.correct')}
                                      </AppLink>
                                    </>
                                  ) : null}
                                </li>
                              ))}
                            </ol>
                          </details>
                        ) : null}
                      </th>
                      <td>
                        {format.date(m.plannedDate, m.plannedPrecision) ?? t('common.notPublished')}
                      </td>
                      <td>{format.date(m.revisedDate, m.revisedPrecision) ?? '—'}</td>
                      <td>{format.date(m.actualDate, m.actualPrecision) ?? '—'}</td>
                      <td>
                        {t(`milestoneStatus.${m.status}`)}
                        {m.status === 'in-progress' || m.status === 'delayed'
                          ? ` · ${m.progress} %`
                          : ''}
                        {m.overdueDays > 0 ? (
                          <strong className="overdue">
                            {' '}
                            · {t('milestone.overdue', { count: m.overdueDays })}
                          </strong>
                        ) : m.isDueSoon ? (
                          <span> · {t('milestone.dueSoon')}</span>
                        ) : null}
                        {canEdit ? (
                          <>
                            <br />
                            <AppLink
                              to={to(`/projects/${project.slug}/milestones/${m.id}/update`)}
                              className="milestone-update-link"
                            >
                              {t('milestone.addUpdate')}
                              <span className="visually-hidden">
                                {' '}
                                (
                                {m.isDerived && (m.kind === 'start' || m.kind === 'closure')
                                  ? t(`milestone.kind.${m.kind}`)
                                  : m.title}
                                )
                              </span>
                            </AppLink>
                            {' · '}
                            <AppLink to={to(`/projects/${project.slug}/milestones/${m.id}/edit`)}>
                              {t('edit.edit')}
                              <span className="visually-hidden"> ({m.title})</span>
                            </AppLink>
                          </>
                        ) : null}
                      </td>
                      <td>
                        {m.slippageDays === null
                          ? '—'
                          : m.slippageDays > 0
                            ? t('milestone.late', { count: m.slippageDays })
                            : m.slippageDays < 0
                              ? t('milestone.early', { count: -m.slippageDays })
                              : t('milestone.onTime')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted">{t('milestone.rules')}</p>
          </>
        )}
      </section>

      {project.unverified.length > 0 ? (
        <section aria-labelledby="not-published">
          <h2 id="not-published">{t('project.uncertainTitle')}</h2>
          <p>{t('project.uncertainIntro')}</p>
          <ul lang={englishOnly}>
            {project.unverified.map((u) => (
              <li key={u}>{u}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="sources">
        <h2 id="sources">{t('project.sources')}</h2>
        <ol className="sources">
          {project.sources.map((s) => (
            <li key={s.id} id={`source-${s.id}`}>
              <a href={s.url} rel="noreferrer">
                {s.title}
              </a>
              {s.publisher ? <span className="muted"> · {s.publisher}</span> : null}
              <span className="muted">
                {' · '}
                {s.asOf
                  ? t('project.asOf', { date: format.date(s.asOf, s.asOfPrecision) })
                  : t('project.retrieved', { date: format.date(s.retrievedOn, 'day') })}
              </span>
              {s.note ? (
                <p className="muted" lang={englishOnly}>
                  {s.note}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
        {lang !== 'en' ? <p className="muted">{t('project.englishOnly')}</p> : null}
      </section>
    </article>
  );
}

import { Link, data } from 'react-router';

import { listEventsForProject } from '../../../db/queries/events.server';
import { listMilestonesForProject } from '../../../db/queries/milestones.server';
import { listOrganisationsForProjects } from '../../../db/queries/organisations.server';
import { getProject } from '../../../db/queries/projects.server';
import { StatusBadge, TypeBadge } from '../../components/badges';
import { EventDate } from '../../components/event-date';
import { NotPublished } from '../../components/not-published';
import { today } from '../../lib/clock';
import { resolveStatus } from '../../lib/dates';
import { countryName, formatEur, formatPartialDate } from '../../lib/format';
import { MILESTONE_STATUS_LABELS, PROJECT_ROLES, PROJECT_ROLE_LABELS } from '../../lib/vocabulary';
import type { Route } from './+types/detail';

export function loader({ params }: Route.LoaderArgs) {
  const project = getProject(params.slug);
  if (!project) throw data(null, { status: 404 });
  const organisations = listOrganisationsForProjects([project.id]);
  return {
    project,
    status: resolveStatus(project, today()),
    organisationsByRole: PROJECT_ROLES.map((role) => ({
      role,
      organisations: organisations.filter((o) => o.role === role),
    })),
    events: listEventsForProject(project.id),
    milestones: listMilestonesForProject(project.id),
  };
}

export function meta({ loaderData }: Route.MetaArgs): Route.MetaDescriptors {
  if (!loaderData) return [{ title: 'Project not found · IKI China portfolio hub' }];
  return [
    { title: `${loaderData.project.title} · IKI China portfolio hub` },
    { name: 'description', content: loaderData.project.summary ?? loaderData.project.title },
  ];
}

function SourceRef({ id, sourceIds }: { id: number | null; sourceIds: number[] }) {
  const n = id === null ? -1 : sourceIds.indexOf(id);
  if (n < 0) return null;
  return (
    <sup>
      <a href={`#source-${id}`} aria-label={`Source ${n + 1}`}>
        [{n + 1}]
      </a>
    </sup>
  );
}

export default function ProjectDetail({ loaderData }: Route.ComponentProps) {
  const { project, status, organisationsByRole, events, milestones } = loaderData;
  const sourceIds = project.sources.map((s) => s.id);
  const nationWide = project.locations.filter((l) => l.kind === 'country');
  const provinces = project.locations.filter((l) => l.kind === 'province');
  const places = project.locations.filter((l) => l.kind === 'place');
  const numbers = [
    project.ikiProjectNumber ? `IKI ${project.ikiProjectNumber}` : null,
    ...Object.entries(project.otherProjectNumbers ?? {}).map(([k, v]) => `${k.toUpperCase()} ${v}`),
  ].filter(Boolean);

  return (
    <article className="factsheet">
      <p className="breadcrumb">
        <Link to="/projects">Projects</Link> /
      </p>
      <h1>
        {project.title}
        <SourceRef id={project.titleSourceId} sourceIds={sourceIds} />
      </h1>
      <div className="titles">
        <p>
          <span className="label">中文</span>{' '}
          {project.titleZh ? (
            <>
              <span lang="zh-Hans">{project.titleZh}</span>
              <SourceRef id={project.titleZhSourceId} sourceIds={sourceIds} />
            </>
          ) : (
            <NotPublished what="Chinese title" />
          )}
          {project.titleZhNote ? <span className="muted"> — {project.titleZhNote}</span> : null}
        </p>
        <p>
          <span className="label">Deutsch</span>{' '}
          {project.titleDe ? (
            <>
              <span lang="de">{project.titleDe}</span>
              <SourceRef id={project.titleDeSourceId} sourceIds={sourceIds} />
            </>
          ) : (
            <NotPublished what="German title" />
          )}
        </p>
      </div>
      <p className="badges">
        <StatusBadge status={status.status} />
        <TypeBadge type={project.type} />
      </p>
      {project.summary ? <p className="lead">{project.summary}</p> : null}

      <section aria-labelledby="facts">
        <h2 id="facts">Facts</h2>
        <dl className="facts">
          <dt>Short name</dt>
          <dd>{project.shortName ?? <NotPublished />}</dd>
          <dt>Project numbers</dt>
          <dd>
            {numbers.length ? numbers.join(' · ') : <NotPublished what="IKI project number" />}
          </dd>
          <dt>Type</dt>
          <dd>
            {project.type === 'unknown' ? <NotPublished /> : <TypeBadge type={project.type} />}
          </dd>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={status.status} /> <span className="muted">({status.basis})</span>
          </dd>
          <dt>Start</dt>
          <dd>
            {formatPartialDate(project.startDate, project.startPrecision) ?? <NotPublished />}
            {project.startPrecision ? (
              <span className="muted"> (precision: {project.startPrecision})</span>
            ) : null}
          </dd>
          <dt>End</dt>
          <dd>
            {formatPartialDate(project.endDate, project.endPrecision) ?? <NotPublished />}
            {project.endPrecision ? (
              <span className="muted"> (precision: {project.endPrecision})</span>
            ) : null}
          </dd>
          {project.durationNotes ? (
            <>
              <dt>On the dates</dt>
              <dd>{project.durationNotes}</dd>
            </>
          ) : null}
          <dt>IKI funding</dt>
          <dd>
            {project.ikiFundingEur === null ? (
              <NotPublished />
            ) : (
              <>
                {formatEur(project.ikiFundingEur)}
                {project.type === 'regional' ? (
                  <span className="muted"> (total across all countries)</span>
                ) : null}
              </>
            )}
            {project.fundingNotes ? <p className="muted">{project.fundingNotes}</p> : null}
          </dd>
          <dt>Programme</dt>
          <dd>
            {project.programme}
            {project.programmeNote ? (
              <span className="muted"> — {project.programmeNote}</span>
            ) : null}
          </dd>
          <dt>Countries</dt>
          <dd>
            {project.countries.length === 0 ? (
              <NotPublished />
            ) : (
              project.countries
                .map((c) => `${countryName(c.code)}${c.note ? ` (${c.note})` : ''}`)
                .join(', ')
            )}
          </dd>
          <dt>Scope</dt>
          <dd>{project.scope ?? <NotPublished />}</dd>
          <dt>Funding areas</dt>
          <dd>
            {project.fundingAreas.length === 0 ? (
              <NotPublished />
            ) : (
              <>
                {project.fundingAreas.map((a) => a.name).join(', ')}
                {project.fundingAreas.some((a) => a.isInferred) ? (
                  <span className="muted">
                    {' '}
                    (our reading of the description, not an official IKI field)
                  </span>
                ) : null}
              </>
            )}
          </dd>
          <dt>Topics</dt>
          <dd>
            {project.topics.length === 0 ? (
              <NotPublished />
            ) : (
              <ul className="inline-list">
                {project.topics.map((t) => (
                  <li key={t.slug}>{t.name}</li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="organisations">
        <h2 id="organisations">Organisations</h2>
        <dl className="facts">
          {organisationsByRole.map(({ role, organisations }) =>
            role === 'mentioned' && organisations.length === 0 ? null : (
              <div key={role} className="facts__group">
                <dt>{PROJECT_ROLE_LABELS[role]}</dt>
                <dd>
                  {organisations.length === 0 ? (
                    <NotPublished />
                  ) : (
                    <ul className="plain-list">
                      {organisations.map((o) => (
                        <li key={o.slug}>
                          {o.name}
                          {o.acronym ? ` (${o.acronym})` : ''}
                          {o.nameZh ? (
                            <>
                              {' '}
                              <span lang="zh-Hans">{o.nameZh}</span>
                            </>
                          ) : null}
                          {o.countryCode ? (
                            <span className="muted"> · {countryName(o.countryCode)}</span>
                          ) : o.isInternational ? (
                            <span className="muted"> · international</span>
                          ) : null}
                          {o.asStatedBy ? (
                            <span className="muted"> · as stated by {o.asStatedBy}</span>
                          ) : null}
                          {o.nameAsWritten && !o.nameAsWritten.startsWith(o.name) ? (
                            <span className="muted"> · written “{o.nameAsWritten}”</span>
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
        <h2 id="locations">Locations</h2>
        {project.locations.length === 0 ? (
          <p>
            <NotPublished what="Locations" />
          </p>
        ) : (
          <ul className="plain-list">
            {nationWide.map((l) => (
              <li key={`c-${l.countryCode}`}>Nation-wide: {countryName(l.countryCode ?? 'CN')}</li>
            ))}
            {provinces.map((l) => (
              <li key={`p-${l.provinceCode}`}>
                Province: {l.provinceNameEn} <span lang="zh-Hans">{l.provinceNameZh}</span>
              </li>
            ))}
            {places.map((l) => (
              <li key={`pl-${l.placeSlug}`}>
                Place: {l.placeNameEn}
                {l.placeNameZh ? (
                  <>
                    {' '}
                    <span lang="zh-Hans">{l.placeNameZh}</span>
                  </>
                ) : null}
                {l.provinceNameEn ? ` · ${l.provinceNameEn}` : ''}
                {l.placeCountryCode && l.placeCountryCode !== 'CN'
                  ? ` · ${countryName(l.placeCountryCode)}`
                  : ''}
                {l.lat === null || l.lon === null ? (
                  <span className="muted"> · coordinates not published</span>
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
        {project.locationNotes ? <p className="muted">{project.locationNotes}</p> : null}
      </section>

      <section aria-labelledby="phases">
        <h2 id="phases">Phases</h2>
        {project.predecessor || project.successor ? (
          <ul className="plain-list">
            {project.predecessor ? (
              <li>
                Predecessor:{' '}
                <Link to={`/projects/${project.predecessor.slug}`}>
                  {project.predecessor.title}
                </Link>
              </li>
            ) : null}
            {project.successor ? (
              <li>
                Successor:{' '}
                <Link to={`/projects/${project.successor.slug}`}>{project.successor.title}</Link>
              </li>
            ) : null}
          </ul>
        ) : (
          <p>No predecessor or successor phase is published.</p>
        )}
      </section>

      <section aria-labelledby="events">
        <h2 id="events">Events</h2>
        {events.length === 0 ? (
          <p>No events are recorded for this project.</p>
        ) : (
          <ul className="event-list">
            {events.map((e) => (
              <li key={e.id}>
                <EventDate event={e} />
                <span className="event-list__title">{e.title}</span>
                <span className="muted">
                  {[e.type, e.city ?? e.provinceNameEn].filter(Boolean).join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="milestones">
        <h2 id="milestones">Milestones</h2>
        {milestones.length === 0 ? (
          <p>No milestones are recorded for this project yet.</p>
        ) : (
          <ul className="plain-list">
            {milestones.map((m) => (
              <li key={m.id}>
                {m.title} — {MILESTONE_STATUS_LABELS[m.status]}
                {' · planned '}
                {formatPartialDate(m.plannedDate, m.plannedPrecision) ?? 'not published'}
                {m.actualDate
                  ? ` · actual ${formatPartialDate(m.actualDate, m.actualPrecision)}`
                  : ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      {project.unverified.length > 0 ? (
        <section aria-labelledby="not-published">
          <h2 id="not-published">Not published or uncertain</h2>
          <p>The sources we read do not state, or disagree on:</p>
          <ul>
            {project.unverified.map((u) => (
              <li key={u}>{u}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="sources">
        <h2 id="sources">Sources</h2>
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
                  ? `as of ${formatPartialDate(s.asOf, s.asOfPrecision)}`
                  : `retrieved ${formatPartialDate(s.retrievedOn, 'day')}`}
              </span>
              {s.note ? <p className="muted">{s.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

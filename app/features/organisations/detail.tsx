import { data } from 'react-router';

import { listEventsOfProjects } from '../events/events.server';
import {
  getOrganisation,
  listCollaborators,
  listFootprint,
  listOrganisationProjects,
} from './organisations.server';
import { EventsSection } from '../events/event-list';
import { NotPublished } from '../../core/ui/not-published';
import { OfficialName, officialNameText } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { RecordFeedLinks } from '../feeds/feed-links';
import { LocatorMap } from '../locator/locator-map';
import { locatorView } from '../locator/locator.server';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { userContext } from '../../core/http/session.server';
import {
  useEnglishOnly,
  useFormat,
  useLang,
  useLocalizePath,
  useTranslation,
} from '../../core/i18n/hooks';
import { today } from '../../core/clock';
import { resolveStatus } from '../../../db/dates';
import { isAllowed } from '../../core/auth/permissions';
import { MINISTRY_KINDS, PROJECT_ROLES } from '../../../db/vocabulary';
import type { Route } from './+types/detail';
import { AppLink } from '../../core/ui/app-link';
import { DataTable } from '../../core/ui/data-table';
import { SuccessNotice } from '../../core/ui/notice';
import { RecordActions } from '../../core/ui/record-actions';
import { listEntriesOf } from '../knowledge/entry-sections.server';
import { KnowledgeEntriesSection } from '../knowledge/entry-sections';
import { langFromPath } from '../../core/i18n/config';
import { ProjectList } from '../../core/ui/project-link';

export function loader({ params, request, context }: Route.LoaderArgs) {
  const org = getOrganisation(params.slug);
  if (!org) throw data(null, { status: 404 });
  const now = today();
  const { lineIds, ...organisation } = org;
  const links = listOrganisationProjects(lineIds);
  const projectIds = [...new Set(links.map((l) => l.projectId))];
  const projects = new Map(links.map((l) => [l.projectId, l]));
  const funding = (['bilateral', 'regional'] as const).map((type) => {
    const ofType = [...projects.values()].filter((p) => p.type === type);
    const known = ofType.filter((p) => p.ikiFundingEur !== null);
    return {
      type,
      projects: ofType.length,
      withFunding: known.length,
      knownEur: known.reduce((n, p) => n + p.ikiFundingEur!, 0),
    };
  });
  return {
    organisation,
    canEdit: isAllowed('editors', context.get(userContext)),
    isSaved: new URL(request.url).searchParams.has('saved'),
    isMinistry: (MINISTRY_KINDS as readonly string[]).includes(org.kind),
    projectCount: projectIds.length,
    byRole: PROJECT_ROLES.map((role) => {
      // One line per project and role, naming the predecessors it was linked under (BMU, BMUB).
      const rows = new Map<number, (typeof links)[number] & { via: string[] }>();
      for (const l of links.filter((x) => x.role === role)) {
        const row = rows.get(l.projectId) ?? { ...l, via: [] };
        if (l.viaSlug !== org.slug) row.via.push(l.viaAcronym ?? l.viaName);
        rows.set(l.projectId, row);
      }
      return {
        role,
        projects: [...rows.values()].map((l) => ({
          ...l,
          status: resolveStatus(l, now).status,
          via: l.via.length ? l.via.join(', ') : null,
        })),
      };
    }).filter((r) => r.projects.length > 0),
    funding,
    events: listEventsOfProjects(projectIds),
    locator: locatorOf(listFootprint(projectIds)),
    collaborators: listCollaborators(projectIds, lineIds),
    knowledgeEntries: listEntriesOf(
      { kind: 'organisation', id: org.id },
      langFromPath(new URL(request.url).pathname),
    ),
  };
}

function locatorOf(footprint: ReturnType<typeof listFootprint>) {
  return locatorView(footprint.places, footprint.provinceCodes);
}

// Plain HTML: its locator map is server-drawn SVG (app/features/locator/locator-map.tsx).
export const handle = SERVER_ONLY_PAGE;

export default function OrganisationPage({ loaderData }: Route.ComponentProps) {
  const { organisation: o, canEdit, isSaved, isMinistry, events, locator } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const name = officialNameText(lang, { en: o.name, zh: o.nameZh, de: o.nameDe });
  return (
    <article>
      <PageTitle title={o.acronym ? `${o.acronym} — ${name}` : name} />
      <p className="muted">
        <AppLink to={to('/organisations')}>{t('organisations.title')}</AppLink> ·{' '}
        {t(`organisations.kind.${o.kind}`)}
      </p>
      <h1>
        {o.acronym ? `${o.acronym} — ` : null}
        <OfficialName en={o.name} zh={o.nameZh} de={o.nameDe} />
      </h1>
      {isSaved ? <SuccessNotice>{t('edit.saved_notice')}</SuccessNotice> : null}
      <RecordActions path={`/organisations/${o.slug}`} canEdit={canEdit} />
      <RecordFeedLinks scope="organisations" slug={o.slug} name={o.acronym ?? name} />
      <OrganisationFacts organisation={o} />
      {isMinistry ? (
        <p>
          <AppLink to={to(`/organisations/${o.slug}/brief`)}>{t('organisations.brief')}</AppLink>
        </p>
      ) : null}

      <OrganisationProjects projectCount={loaderData.projectCount} byRole={loaderData.byRole} />
      <OrganisationFunding funding={loaderData.funding} />

      <section aria-labelledby="org-footprint">
        <h2 id="org-footprint">{t('organisations.footprint')}</h2>
        {locator ? (
          <LocatorMap label={t('organisations.footprintLabel')} view={locator} />
        ) : (
          <p>{t('organisations.nationWideOnly')}</p>
        )}
      </section>

      <Collaborators collaborators={loaderData.collaborators} />
      <KnowledgeEntriesSection
        data={loaderData.knowledgeEntries}
        moreHref={`/knowledge?organisation=${o.slug}`}
      />
      <EventsSection id="org-events" title={t('organisations.events')} events={events} />
    </article>
  );
}

type OrganisationData = Route.ComponentProps['loaderData'];

/** Where it is from, what it became or came from, its other names and its source. */
function OrganisationFacts({
  organisation: o,
}: {
  organisation: OrganisationData['organisation'];
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const englishOnly = useEnglishOnly();
  return (
    <dl className="facts">
      <div>
        <dt>{t('organisations.country')}</dt>
        <dd>
          {o.isInternational
            ? t('organisations.international')
            : o.countryCode
              ? format.country(o.countryCode)
              : t('common.notPublished')}
        </dd>
      </div>
      {o.successor ? (
        <div>
          <dt>{t('organisations.successor')}</dt>
          <dd>
            <AppLink to={to(`/organisations/${o.successor.slug}`)}>
              {o.successor.acronym ?? o.successor.name}
            </AppLink>
            {o.successionYear ? ` (${o.successionYear})` : null}
            {o.successionNote ? (
              <span className="muted" lang={englishOnly}>
                {' '}
                — {o.successionNote}
              </span>
            ) : null}
          </dd>
        </div>
      ) : null}
      {o.predecessors.length > 0 ? (
        <div>
          <dt>{t('organisations.predecessors')}</dt>
          <dd>
            {o.predecessors.map((p, i) => (
              <span key={p.slug}>
                {i > 0 ? ', ' : null}
                <AppLink to={to(`/organisations/${p.slug}`)}>{p.acronym ?? p.name}</AppLink>
                {p.successionYear ? ` (→ ${p.successionYear})` : null}
              </span>
            ))}
          </dd>
        </div>
      ) : null}
      {o.aliases.length > 0 ? (
        <div>
          <dt>{t('organisations.aliases')}</dt>
          <dd lang={englishOnly}>{o.aliases.join('; ')}</dd>
        </div>
      ) : null}
      {o.sourceUrl ? (
        <div>
          <dt>{t('organisations.source')}</dt>
          <dd>
            <a href={o.sourceUrl} rel="noreferrer">
              {o.sourceTitle ?? o.sourceUrl}
            </a>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Its projects by the role it has in them, each once per role. */
function OrganisationProjects({
  projectCount,
  byRole,
}: Pick<OrganisationData, 'projectCount' | 'byRole'>) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="org-projects">
      <h2 id="org-projects">
        {t('organisations.projectsByRole')} ({format.count(projectCount)})
      </h2>
      {byRole.length === 0 ? <p>{t('organisations.noProjects')}</p> : null}
      {byRole.map((r) => (
        <section key={r.role} aria-labelledby={`role-${r.role}`} data-role={r.role}>
          <h3 id={`role-${r.role}`}>{t(`role.${r.role}`)}</h3>
          <ProjectList
            projects={r.projects}
            note={(p) =>
              p.via ? (
                <span className="muted"> · {t('organisations.asName', { name: p.via })}</span>
              ) : null
            }
          />
        </section>
      ))}
    </section>
  );
}

/** The IKI funding of its projects, by type, as far as it is published. */
function OrganisationFunding({ funding }: Pick<OrganisationData, 'funding'>) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="org-funding">
      <h2 id="org-funding">{t('organisations.funding')}</h2>
      <ul className="plain-list">
        {funding.map((f) => (
          <li key={f.type} data-funding={f.type}>
            {t(`type.${f.type}`)}:{' '}
            <strong>{f.withFunding > 0 ? format.eur(f.knownEur) : t('common.notPublished')}</strong>{' '}
            <span className="muted">
              {t('dashboard.kpi.fundingOf', {
                known: f.withFunding,
                count: f.projects,
                unknown: f.projects - f.withFunding,
              })}
              {f.type === 'regional' ? ` ${t('dashboard.kpi.regionalNote')}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The organisations it shares projects with, and how many. */
function Collaborators({ collaborators }: Pick<OrganisationData, 'collaborators'>) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  return (
    <section aria-labelledby="org-collaborators">
      <h2 id="org-collaborators">{t('organisations.collaborators')}</h2>
      <p className="muted">{t('organisations.collaboratorsLead')}</p>
      {collaborators.length === 0 ? (
        <p>
          <NotPublished what={t('organisations.collaborators')} />
        </p>
      ) : (
        <DataTable
          labelledBy="org-collaborators"
          columns={[t('organisations.organisation'), t('organisations.shared')]}
        >
          {collaborators.map((c) => (
            <tr key={c.slug} data-slug={c.slug}>
              <th scope="row">
                <AppLink to={to(`/organisations/${c.slug}`)}>
                  {c.acronym ? `${c.acronym} — ` : null}
                  <OfficialName en={c.name} zh={c.nameZh} de={c.nameDe} />
                </AppLink>
              </th>
              <td data-value={c.shared}>{format.count(c.shared)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

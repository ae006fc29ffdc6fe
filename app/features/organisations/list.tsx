import { listOrganisationSummaries } from './organisations.server';
import { DeletedNotice } from '../../core/ui/deleted-notice';
import { OfficialName } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { userContext } from '../../core/http/session.server';
import { useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { isAllowed } from '../../core/auth/permissions';
import { ORGANISATION_KINDS } from '../../../db/vocabulary';
import type { Route } from './+types/list';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';

export const handle = SERVER_ONLY_PAGE;

export function loader({ context }: Route.LoaderArgs) {
  const all = listOrganisationSummaries();
  const byId = new Map(all.map((o) => [o.id, o]));
  return {
    canAdd: isAllowed('editors', context.get(userContext)),
    groups: ORGANISATION_KINDS.map((kind) => ({
      kind,
      organisations: all
        .filter((o) => o.kind === kind)
        .map(({ id: _id, successorId, ...o }) => ({
          ...o,
          successor: successorId ? (byId.get(successorId) ?? null) : null,
        })),
    })).filter((g) => g.organisations.length > 0),
  };
}

export default function Organisations({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  return (
    <>
      <PageTitle title={t('organisations.title')} description={t('organisations.lead')} />
      <h1>{t('organisations.title')}</h1>
      <p className="lead">{t('organisations.lead')}</p>
      <DeletedNotice />
      <p>
        <AppLink to={to('/organisations/network')}>{t('organisations.network')}</AppLink>
        {loaderData.canAdd ? (
          <>
            {' · '}
            <AppLink to={to('/organisations/new')}>{t('organisationForm.add')}</AppLink>
          </>
        ) : null}
      </p>
      {loaderData.groups.map((g) => (
        <section key={g.kind} aria-labelledby={`kind-${g.kind}`}>
          <h2 id={`kind-${g.kind}`}>
            {t(`organisations.kind.${g.kind}`)} ({format.count(g.organisations.length)})
          </h2>
          <ul className="org-list">
            {g.organisations.map((o) => (
              <li key={o.slug} data-slug={o.slug}>
                <AppLink to={to(`/organisations/${o.slug}`)}>
                  {o.acronym ? <strong>{o.acronym}</strong> : null}
                  {o.acronym ? ' — ' : null}
                  <OfficialName en={o.name} zh={o.nameZh} de={o.nameDe} />
                </AppLink>{' '}
                <span className="muted">
                  {t('organisations.projects', { count: o.projects })}
                  {o.successor && o.successionYear
                    ? ` · ${t('organisations.renamed', {
                        name: o.successor.acronym ?? o.successor.name,
                        year: o.successionYear,
                      })}`
                    : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

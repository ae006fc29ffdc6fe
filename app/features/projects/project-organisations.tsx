import { NotPublished } from '../../core/ui/not-published';
import { OfficialName } from '../../core/ui/official-name';
import { useEnglishOnly, useFormat, useTranslation } from '../../core/i18n/hooks';
import type { ProjectPage } from './project-page';

type LinkedOrganisation = ProjectPage['organisationsByRole'][number]['organisations'][number];

/** The organisations of a project by their role, each role said even when none is published. */
export function ProjectOrganisations({
  organisationsByRole,
}: Pick<ProjectPage, 'organisationsByRole'>) {
  const { t } = useTranslation();
  return (
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
                      <OrganisationItem key={o.slug} organisation={o} />
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          ),
        )}
      </dl>
    </section>
  );
}

/** One organisation: where it is from, who said it takes part, and the name as they wrote it. */
function OrganisationItem({ organisation: o }: { organisation: LinkedOrganisation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const englishOnly = useEnglishOnly();
  return (
    <li>
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
          {t('project.asStatedBy')} <span lang={englishOnly}>{o.asStatedBy}</span>
        </span>
      ) : null}
      {o.nameAsWritten && !o.nameAsWritten.startsWith(o.name) ? (
        <span className="muted">
          {' · '}
          {t('project.writtenAs')} <q lang="en">{o.nameAsWritten}</q>
        </span>
      ) : null}
    </li>
  );
}

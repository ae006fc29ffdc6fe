import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect } from 'react-router';

import {
  getOrganisationForEdit,
  getOrganisationFormOptions,
  updateOrganisation,
} from './organisation-writes.server';
import { OfficialName } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { authorize } from '../../core/auth/authorize.server';
import { langFromPath, localizePath } from '../../core/i18n/config';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { now } from '../../core/clock';
import { type Conflict, conflictRows, revalidateAfterConflict } from '../../core/forms/conflict';
import {
  organisationColumns,
  organisationEditSchema,
  organisationFormContext,
  organisationFormValues,
} from './organisation-forms';
import { refuseInvalid, refuseStale } from '../../core/forms/responses.server';
import type { Route } from './+types/edit';
import { OrganisationForm } from './organisation-form';
import { AppLink } from '../../core/ui/app-link';
import { actorOf } from '../../core/auth/auth';

function requireOrganisation(slug: string) {
  const organisation = getOrganisationForEdit(slug);
  if (!organisation) throw data(null, { status: 404 });
  return organisation;
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const organisation = requireOrganisation(params.slug);
  authorize(context, request, 'organisation.update');
  return {
    organisation: {
      slug: organisation.slug,
      name: organisation.name,
      acronym: organisation.acronym,
      nameZh: organisation.nameZh,
      nameDe: organisation.nameDe,
    },
    version: organisation.version,
    values: organisationFormValues(organisation),
    options: getOrganisationFormOptions(organisation.id),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const organisation = requireOrganisation(params.slug);
  const user = authorize(context, request, 'organisation.update');
  const schema = organisationEditSchema({
    ...organisationFormContext(getOrganisationFormOptions(organisation.id)),
    ownSlug: organisation.slug,
  });
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== 'success') {
    return refuseInvalid(submission);
  }
  const { version, changeSource, ...values } = submission.value;
  const next = organisationColumns(values);
  const outcome = updateOrganisation(organisation.id, version, next, {
    at: now(),
    actor: actorOf(user),
    sourceUrl: changeSource ?? null,
  });
  if (!outcome.ok && outcome.reason === 'not-found') throw data(null, { status: 404 });
  if (!outcome.ok) {
    const conflict: Conflict = {
      version: outcome.current.version,
      rows: conflictRows(organisationFormValues(next), organisationFormValues(outcome.current)),
    };
    return refuseStale(submission, conflict);
  }
  const lang = langFromPath(new URL(request.url).pathname);
  return redirect(localizePath(`/organisations/${organisation.slug}?saved=1`, lang), 303);
}

export const shouldRevalidate = revalidateAfterConflict;

export default function EditOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  const { organisation: o, options } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const title = t('organisationForm.editTitle');
  return (
    <>
      <PageTitle title={title} />
      <p className="muted">
        <AppLink to={to(`/organisations/${o.slug}`)}>
          {o.acronym ? `${o.acronym} — ` : null}
          <OfficialName en={o.name} zh={o.nameZh} de={o.nameDe} />
        </AppLink>
      </p>
      <h1>{title}</h1>
      <ul className="record-actions" aria-label={t('edit.actions')}>
        <li>
          <AppLink to={to(`/organisations/${o.slug}/history`)}>{t('edit.history')}</AppLink>
        </li>
        <li>
          <AppLink to={to(`/organisations/${o.slug}/delete`)}>{t('edit.delete')}</AppLink>
        </li>
      </ul>
      <OrganisationForm
        schema={organisationEditSchema({ ...organisationFormContext(options), ownSlug: o.slug })}
        lastResult={actionData?.result}
        defaultValue={loaderData.values}
        conflict={actionData?.conflict ?? null}
        version={actionData?.conflict?.version ?? loaderData.version}
        isNew={false}
        cancelTo={to(`/organisations/${o.slug}`)}
        options={options}
        ownSlug={o.slug}
      />
    </>
  );
}

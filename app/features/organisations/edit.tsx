import { data } from 'react-router';

import {
  getOrganisationForEdit,
  getOrganisationFormOptions,
  updateOrganisation,
} from './organisation-writes.server';
import { OfficialName } from '../../core/ui/official-name';
import { authorize } from '../../core/auth/authorize.server';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { revalidateAfterConflict } from '../../core/forms/conflict';
import {
  type OrganisationEditValues,
  organisationColumns,
  organisationEditSchema,
  organisationFormContext,
  organisationFormValues,
} from './organisation-forms';
import { changeBy, editAction } from '../../core/forms/edit-action.server';
import type { Route } from './+types/edit';
import { OrganisationForm } from './organisation-form';
import { AppLink } from '../../core/ui/app-link';
import { FormHead } from '../../core/ui/form-head';
import { RecordActions } from '../../core/ui/record-actions';

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

/** The organisation's new columns (the version and the change's source are not columns). */
const nextOrganisation = ({
  version: _version,
  changeSource: _source,
  ...values
}: OrganisationEditValues) => organisationColumns(values);

export async function action({ request, params, context }: Route.ActionArgs) {
  const organisation = requireOrganisation(params.slug);
  const user = authorize(context, request, 'organisation.update');
  return editAction(request, {
    schema: organisationEditSchema({
      ...organisationFormContext(getOrganisationFormOptions(organisation.id)),
      ownSlug: organisation.slug,
    }),
    save: (value) =>
      updateOrganisation(
        organisation.id,
        value.version,
        nextOrganisation(value),
        changeBy(user, value.changeSource),
      ),
    sent: (value) => organisationFormValues(nextOrganisation(value)),
    saved: (current) => organisationFormValues(current),
    savedTo: `/organisations/${organisation.slug}?saved=1`,
  });
}

export const shouldRevalidate = revalidateAfterConflict;

export default function EditOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  const { organisation: o, options } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const title = t('organisationForm.editTitle');
  return (
    <>
      <FormHead
        title={title}
        back={
          <AppLink to={to(`/organisations/${o.slug}`)}>
            {o.acronym ? `${o.acronym} — ` : null}
            <OfficialName en={o.name} zh={o.nameZh} de={o.nameDe} />
          </AppLink>
        }
      />
      <RecordActions path={`/organisations/${o.slug}`} canEdit pages={{}} />
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

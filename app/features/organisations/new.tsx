import { createOrganisation, getOrganisationFormOptions } from './organisation-writes.server';
import { listRecordSlugs } from '../../core/records.server';
import { authorize } from '../../core/auth/authorize.server';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import {
  organisationColumns,
  organisationFormContext,
  organisationNewSchema,
} from './organisation-forms';
import { changeBy, createAction } from '../../core/forms/edit-action.server';
import { FormHead } from '../../core/ui/form-head';
import type { Route } from './+types/new';
import { OrganisationForm } from './organisation-form';

export function loader({ request, context }: Route.LoaderArgs) {
  authorize(context, request, 'organisation.create');
  return { takenSlugs: listRecordSlugs('organisation'), options: getOrganisationFormOptions(null) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'organisation.create');
  return createAction(request, {
    schema: organisationNewSchema({
      ...organisationFormContext(getOrganisationFormOptions(null)),
      takenSlugs: listRecordSlugs('organisation'),
    }),
    save: ({ slug, changeSource, ...values }) => {
      const organisation = createOrganisation(
        slug,
        organisationColumns(values),
        changeBy(user, changeSource),
      );
      return `/organisations/${organisation.slug}?saved=1`;
    },
  });
}

export default function NewOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  const { options, takenSlugs } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <>
      <FormHead title={t('organisationForm.newTitle')} lead={t('organisationForm.newLead')} />
      <OrganisationForm
        schema={organisationNewSchema({ ...organisationFormContext(options), takenSlugs })}
        lastResult={actionData?.result}
        defaultValue={{}}
        conflict={null}
        version={null}
        isNew
        cancelTo={to('/organisations')}
        options={options}
      />
    </>
  );
}

import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect } from 'react-router';

import { createOrganisation, getOrganisationFormOptions } from './organisation-writes.server';
import { listRecordSlugs } from '../records/records.server';
import { PageTitle } from '../../core/ui/page-title';
import { authorize } from '../../core/auth/authorize.server';
import { langFromPath, localizePath } from '../../core/i18n/config';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { now } from '../../core/clock';
import {
  organisationColumns,
  organisationFormContext,
  organisationNewSchema,
} from './organisation-forms';
import type { Route } from './+types/new';
import { OrganisationForm } from './organisation-form';
import { actorOf } from '../../core/auth/auth';

export function loader({ request, context }: Route.LoaderArgs) {
  authorize(context, request, 'organisation.create');
  return { takenSlugs: listRecordSlugs('organisation'), options: getOrganisationFormOptions(null) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'organisation.create');
  const schema = organisationNewSchema({
    ...organisationFormContext(getOrganisationFormOptions(null)),
    takenSlugs: listRecordSlugs('organisation'),
  });
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== 'success') {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const { slug, changeSource, ...values } = submission.value;
  const organisation = createOrganisation(slug, organisationColumns(values), {
    at: now(),
    actor: actorOf(user),
    sourceUrl: changeSource ?? null,
  });
  const lang = langFromPath(new URL(request.url).pathname);
  return redirect(localizePath(`/organisations/${organisation.slug}?saved=1`, lang), 303);
}

export default function NewOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  const { options, takenSlugs } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <>
      <PageTitle title={t('organisationForm.newTitle')} />
      <h1>{t('organisationForm.newTitle')}</h1>
      <p>{t('organisationForm.newLead')}</p>
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

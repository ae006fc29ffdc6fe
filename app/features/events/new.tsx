import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect } from 'react-router';

import { createEvent, getEventFormOptions } from './event-writes.server';
import { listRecordSlugs } from '../records/records.server';
import { PageTitle } from '../../core/ui/page-title';
import { authorize } from '../../core/auth/authorize.server';
import { langFromPath, localizePath } from '../../core/i18n/config';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { now } from '../../core/clock';
import { eventColumns, eventFormContext, eventNewSchema } from './event-forms';
import type { Route } from './+types/new';
import { EventForm } from './event-form';
import { actorOf } from '../../core/auth/auth';

export function loader({ request, context }: Route.LoaderArgs) {
  authorize(context, request, 'event.create');
  return { takenSlugs: listRecordSlugs('event'), options: getEventFormOptions() };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'event.create');
  const schema = eventNewSchema({
    ...eventFormContext(getEventFormOptions()),
    takenSlugs: listRecordSlugs('event'),
  });
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== 'success') {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const { slug, changeSource, ...values } = submission.value;
  const event = createEvent(
    slug,
    { ...eventColumns(values), projects: values.projects },
    { at: now(), actor: actorOf(user), sourceUrl: changeSource ?? null },
  );
  const lang = langFromPath(new URL(request.url).pathname);
  return redirect(localizePath(`/events/${event.slug}?saved=1`, lang), 303);
}

export default function NewEvent({ loaderData, actionData }: Route.ComponentProps) {
  const { options, takenSlugs } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <>
      <PageTitle title={t('eventForm.newTitle')} />
      <h1>{t('eventForm.newTitle')}</h1>
      <p>{t('eventForm.newLead')}</p>
      <EventForm
        schema={eventNewSchema({ ...eventFormContext(options), takenSlugs })}
        lastResult={actionData?.result}
        defaultValue={{}}
        conflict={null}
        version={null}
        isNew
        cancelTo={to('/events')}
        options={options}
      />
    </>
  );
}

import { createEvent, getEventFormOptions } from './event-writes.server';
import { listRecordSlugs } from '../../core/records.server';
import { authorize } from '../../core/auth/authorize.server';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { eventColumns, eventFormContext, eventNewSchema } from './event-forms';
import { changeBy, createAction } from '../../core/forms/edit-action.server';
import { FormHead } from '../../core/ui/form-head';
import type { Route } from './+types/new';
import { EventForm } from './event-form';

export function loader({ request, context }: Route.LoaderArgs) {
  authorize(context, request, 'event.create');
  return { takenSlugs: listRecordSlugs('event'), options: getEventFormOptions() };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'event.create');
  return createAction(request, {
    schema: eventNewSchema({
      ...eventFormContext(getEventFormOptions()),
      takenSlugs: listRecordSlugs('event'),
    }),
    save: ({ slug, changeSource, ...values }) => {
      const event = createEvent(
        slug,
        { ...eventColumns(values), projects: values.projects },
        changeBy(user, changeSource),
      );
      return `/events/${event.slug}?saved=1`;
    },
  });
}

export default function NewEvent({ loaderData, actionData }: Route.ComponentProps) {
  const { options, takenSlugs } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <>
      <FormHead title={t('eventForm.newTitle')} lead={t('eventForm.newLead')} />
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

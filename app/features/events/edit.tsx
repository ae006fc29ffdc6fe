import { data } from 'react-router';

import { getEventForEdit, getEventFormOptions, updateEvent } from './event-writes.server';
import { authorize } from '../../core/auth/authorize.server';
import { useEnglishOnly, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { revalidateAfterConflict } from '../../core/forms/conflict';
import {
  type EventEditValues,
  eventColumns,
  eventEditSchema,
  eventFormContext,
  eventFormValues,
} from './event-forms';
import { changeBy, editAction } from '../../core/forms/edit-action.server';
import type { Route } from './+types/edit';
import { EventForm } from './event-form';
import { AppLink } from '../../core/ui/app-link';
import { FormHead } from '../../core/ui/form-head';
import { RecordActions } from '../../core/ui/record-actions';

function requireEvent(slug: string) {
  const event = getEventForEdit(slug);
  if (!event) throw data(null, { status: 404 });
  return event;
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const event = requireEvent(params.slug);
  authorize(context, request, 'event.update');
  return {
    event: { slug: event.slug, title: event.title },
    version: event.version,
    values: eventFormValues(event),
    options: getEventFormOptions(),
  };
}

/** The event's new values: its columns and the projects it belongs to. */
const nextEvent = ({ version: _version, changeSource: _source, ...values }: EventEditValues) => ({
  ...eventColumns(values),
  projects: values.projects,
});

export async function action({ request, params, context }: Route.ActionArgs) {
  const event = requireEvent(params.slug);
  const user = authorize(context, request, 'event.update');
  return editAction(request, {
    schema: eventEditSchema(eventFormContext(getEventFormOptions())),
    save: (value) =>
      updateEvent(event.id, value.version, nextEvent(value), changeBy(user, value.changeSource)),
    sent: (value) => eventFormValues(nextEvent(value)),
    saved: (current) => eventFormValues(current),
    savedTo: `/events/${event.slug}?saved=1`,
  });
}

export const shouldRevalidate = revalidateAfterConflict;

export default function EditEvent({ loaderData, actionData }: Route.ComponentProps) {
  const { event, options } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const englishOnly = useEnglishOnly();
  const title = t('eventForm.editTitle');
  return (
    <>
      <FormHead
        title={title}
        back={
          <AppLink to={to(`/events/${event.slug}`)} lang={englishOnly}>
            {event.title}
          </AppLink>
        }
      />
      <RecordActions path={`/events/${event.slug}`} canEdit pages={{}} />
      <EventForm
        schema={eventEditSchema(eventFormContext(options))}
        lastResult={actionData?.result}
        defaultValue={loaderData.values}
        conflict={actionData?.conflict ?? null}
        version={actionData?.conflict?.version ?? loaderData.version}
        isNew={false}
        cancelTo={to(`/events/${event.slug}`)}
        options={options}
      />
    </>
  );
}

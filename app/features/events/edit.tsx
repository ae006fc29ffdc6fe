import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect } from 'react-router';

import { getEventForEdit, getEventFormOptions, updateEvent } from './event-writes.server';
import { PageTitle } from '../../core/ui/page-title';
import { authorize } from '../../core/auth/authorize.server';
import { langFromPath, localizePath } from '../../core/i18n/config';
import { useEnglishOnly, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { now } from '../../core/clock';
import { type Conflict, conflictRows, revalidateAfterConflict } from '../../core/forms/conflict';
import { eventColumns, eventEditSchema, eventFormContext, eventFormValues } from './event-forms';
import { refuseInvalid, refuseStale } from '../../core/forms/responses.server';
import type { Route } from './+types/edit';
import { EventForm } from './event-form';
import { AppLink } from '../../core/ui/app-link';
import { actorOf } from '../../core/auth/auth';

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

export async function action({ request, params, context }: Route.ActionArgs) {
  const event = requireEvent(params.slug);
  const user = authorize(context, request, 'event.update');
  const schema = eventEditSchema(eventFormContext(getEventFormOptions()));
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== 'success') {
    return refuseInvalid(submission);
  }
  const { version, changeSource, ...values } = submission.value;
  const next = { ...eventColumns(values), projects: values.projects };
  const outcome = updateEvent(event.id, version, next, {
    at: now(),
    actor: actorOf(user),
    sourceUrl: changeSource ?? null,
  });
  if (!outcome.ok && outcome.reason === 'not-found') throw data(null, { status: 404 });
  if (!outcome.ok) {
    const conflict: Conflict = {
      version: outcome.current.version,
      rows: conflictRows(eventFormValues(next), eventFormValues(outcome.current)),
    };
    return refuseStale(submission, conflict);
  }
  const lang = langFromPath(new URL(request.url).pathname);
  return redirect(localizePath(`/events/${event.slug}?saved=1`, lang), 303);
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
      <PageTitle title={title} />
      <p className="muted">
        <AppLink to={to(`/events/${event.slug}`)} lang={englishOnly}>
          {event.title}
        </AppLink>
      </p>
      <h1>{title}</h1>
      <ul className="record-actions" aria-label={t('edit.actions')}>
        <li>
          <AppLink to={to(`/events/${event.slug}/history`)}>{t('edit.history')}</AppLink>
        </li>
        <li>
          <AppLink to={to(`/events/${event.slug}/delete`)}>{t('edit.delete')}</AppLink>
        </li>
      </ul>
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

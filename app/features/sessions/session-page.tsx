import { data } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { type Conflict, revalidateAfterConflict } from '../../core/forms/conflict';
import { changeBy, createAction, editAction } from '../../core/forms/edit-action.server';
import { useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { FormHead } from '../../core/ui/form-head';
import { translatedTitleText } from '../../core/ui/translated-title';
import type { Route } from './+types/session-page';
import { SessionForm } from './session-form';
import {
  sessionEditSchema,
  sessionFormValues,
  sessionNewSchema,
  sessionValuesOf,
} from './session-forms';
import {
  createSession,
  getEventForSessionForm,
  getSessionForEdit,
  getSessionFormOptions,
  updateSession,
} from './session-writes.server';

// One page adds a session to an event and edits one: the same fields, the same rules, one
// permission (the hub team's).

function requireSession(params: { slug: string; sessionId?: string }) {
  const event = getEventForSessionForm(params.slug);
  if (!event) throw data(null, { status: 404 });
  if (params.sessionId === undefined) return { event, session: null };
  const id = /^\d{1,15}$/.test(params.sessionId) ? Number(params.sessionId) : NaN;
  const session = Number.isSafeInteger(id) ? getSessionForEdit(event.id, id) : undefined;
  if (!session) throw data(null, { status: 404 });
  return { event, session };
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const { event, session } = requireSession(params);
  authorize(context, request, 'event-session.manage');
  return {
    event,
    session: session && { id: session.id, title: session.title, version: session.version },
    values: session ? sessionFormValues(session) : {},
    options: getSessionFormOptions(),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { event, session } = requireSession(params);
  const user = authorize(context, request, 'event-session.manage');
  const options = getSessionFormOptions();
  if (!session) {
    return createAction(request, {
      schema: sessionNewSchema(options),
      save: ({ changeSource: _change, ...values }) => {
        const created = createSession(
          event.id,
          sessionValuesOf(values),
          changeBy(user, values.source),
        );
        return `/events/${event.slug}?saved=1#session-${created.id}`;
      },
    });
  }
  return editAction(request, {
    schema: sessionEditSchema(options),
    save: ({ version, changeSource, ...values }) =>
      updateSession(session.id, version, sessionValuesOf(values), changeBy(user, changeSource)),
    sent: ({ version: _v, changeSource: _c, ...values }) =>
      sessionFormValues(sessionValuesOf(values)),
    saved: (current) => sessionFormValues(current),
    savedTo: `/events/${event.slug}?saved=1#session-${session.id}`,
  });
}

export const shouldRevalidate = revalidateAfterConflict;

export default function SessionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, session, options } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const eventTitle = translatedTitleText(lang, {
    en: event.title,
    zh: event.titleZh,
    de: event.titleDe,
  });
  const back = <AppLink to={to(`/events/${event.slug}`)}>{eventTitle}</AppLink>;
  const conflict =
    actionData && 'conflict' in actionData ? (actionData.conflict as Conflict | null) : null;
  return (
    <>
      {session ? (
        <>
          <FormHead title={t('sessions.editTitle', { title: session.title })} back={back} />
          <p>
            <AppLink to={to(`/events/${event.slug}/sessions/${session.id}/delete`)}>
              {t('sessions.delete')}
            </AppLink>
          </p>
        </>
      ) : (
        <FormHead title={t('sessions.newTitle')} back={back} lead={t('sessions.newLead')} />
      )}
      <SessionForm
        options={options}
        lastResult={actionData?.result}
        defaultValue={loaderData.values}
        conflict={conflict}
        version={session ? (conflict?.version ?? session.version) : null}
        cancelTo={to(`/events/${event.slug}${session ? `#session-${session.id}` : '#sessions'}`)}
      />
    </>
  );
}

import { data } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { revalidateAfterConflict } from '../../core/forms/conflict';
import { changeBy, editAction } from '../../core/forms/edit-action.server';
import { useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { FormHead } from '../../core/ui/form-head';
import { translatedTitleText } from '../../core/ui/translated-title';
import type { Route } from './+types/session-edit';
import { SessionForm } from './session-form';
import { sessionEditSchema, sessionFormValues, sessionValuesOf } from './session-forms';
import {
  getEventForSessionForm,
  getSessionForEdit,
  getSessionFormOptions,
  updateSession,
} from './session-writes.server';

function requireSession(params: { slug: string; sessionId: string }) {
  const event = getEventForSessionForm(params.slug);
  const id = /^\d{1,15}$/.test(params.sessionId) ? Number(params.sessionId) : NaN;
  const session = event && Number.isSafeInteger(id) ? getSessionForEdit(event.id, id) : undefined;
  if (!event || !session) throw data(null, { status: 404 });
  return { event, session };
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const { event, session } = requireSession(params);
  authorize(context, request, 'event-session.manage');
  return {
    event,
    session: { id: session.id, title: session.title },
    version: session.version,
    values: sessionFormValues(session),
    options: getSessionFormOptions(),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { event, session } = requireSession(params);
  const user = authorize(context, request, 'event-session.manage');
  return editAction(request, {
    schema: sessionEditSchema(getSessionFormOptions()),
    save: ({ version, changeSource, ...values }) =>
      updateSession(session.id, version, sessionValuesOf(values), changeBy(user, changeSource)),
    sent: ({ version: _v, changeSource: _c, ...values }) =>
      sessionFormValues(sessionValuesOf(values)),
    saved: (current) => sessionFormValues(current),
    savedTo: `/events/${event.slug}?saved=1#session-${session.id}`,
  });
}

export const shouldRevalidate = revalidateAfterConflict;

export default function EditSession({ loaderData, actionData }: Route.ComponentProps) {
  const { event, session, options } = loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const eventTitle = translatedTitleText(lang, {
    en: event.title,
    zh: event.titleZh,
    de: event.titleDe,
  });
  return (
    <>
      <FormHead
        title={t('sessions.editTitle', { title: session.title })}
        back={<AppLink to={to(`/events/${event.slug}`)}>{eventTitle}</AppLink>}
      />
      <p>
        <AppLink to={to(`/events/${event.slug}/sessions/${session.id}/delete`)}>
          {t('sessions.delete')}
        </AppLink>
      </p>
      <SessionForm
        options={options}
        lastResult={actionData?.result}
        defaultValue={loaderData.values}
        conflict={actionData?.conflict ?? null}
        version={actionData?.conflict?.version ?? loaderData.version}
        cancelTo={to(`/events/${event.slug}#session-${session.id}`)}
      />
    </>
  );
}

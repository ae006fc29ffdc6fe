import { data } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { changeBy, createAction } from '../../core/forms/edit-action.server';
import { useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { FormHead } from '../../core/ui/form-head';
import { translatedTitleText } from '../../core/ui/translated-title';
import type { Route } from './+types/session-new';
import { SessionForm } from './session-form';
import { sessionNewSchema, sessionValuesOf } from './session-forms';
import {
  createSession,
  getEventForSessionForm,
  getSessionFormOptions,
} from './session-writes.server';

function requireEvent(slug: string) {
  const event = getEventForSessionForm(slug);
  if (!event) throw data(null, { status: 404 });
  return event;
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const event = requireEvent(params.slug);
  authorize(context, request, 'event-session.manage');
  return { event, options: getSessionFormOptions() };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const event = requireEvent(params.slug);
  const user = authorize(context, request, 'event-session.manage');
  return createAction(request, {
    schema: sessionNewSchema(getSessionFormOptions()),
    save: ({ changeSource: _change, ...values }) => {
      const session = createSession(
        event.id,
        sessionValuesOf(values),
        changeBy(user, values.source),
      );
      return `/events/${event.slug}?saved=1#session-${session.id}`;
    },
  });
}

export default function NewSession({ loaderData, actionData }: Route.ComponentProps) {
  const { event, options } = loaderData;
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
        title={t('sessions.newTitle')}
        back={<AppLink to={to(`/events/${event.slug}`)}>{eventTitle}</AppLink>}
        lead={t('sessions.newLead')}
      />
      <SessionForm
        options={options}
        lastResult={actionData?.result}
        defaultValue={{}}
        conflict={null}
        version={null}
        cancelTo={to(`/events/${event.slug}#sessions`)}
      />
    </>
  );
}

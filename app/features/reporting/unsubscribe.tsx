import { Form, data } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { getMailSettings, updateMailSettings } from '../../core/auth/users.server';
import { now } from '../../core/clock';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { CsrfInput } from '../../core/ui/csrf-input';
import { PageTitle } from '../../core/ui/page-title';
import type { Route } from './+types/unsubscribe';
import { readUnsubscribeToken } from './unsubscribe-token.server';

// The link at the foot of every mail: it stops that person's reminder mails, signed out, after a
// confirming button (a GET changes nothing: mail scanners follow links). A token that is not ours
// is a 400 with a word on what to do. A form page, hydrated like sign-in.

type Answer =
  | { state: 'bad'; email: null; token: '' }
  | { state: 'ask' | 'already' | 'done'; email: string; token: string };

function settingsOf(token: string) {
  const userId = readUnsubscribeToken(token);
  return userId === null ? undefined : getMailSettings(userId);
}

const bad = () => data<Answer>({ state: 'bad', email: null, token: '' }, { status: 400 });

export function loader({ request, context }: Route.LoaderArgs) {
  authorize(context, request, 'reminders.unsubscribe');
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const settings = settingsOf(token);
  if (!settings) return bad();
  return data<Answer>({
    state: settings.remindersOff ? 'already' : 'ask',
    email: settings.email,
    token,
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  authorize(context, request, 'reminders.unsubscribe');
  const form = await request.formData();
  const token = String(form.get('token') ?? '');
  const settings = settingsOf(token);
  if (!settings) return bad();
  updateMailSettings(
    settings.id,
    { remindersOff: true },
    // The person themself, through the link of their mail.
    { at: now(), actor: { id: settings.id, name: settings.email } },
  );
  return data<Answer>({ state: 'done', email: settings.email, token });
}

export default function Unsubscribe({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const answer = actionData ?? loaderData;
  const title = t('mail.unsubscribe.title');
  return (
    <>
      <PageTitle title={title} />
      <h1>{title}</h1>
      {answer.state === 'bad' ? (
        <p className="form-field__error" role="alert">
          {t('mail.unsubscribe.badToken')}
        </p>
      ) : answer.state === 'done' ? (
        <p className="notice notice--success" role="status">
          {t('mail.unsubscribe.done', { email: answer.email })}
        </p>
      ) : answer.state === 'already' ? (
        <p>{t('mail.unsubscribe.already', { email: answer.email })}</p>
      ) : (
        <Form method="post" className="entry-form">
          <CsrfInput />
          <input type="hidden" name="token" value={answer.token} />
          <p>{t('mail.unsubscribe.intro', { email: answer.email })}</p>
          <p>
            <button type="submit">{t('mail.unsubscribe.submit')}</button>
          </p>
        </Form>
      )}
      <p>
        <AppLink to={to('/account')}>{t('mail.unsubscribe.account')}</AppLink>
      </p>
    </>
  );
}

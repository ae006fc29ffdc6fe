import { Form, data } from 'react-router';

import { clearAttempts, takeAttempt } from '../../core/auth/attempt-limits.server';
import {
  changePassword,
  checkPassword,
  getMailSettings,
  updateMailSettings,
} from '../../core/auth/users.server';
import { authorize } from '../../core/auth/authorize.server';
import { sessionTokenContext } from '../../core/http/session.server';
import { PageTitle } from '../../core/ui/page-title';
import {
  PASSWORD_MIN_LENGTH,
  type SessionUser,
  actorOf,
  passwordChangeLimit,
} from '../../core/auth/auth';
import { now } from '../../core/clock';
import { CsrfInput } from '../../core/ui/csrf-input';
import type { Route } from './+types/account';
import { refuseAttempt } from './attempt-refusal.server';
import { useTranslation } from '../../core/i18n/hooks';
import { LANG_NAMES } from '../../core/i18n/config';
import { HUB_LANGUAGES, type HubLanguage } from '../../../db/vocabulary';

export function loader({ request, context }: Route.LoaderArgs) {
  const user = authorize(context, request, 'account.manage');
  const mail = getMailSettings(user.id)!;
  return {
    user: { name: user.name, email: user.email, role: user.role },
    mail: { language: mail.language, remindersOff: mail.remindersOff },
  };
}

/** The mail settings form (intent mail-settings): the language of mails, and reminders on or off. */
function saveMailSettings(form: FormData, user: SessionUser) {
  const language = String(form.get('language') ?? '');
  if (!(HUB_LANGUAGES as readonly string[]).includes(language)) {
    return data(
      { error: 'languageInvalid' as const, done: false, mailSaved: false, waitMinutes: 0 },
      { status: 400 },
    );
  }
  updateMailSettings(
    user.id,
    { language: language as HubLanguage, remindersOff: form.get('reminders') !== 'on' },
    { at: now(), actor: actorOf(user) },
  );
  return { error: null, done: false, mailSaved: true, waitMinutes: 0 };
}

/** A refusal's Retry-After (attempt-refusal.server.ts) goes out with the page. */
export function headers({ actionHeaders }: Route.HeadersArgs) {
  return actionHeaders;
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'account.manage');
  const form = await request.formData();
  if (form.get('intent') === 'mail-settings') return saveMailSettings(form, user);
  const current = String(form.get('currentPassword') ?? '');
  const next = String(form.get('newPassword') ?? '');
  const at = now();
  // Whoever holds the session may guess the current password only as often as a sign-in may: the
  // slot is taken before the check (app/core/auth/auth.ts).
  const slot = takeAttempt([passwordChangeLimit(user.id)], at);
  if (!slot.ok) return refuseAttempt({ done: false, mailSaved: false }, slot.retryAfterMs);
  if (!(await checkPassword(user.email, current))) {
    return data(
      { error: 'currentWrong' as const, done: false, mailSaved: false, waitMinutes: 0 },
      { status: 400 },
    );
  }
  if (next.length < PASSWORD_MIN_LENGTH) {
    // The current password was right: its failures are forgotten.
    clearAttempts(passwordChangeLimit(user.id));
    return data(
      { error: 'tooShort' as const, done: false, mailSaved: false, waitMinutes: 0 },
      { status: 400 },
    );
  }
  await changePassword(user, next, context.get(sessionTokenContext)!, at);
  return { error: null, done: true, mailSaved: false, waitMinutes: 0 };
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { user, mail } = loaderData;
  const error = actionData?.error;
  return (
    <>
      <PageTitle title={t('account.title')} />
      <h1>{t('account.title')}</h1>
      <p>
        {t('account.signedInAs', {
          name: user.name,
          email: user.email,
          role: t(`account.role.${user.role}`),
        })}
      </p>
      <h2>{t('account.changePassword')}</h2>
      {actionData?.done ? (
        <p className="notice notice--success" role="status">
          {t('account.passwordChanged')}
        </p>
      ) : null}
      <Form method="post" className="entry-form">
        <CsrfInput />
        {error === 'tooMany' ? (
          <p className="form-field__error" role="alert" id="password-change-error">
            {t('account.tooMany', { count: actionData?.waitMinutes ?? 0 })}
          </p>
        ) : null}
        <div className={error === 'currentWrong' ? 'form-field form-field--invalid' : 'form-field'}>
          <label htmlFor="current-password">{t('account.currentPassword')}</label>
          <input
            id="current-password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={error === 'currentWrong' || undefined}
            aria-describedby={error === 'currentWrong' ? 'current-password-error' : undefined}
          />
          {error === 'currentWrong' ? (
            <p className="form-field__error" id="current-password-error" role="alert">
              {t('account.currentWrong')}
            </p>
          ) : null}
        </div>
        <div className={error === 'tooShort' ? 'form-field form-field--invalid' : 'form-field'}>
          <label htmlFor="new-password">{t('account.newPassword')}</label>
          <p className="form-field__hint" id="new-password-hint">
            {t('account.newPasswordHint')}
          </p>
          <input
            id="new-password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            minLength={12}
            required
            aria-invalid={error === 'tooShort' || undefined}
            aria-describedby={
              error === 'tooShort' ? 'new-password-error new-password-hint' : 'new-password-hint'
            }
          />
          {error === 'tooShort' ? (
            <p className="form-field__error" id="new-password-error" role="alert">
              {t('account.tooShort')}
            </p>
          ) : null}
        </div>
        <p>
          <button type="submit">{t('account.changePassword')}</button>
        </p>
      </Form>
      <h2 id="mail-settings">{t('mail.settings.title')}</h2>
      {actionData?.mailSaved ? (
        <p className="notice notice--success" role="status">
          {t('mail.settings.saved')}
        </p>
      ) : null}
      <Form method="post" className="entry-form" aria-labelledby="mail-settings">
        <CsrfInput />
        <input type="hidden" name="intent" value="mail-settings" />
        <div
          className={error === 'languageInvalid' ? 'form-field form-field--invalid' : 'form-field'}
        >
          <label htmlFor="mail-language">{t('mail.settings.language')}</label>
          <select
            id="mail-language"
            name="language"
            defaultValue={mail.language}
            aria-invalid={error === 'languageInvalid' || undefined}
            aria-describedby={error === 'languageInvalid' ? 'mail-language-error' : undefined}
          >
            {HUB_LANGUAGES.map((lang) => (
              <option key={lang} value={lang} lang={lang === 'zh' ? 'zh-Hans' : lang}>
                {LANG_NAMES[lang]}
              </option>
            ))}
          </select>
          {error === 'languageInvalid' ? (
            <p className="form-field__error" id="mail-language-error" role="alert">
              {t('mail.settings.languageInvalid')}
            </p>
          ) : null}
        </div>
        <div className="form-field form-field--check">
          <input
            id="mail-reminders"
            name="reminders"
            type="checkbox"
            defaultChecked={!mail.remindersOff}
            aria-describedby="mail-reminders-hint"
          />
          <label htmlFor="mail-reminders">{t('mail.settings.reminders')}</label>
          <p className="form-field__hint" id="mail-reminders-hint">
            {t('mail.settings.remindersHint')}
          </p>
        </div>
        <p>
          <button type="submit">{t('mail.settings.submit')}</button>
        </p>
      </Form>
    </>
  );
}

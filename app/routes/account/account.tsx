import { Form, data } from 'react-router';

import { changePassword, checkPassword } from '../../../db/queries/users.server';
import { authorize, sessionTokenContext } from '../../auth.server';
import { PageTitle } from '../../components/page-title';
import { PASSWORD_MIN_LENGTH } from '../../lib/auth';
import { CsrfInput } from '../../components/csrf-input';
import type { Route } from './+types/account';
import { useTranslation } from '../../i18n/hooks';

export function loader({ request, context }: Route.LoaderArgs) {
  const user = authorize(context, request, 'routes/account/account.tsx');
  return { user: { name: user.name, email: user.email, role: user.role } };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = authorize(context, request, 'routes/account/account.tsx');
  const form = await request.formData();
  const current = String(form.get('currentPassword') ?? '');
  const next = String(form.get('newPassword') ?? '');
  if (!(await checkPassword(user.email, current))) {
    return data({ error: 'currentWrong' as const, done: false }, { status: 400 });
  }
  if (next.length < PASSWORD_MIN_LENGTH) {
    return data({ error: 'tooShort' as const, done: false }, { status: 400 });
  }
  await changePassword(user.id, next, context.get(sessionTokenContext)!);
  return { error: null, done: true };
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { user } = loaderData;
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
    </>
  );
}

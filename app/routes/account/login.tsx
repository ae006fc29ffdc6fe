import { Form, data, redirect } from 'react-router';

import {
  checkPassword,
  countRecentLoginFailures,
  createSession,
  recordLoginFailure,
} from '../../../db/queries/users.server';
import { authorize, sessionCookie } from '../../auth.server';
import { PageTitle } from '../../components/page-title';
import { langFromPath, localizePath } from '../../i18n/config';
import { LOGIN_MAX_FAILURES } from '../../lib/auth';
import { now } from '../../lib/clock';
import { safeRedirectPath } from '../../lib/safe-redirect';
import { CsrfInput } from '../../components/csrf-input';
import type { Route } from './+types/login';
import { useTranslation } from '../../i18n/hooks';

/**
 * The client's address for the per-address limit. react-router-serve does not pass the socket
 * address into the request, so it is read from X-Forwarded-For (set by the proxy in front of the
 * hub); without one, only the per-account limit applies.
 */
function clientAddress(request: Request): string | null {
  return request.headers.get('X-Forwarded-For')?.split(',')[0]?.trim() || null;
}

export function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  return {
    next: safeRedirectPath(
      url.searchParams.get('next'),
      localizePath('/', langFromPath(url.pathname)),
    ),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  authorize(context, request, 'routes/account/login.tsx');
  const form = await request.formData();
  const email = String(form.get('email') ?? '')
    .trim()
    .toLowerCase();
  const password = String(form.get('password') ?? '');
  const lang = langFromPath(new URL(request.url).pathname);
  const next = safeRedirectPath(form.get('next'), localizePath('/', lang));
  const ip = clientAddress(request) ?? 'no-address';
  const at = now();
  const failures = countRecentLoginFailures(email, clientAddress(request) ? ip : '\u0000', at);
  if (failures >= LOGIN_MAX_FAILURES) {
    return data({ error: 'tooMany' as const, email }, { status: 429 });
  }
  const user = email && password ? await checkPassword(email, password) : null;
  if (!user) {
    recordLoginFailure(email, ip, at);
    return data({ error: 'wrong' as const, email }, { status: 400 });
  }
  const token = createSession(user.id, at);
  return redirect(next, { status: 303, headers: { 'Set-Cookie': sessionCookie(token) } });
}

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const error = actionData?.error;
  return (
    <>
      <PageTitle title={t('account.loginTitle')} />
      <h1>{t('account.loginTitle')}</h1>
      <p>{t('account.loginLead')}</p>
      {/* A full page load, so the new session's page (and header) come fresh from the server. */}
      <Form method="post" className="entry-form" reloadDocument>
        <CsrfInput />
        <input type="hidden" name="next" value={loaderData.next} />
        {error ? (
          <p className="form-field__error" role="alert" id="login-error">
            {t(error === 'tooMany' ? 'account.tooMany' : 'account.wrong')}
          </p>
        ) : null}
        <div className="form-field">
          <label htmlFor="login-email">{t('account.email')}</label>
          <input
            id="login-email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={actionData?.email ?? ''}
            aria-describedby={error ? 'login-error' : undefined}
          />
        </div>
        <div className="form-field">
          <label htmlFor="login-password">{t('account.password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
        </div>
        <p>
          <button type="submit">{t('account.submit')}</button>
        </p>
      </Form>
    </>
  );
}

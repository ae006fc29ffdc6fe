import { Form, data, redirect } from 'react-router';

import { takeAttempt } from '../../core/auth/attempt-limits.server';
import { checkPassword, recordFailedSignIn, signIn } from '../../core/auth/users.server';
import { authorize } from '../../core/auth/authorize.server';
import { sessionCookie } from '../../core/http/cookies.server';
import { sessionTokenContext } from '../../core/http/session.server';
import { PageTitle } from '../../core/ui/page-title';
import { langFromPath, localizePath } from '../../core/i18n/config';
import { limitedAddress, signInLimits } from '../../core/auth/auth';
import { now } from '../../core/clock';
import { clientAddress } from '../../core/http/request-rules.server';
import { safeRedirectPath } from '../../core/http/safe-redirect';
import { CsrfInput } from '../../core/ui/csrf-input';
import type { Route } from './+types/login';
import { refuseAttempt } from './attempt-refusal.server';
import { useTranslation } from '../../core/i18n/hooks';
import { hasReportsAskedOf } from '../reporting/round-asks.server';

/** The home page in any language: no page the person asked for. */
const isHomePath = (path: string) => /^\/(?:zh|de)?\/?$/.test(path);

export function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  return {
    next: safeRedirectPath(
      url.searchParams.get('next'),
      localizePath('/', langFromPath(url.pathname)),
    ),
  };
}

/** A refusal's Retry-After (attempt-refusal.server.ts) goes out with the page. */
export function headers({ actionHeaders }: Route.HeadersArgs) {
  return actionHeaders;
}

export async function action({ request, context }: Route.ActionArgs) {
  authorize(context, request, 'account.sign-in');
  const form = await request.formData();
  const email = String(form.get('email') ?? '')
    .trim()
    .toLowerCase();
  const password = String(form.get('password') ?? '');
  const lang = langFromPath(new URL(request.url).pathname);
  const home = localizePath('/', lang);
  const next = safeRedirectPath(form.get('next'), home);
  if (!email || !password) {
    return data({ error: 'wrong' as const, email, waitMinutes: 0 }, { status: 400 });
  }
  // The connection's address (or the trusted proxy's word for it: HUB_TRUST_PROXY), never a
  // header the client writes itself.
  const address = limitedAddress(clientAddress(context));
  const limits = signInLimits(email, address);
  const at = now();
  // The slot is taken before the password is checked: concurrent guesses cannot all get through.
  const slot = takeAttempt([limits.accountAndAddress, limits.address], at);
  if (!slot.ok) return refuseAttempt({ email }, slot.retryAfterMs);
  const user = await checkPassword(email, password);
  if (!user) {
    recordFailedSignIn({ at, email, address });
    return data({ error: 'wrong' as const, email, waitMinutes: 0 }, { status: 400 });
  }
  const token = signIn(user, { at, address, previousToken: context.get(sessionTokenContext) });
  // Without a page to go back to (none, or the home page), an implementer with reports asked of
  // them in an open round goes to the reporting page first.
  const target =
    isHomePath(next) && hasReportsAskedOf(user) ? localizePath('/reporting', lang) : next;
  return redirect(target, { status: 303, headers: { 'Set-Cookie': sessionCookie(token) } });
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
            {error === 'tooMany'
              ? t('account.tooMany', { count: actionData.waitMinutes })
              : t('account.wrong')}
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

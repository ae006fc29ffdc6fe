import { useEffect, useRef } from 'react';
import { NavLink, useLocation } from 'react-router';

import { HTML_LANG, LANGS, LANG_NAMES, stripLang } from '../i18n/config';
import { useLang, useLocalizePath, useTranslation } from '../i18n/hooks';
import { CsrfInput } from './csrf-input';
import { useRootData } from './root-data';

/*
 * The site header: the brand, the language switcher and the account on the first row, the main
 * navigation on the second. On a narrow screen the navigation folds behind a "Menu" disclosure
 * (a <details> whose summary shows and hides the <nav> right after it, by CSS), so it works
 * without JavaScript and the links are in the HTML once (decision 0055).
 */

function AccountMenu() {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const location = useLocation();
  const data = useRootData();
  if (!data?.user) {
    return (
      <a
        className="account-link"
        href={to(`/login?next=${encodeURIComponent(location.pathname + location.search)}`)}
      >
        {t('account.signIn')}
      </a>
    );
  }
  const { role } = data.user;
  return (
    <details className="account-menu header-popup">
      <summary>
        <span className="visually-hidden">{t('site.accountMenu')}: </span>
        <span className="account-menu__name">{data.user.name}</span>
      </summary>
      <ul className="header-popup__panel">
        <li>
          <a href={to('/account')}>{t('account.title')}</a>
        </li>
        {role === 'admin' || role === 'editor' ? (
          <li>
            <a href={to('/import')}>{t('importPage.navLink')}</a>
          </li>
        ) : null}
        {role === 'admin' ? (
          <>
            <li>
              <a href={to('/admin/audit')}>{t('audit.title')}</a>
            </li>
            <li>
              <a href={to('/admin/outbox')}>{t('mail.outbox.title')}</a>
            </li>
          </>
        ) : null}
        <li>
          <form method="post" action={to('/logout')}>
            <CsrfInput />
            <button type="submit">{t('account.signOut')}</button>
          </form>
        </li>
      </ul>
    </details>
  );
}

function LanguageSwitcher() {
  const { t } = useTranslation();
  const lang = useLang();
  const location = useLocation();
  const next = `${stripLang(location.pathname)}${location.search}`;
  return (
    <nav aria-label={t('site.languageLabel')} className="lang-switcher">
      <ul>
        {LANGS.map((l) => (
          <li key={l}>
            <a
              href={`/language?to=${l}&next=${encodeURIComponent(next)}`}
              lang={HTML_LANG[l]}
              hrefLang={HTML_LANG[l]}
              aria-current={l === lang ? 'true' : undefined}
            >
              {LANG_NAMES[l]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * With JavaScript: a client-side navigation closes the header's open disclosures, and Escape
 * closes the one the focus is in, putting the focus back on its summary.
 */
function useClosing(header: React.RefObject<HTMLElement | null>) {
  const { pathname, search } = useLocation();
  const shown = useRef(pathname + search);
  useEffect(() => {
    // Not on hydration: a menu opened before the scripts arrived stays open.
    if (shown.current === pathname + search) return;
    shown.current = pathname + search;
    for (const details of header.current?.querySelectorAll('details[open]') ?? []) {
      details.removeAttribute('open');
    }
  }, [header, pathname, search]);
  useEffect(() => {
    const element = header.current;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const details = (event.target as HTMLElement).closest('details[open]');
      const summary = details?.querySelector('summary');
      if (details && summary) {
        details.removeAttribute('open');
        summary.focus();
      }
    };
    element?.addEventListener('keydown', onKeyDown);
    return () => element?.removeEventListener('keydown', onKeyDown);
  }, [header]);
}

export function SiteHeader({ withFilter }: { withFilter: (target: string) => string }) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const header = useRef<HTMLElement>(null);
  const isSignedIn = Boolean(useRootData()?.user);
  useClosing(header);
  const links = [
    ['/', 'site.overview', true],
    [withFilter('/projects'), 'site.projects'],
    [withFilter('/map'), 'site.map'],
    [withFilter('/timeline'), 'site.timeline'],
    [withFilter('/milestones'), 'site.milestones'],
    [withFilter('/dashboard'), 'site.dashboard'],
    ['/organisations', 'site.organisations'],
    ['/events', 'site.events'],
    ['/topics', 'site.topics'],
    ['/knowledge', 'site.knowledge'],
    ['/search', 'site.search'],
    // Reporting rounds are for accounts only (app/features/reporting).
    ...(isSignedIn ? ([['/reporting', 'reporting.nav']] as const) : []),
  ] as const satisfies readonly (readonly [string, string, boolean?])[];
  return (
    <header className="site-header" ref={header}>
      <div className="wrap site-header__inner">
        <NavLink to={to('/')} className="brand" end>
          {t('site.name')}
        </NavLink>
        <div className="site-tools">
          <LanguageSwitcher />
          <AccountMenu />
        </div>
        <details className="menu-toggle">
          <summary aria-controls="site-nav">{t('site.menu')}</summary>
        </details>
        <nav id="site-nav" className="site-nav" aria-label={t('site.navLabel')}>
          <ul className="nav-list">
            {links.map(([target, key, end]) => (
              <li key={key}>
                <NavLink to={to(target)} end={end === true}>
                  {t(key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}

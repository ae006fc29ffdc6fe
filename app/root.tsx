import {
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteLoaderData,
} from 'react-router';

import { getDatasetInfo } from '../db/queries/meta.server';
import type { Route } from './+types/root';
import './app.css';

export function loader() {
  return { dataset: getDatasetInfo() };
}

// Whether the database is synthetic does not change while the server runs.
export function shouldRevalidate() {
  return false;
}

export function meta({ error }: Route.MetaArgs): Route.MetaDescriptors {
  if (!error) return [{ title: 'IKI China portfolio hub' }];
  const isNotFound = isRouteErrorResponse(error) && error.status === 404;
  return [{ title: `${isNotFound ? 'Page not found' : 'Error'} · IKI China portfolio hub` }];
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="wrap site-header__inner">
            <NavLink to="/" className="brand" end>
              IKI China portfolio hub
            </NavLink>
            <nav aria-label="Main">
              <ul className="nav-list">
                <li>
                  <NavLink to="/" end>
                    Overview
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/projects">Projects</NavLink>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        {data?.dataset.isSynthetic ? (
          <p className="synthetic-banner" role="note">
            Synthetic demo data — generated for scale tests; none of these projects is real.
          </p>
        ) : null}
        <main id="main" className="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <p>
              Facts come from public pages of the International Climate Initiative (IKI), GIZ and
              partners; every record links its sources. Unknown values are shown as “not published”,
              never guessed.
            </p>
          </div>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  if (isRouteErrorResponse(error)) {
    const isNotFound = error.status === 404;
    return (
      <section className="error-page">
        <h1>{isNotFound ? 'Page not found' : `Error ${error.status}`}</h1>
        <p>
          {isNotFound
            ? 'There is nothing at this address. It may have been mistyped, or the record does not exist.'
            : 'The request could not be completed.'}
        </p>
        <p>
          <a href="/projects">Browse all projects</a>
        </p>
      </section>
    );
  }
  return (
    <section className="error-page">
      <h1>Something went wrong</h1>
      <p>An unexpected error occurred. Please try again; if it persists, tell the hub team.</p>
    </section>
  );
}

import { createContext, useContext } from 'react';
import { Link, type LinkProps } from 'react-router';

/**
 * Whether the page runs the app in the browser. The document shell (root.tsx) sets it to false for
 * server-only pages (lib/page-handle.ts); in the browser it is always true.
 */
export const HydratedContext = createContext(true);

/**
 * A link to a page of the hub: React Router's Link where the app runs in the browser (client-side
 * navigation), a plain <a> on a server-only page, where Link can do nothing more but costs a few
 * hooks per link to render (a sixth of the render time of /timeline, /milestones, /projects and
 * /dashboard at 10 000 projects in a CPU profile).
 */
export function AppLink({ to, children, ...props }: LinkProps & { to: string }) {
  const hydrated = useContext(HydratedContext);
  if (hydrated) {
    return (
      <Link to={to} {...props}>
        {children}
      </Link>
    );
  }
  const {
    discover: _discover,
    prefetch: _prefetch,
    reloadDocument: _reloadDocument,
    replace: _replace,
    state: _state,
    preventScrollReset: _preventScrollReset,
    relative: _relative,
    viewTransition: _viewTransition,
    ...anchor
  } = props;
  return (
    <a href={to} {...anchor}>
      {children}
    </a>
  );
}

import { useRouteLoaderData } from 'react-router';

import type { loader as rootLoader } from '../root';

/** The hidden CSRF field every POST form carries (checked by the security middleware). */
export function CsrfInput() {
  const data = useRouteLoaderData<typeof rootLoader>('root');
  return <input type="hidden" name="_csrf" value={data?.csrfToken ?? ''} />;
}

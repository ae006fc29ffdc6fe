import { useRouteLoaderData } from 'react-router';

import type { DatasetInfo } from '../../../db/meta.server';
import type { UserRole } from '../../../db/vocabulary';

/** What the root route's loader gives every page (app/root.tsx). */
export interface RootData {
  dataset: DatasetInfo;
  origin: string;
  user: { name: string; role: UserRole } | null;
  csrfToken: string;
  nonce: string;
}

/** The root route's data, from any component (undefined while an error page renders). */
export const useRootData = () => useRouteLoaderData<RootData>('root');

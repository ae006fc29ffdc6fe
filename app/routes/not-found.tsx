import { data } from 'react-router';

import type { Route } from './+types/not-found';

export function loader() {
  throw data(null, { status: 404 });
}

export function meta(): Route.MetaDescriptors {
  return [{ title: 'Page not found · IKI China portfolio hub' }];
}

export default function NotFound() {
  return null;
}

import { type RouteConfig, index, route } from '@react-router/dev/routes';

export default [
  index('routes/home.tsx'),
  route('projects', 'routes/projects/list.tsx'),
  route('projects/:slug', 'routes/projects/detail.tsx'),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;

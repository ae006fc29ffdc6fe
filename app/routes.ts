import { type RouteConfig, index, prefix, route } from '@react-router/dev/routes';

// Every page exists once per language: unprefixed English, /zh/… and /de/….
function pages(lang: 'en' | 'zh' | 'de') {
  const id = (name: string) => `${lang}/${name}`;
  return [
    index('routes/home.tsx', { id: id('home') }),
    route('projects', 'routes/projects/list.tsx', { id: id('projects') }),
    route('projects/:slug', 'routes/projects/detail.tsx', { id: id('project') }),
    route('projects/:slug/milestones/new', 'routes/projects/milestone-new.tsx', {
      id: id('milestone-new'),
    }),
    route('projects/:slug/milestones/:milestoneId/update', 'routes/projects/milestone-update.tsx', {
      id: id('milestone-update'),
    }),
    route('map', 'routes/map.tsx', { id: id('map') }),
    route('search', 'routes/search.tsx', { id: id('search') }),
    route('milestones', 'routes/milestones.tsx', { id: id('milestones') }),
    route('timeline', 'routes/timeline.tsx', { id: id('timeline') }),
    route('dashboard', 'routes/dashboard.tsx', { id: id('dashboard') }),
    route('organisations', 'routes/organisations/list.tsx', { id: id('organisations') }),
    route('organisations/network', 'routes/organisations/network.tsx', {
      id: id('organisations-network'),
    }),
    route('organisations/:slug', 'routes/organisations/detail.tsx', { id: id('organisation') }),
    route('organisations/:slug/brief', 'routes/organisations/brief.tsx', {
      id: id('organisation-brief'),
    }),
    route('events', 'routes/events/list.tsx', { id: id('events') }),
    route('events/:slug', 'routes/events/detail.tsx', { id: id('event') }),
    route('topics', 'routes/topics/list.tsx', { id: id('topics') }),
    route('topics/:slug', 'routes/topics/detail.tsx', { id: id('topic') }),
    route('login', 'routes/account/login.tsx', { id: id('login') }),
    route('logout', 'routes/account/logout.ts', { id: id('logout') }),
    route('account', 'routes/account/account.tsx', { id: id('account') }),
  ];
}

export default [
  ...pages('en'),
  ...prefix('zh', pages('zh')),
  ...prefix('de', pages('de')),
  route('language', 'routes/language.ts'),
  route('api/map', 'routes/api/map.ts'),
  route('api/dashboard/:file', 'routes/api/dashboard-csv.ts'),
  route('api/projects', 'routes/api/projects.ts'),
  route('api/projects/:slug', 'routes/api/project.ts'),
  route('api/milestones', 'routes/api/milestones.ts'),
  route('api/events', 'routes/api/events.ts'),
  route('api/organisations', 'routes/api/organisations.ts'),
  route('export/:file', 'routes/export/file.ts'),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;

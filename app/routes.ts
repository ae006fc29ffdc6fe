import { type RouteConfig, index, prefix, route } from '@react-router/dev/routes';

// Every page exists once per language: unprefixed English, /zh/… and /de/….
function pages(lang: 'en' | 'zh' | 'de') {
  const id = (name: string) => `${lang}/${name}`;
  return [
    index('routes/home.tsx', { id: id('home') }),
    route('projects', 'routes/projects/list.tsx', { id: id('projects') }),
    route('projects/new', 'routes/projects/new.tsx', { id: id('project-new') }),
    route('projects/:slug', 'routes/projects/detail.tsx', { id: id('project') }),
    route('projects/:slug/edit', 'routes/projects/edit.tsx', { id: id('project-edit') }),
    route('projects/:slug/links', 'routes/projects/links.tsx', { id: id('project-links') }),
    route('projects/:slug/history', 'routes/records/history.tsx', { id: id('project-history') }),
    route('projects/:slug/delete', 'routes/records/delete.tsx', { id: id('project-delete') }),
    route('projects/:slug/milestones/new', 'routes/projects/milestone-new.tsx', {
      id: id('milestone-new'),
    }),
    route('projects/:slug/milestones/:milestoneId/update', 'routes/projects/milestone-update.tsx', {
      id: id('milestone-update'),
    }),
    route('projects/:slug/milestones/:milestoneId/edit', 'routes/projects/milestone-edit.tsx', {
      id: id('milestone-edit'),
    }),
    route('projects/:slug/milestones/:milestoneId/delete', 'routes/records/delete.tsx', {
      id: id('milestone-delete'),
    }),
    route(
      'projects/:slug/milestones/:milestoneId/updates/:updateId/edit',
      'routes/projects/progress-update-edit.tsx',
      { id: id('progress-update-edit') },
    ),
    route(
      'projects/:slug/milestones/:milestoneId/updates/:updateId/delete',
      'routes/records/delete.tsx',
      { id: id('progress-update-delete') },
    ),
    route('map', 'routes/map.tsx', { id: id('map') }),
    route('search', 'routes/search.tsx', { id: id('search') }),
    route('milestones', 'routes/milestones.tsx', { id: id('milestones') }),
    route('timeline', 'routes/timeline.tsx', { id: id('timeline') }),
    route('dashboard', 'routes/dashboard.tsx', { id: id('dashboard') }),
    route('organisations', 'routes/organisations/list.tsx', { id: id('organisations') }),
    route('organisations/network', 'routes/organisations/network.tsx', {
      id: id('organisations-network'),
    }),
    route('organisations/new', 'routes/organisations/new.tsx', { id: id('organisation-new') }),
    route('organisations/:slug', 'routes/organisations/detail.tsx', { id: id('organisation') }),
    route('organisations/:slug/edit', 'routes/organisations/edit.tsx', {
      id: id('organisation-edit'),
    }),
    route('organisations/:slug/history', 'routes/records/history.tsx', {
      id: id('organisation-history'),
    }),
    route('organisations/:slug/delete', 'routes/records/delete.tsx', {
      id: id('organisation-delete'),
    }),
    route('organisations/:slug/brief', 'routes/organisations/brief.tsx', {
      id: id('organisation-brief'),
    }),
    route('events', 'routes/events/list.tsx', { id: id('events') }),
    route('events/new', 'routes/events/new.tsx', { id: id('event-new') }),
    route('events/:slug', 'routes/events/detail.tsx', { id: id('event') }),
    route('events/:slug/edit', 'routes/events/edit.tsx', { id: id('event-edit') }),
    route('events/:slug/history', 'routes/records/history.tsx', { id: id('event-history') }),
    route('events/:slug/delete', 'routes/records/delete.tsx', { id: id('event-delete') }),
    route('topics', 'routes/topics/list.tsx', { id: id('topics') }),
    route('topics/:slug', 'routes/topics/detail.tsx', { id: id('topic') }),
    route('login', 'routes/account/login.tsx', { id: id('login') }),
    route('logout', 'routes/account/logout.ts', { id: id('logout') }),
    route('account', 'routes/account/account.tsx', { id: id('account') }),
    route('admin/audit', 'routes/admin/audit.tsx', { id: id('audit') }),
    route('import', 'routes/import.tsx', { id: id('import') }),
  ];
}

export default [
  ...pages('en'),
  ...prefix('zh', pages('zh')),
  ...prefix('de', pages('de')),
  route('language', 'routes/language.ts'),
  route('locator-basemap.svg', 'routes/locator-basemap.ts'),
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

import { type RouteConfig, index, prefix, route } from '@react-router/dev/routes';

// Every page exists once per language: unprefixed English, /zh/… and /de/….
function pages(lang: 'en' | 'zh' | 'de') {
  const id = (name: string) => `${lang}/${name}`;
  return [
    index('features/home/home.tsx', { id: id('home') }),
    route('projects', 'features/projects/list.tsx', { id: id('projects') }),
    route('projects/new', 'features/projects/new.tsx', { id: id('project-new') }),
    route('projects/:slug', 'features/projects/detail.tsx', { id: id('project') }),
    route('projects/:slug/edit', 'features/projects/edit.tsx', { id: id('project-edit') }),
    route('projects/:slug/links', 'features/projects/links.tsx', { id: id('project-links') }),
    route('projects/:slug/history', 'features/records/history.tsx', { id: id('project-history') }),
    route('projects/:slug/delete', 'features/records/delete.tsx', { id: id('project-delete') }),
    route('projects/:slug/milestones/new', 'features/milestones/milestone-new.tsx', {
      id: id('milestone-new'),
    }),
    route(
      'projects/:slug/milestones/:milestoneId/update',
      'features/milestones/milestone-update.tsx',
      {
        id: id('milestone-update'),
      },
    ),
    route('projects/:slug/milestones/:milestoneId/edit', 'features/milestones/milestone-edit.tsx', {
      id: id('milestone-edit'),
    }),
    route('projects/:slug/milestones/:milestoneId/delete', 'features/records/delete.tsx', {
      id: id('milestone-delete'),
    }),
    route(
      'projects/:slug/milestones/:milestoneId/updates/:updateId/edit',
      'features/milestones/progress-update-edit.tsx',
      { id: id('progress-update-edit') },
    ),
    route(
      'projects/:slug/milestones/:milestoneId/updates/:updateId/delete',
      'features/records/delete.tsx',
      { id: id('progress-update-delete') },
    ),
    route('projects/:slug/indicators/new', 'features/indicators/indicator-new.tsx', {
      id: id('indicator-new'),
    }),
    route('projects/:slug/indicators/:indicatorId/edit', 'features/indicators/indicator-edit.tsx', {
      id: id('indicator-edit'),
    }),
    route('projects/:slug/indicators/:indicatorId/delete', 'features/records/delete.tsx', {
      id: id('indicator-delete'),
    }),
    route(
      'projects/:slug/indicators/:indicatorId/periods/new',
      'features/indicators/period-form.tsx',
      {
        id: id('indicator-period-new'),
      },
    ),
    route(
      'projects/:slug/indicators/:indicatorId/periods/:periodId/edit',
      'features/indicators/period-form.tsx',
      { id: id('indicator-period-edit') },
    ),
    route(
      'projects/:slug/indicators/:indicatorId/periods/:periodId/delete',
      'features/records/delete.tsx',
      { id: id('indicator-period-delete') },
    ),
    route('indicators/standard', 'features/indicators/standard-list.tsx', {
      id: id('standard-indicators'),
    }),
    route('indicators/standard/new', 'features/indicators/standard-form.tsx', {
      id: id('standard-indicator-new'),
    }),
    route('indicators/standard/:id/edit', 'features/indicators/standard-form.tsx', {
      id: id('standard-indicator-edit'),
    }),
    route('map', 'features/map/map-page.tsx', { id: id('map') }),
    route('search', 'features/search/search-page.tsx', { id: id('search') }),
    route('milestones', 'features/milestones/milestones-page.tsx', { id: id('milestones') }),
    route('timeline', 'features/timeline/timeline-page.tsx', { id: id('timeline') }),
    route('dashboard', 'features/dashboard/dashboard-page.tsx', { id: id('dashboard') }),
    route('report', 'features/pack/print-page.tsx', { id: id('pack') }),
    route('organisations', 'features/organisations/list.tsx', { id: id('organisations') }),
    route('organisations/network', 'features/organisations/network.tsx', {
      id: id('organisations-network'),
    }),
    route('organisations/new', 'features/organisations/new.tsx', { id: id('organisation-new') }),
    route('organisations/:slug', 'features/organisations/detail.tsx', { id: id('organisation') }),
    route('organisations/:slug/edit', 'features/organisations/edit.tsx', {
      id: id('organisation-edit'),
    }),
    route('organisations/:slug/history', 'features/records/history.tsx', {
      id: id('organisation-history'),
    }),
    route('organisations/:slug/delete', 'features/records/delete.tsx', {
      id: id('organisation-delete'),
    }),
    route('organisations/:slug/brief', 'features/organisations/brief.tsx', {
      id: id('organisation-brief'),
    }),
    route('events', 'features/events/list.tsx', { id: id('events') }),
    route('events/new', 'features/events/new.tsx', { id: id('event-new') }),
    route('events/:slug', 'features/events/detail.tsx', { id: id('event') }),
    route('events/:slug/edit', 'features/events/edit.tsx', { id: id('event-edit') }),
    route('events/:slug/history', 'features/records/history.tsx', { id: id('event-history') }),
    route('events/:slug/delete', 'features/records/delete.tsx', { id: id('event-delete') }),
    route('topics', 'features/topics/list.tsx', { id: id('topics') }),
    route('topics/:slug', 'features/topics/detail.tsx', { id: id('topic') }),
    route('login', 'features/accounts/login.tsx', { id: id('login') }),
    route('logout', 'features/accounts/logout.ts', { id: id('logout') }),
    route('account', 'features/accounts/account.tsx', { id: id('account') }),
    route('admin/audit', 'features/records/audit.tsx', { id: id('audit') }),
    route('admin/outbox', 'features/reporting/outbox.tsx', { id: id('outbox') }),
    route('reporting/unsubscribe', 'features/reporting/unsubscribe.tsx', {
      id: id('reporting-unsubscribe'),
    }),
    route('import', 'features/iati/import-page.tsx', { id: id('import') }),
    route('changes', 'features/feeds/changes-page.tsx', { id: id('changes') }),
    route('feeds/changes.atom', 'features/feeds/feed-file.ts', { id: id('feed-changes') }),
    route('feeds/:scope/:file', 'features/feeds/feed-file.ts', { id: id('feed-of') }),
    route('reporting', 'features/reporting/reporting-page.tsx', { id: id('reporting') }),
    route('reporting/new', 'features/reporting/round-new.tsx', { id: id('round-new') }),
    route('reporting/:round', 'features/reporting/board-page.tsx', { id: id('round-board') }),
    route('reporting/:round/edit', 'features/reporting/round-edit.tsx', { id: id('round-edit') }),
    route('reporting/:round/projects', 'features/reporting/round-projects.tsx', {
      id: id('round-projects'),
    }),
    // The Interface Workshop pack's print view (issue #31); a static segment outranks :project.
    route('reporting/:round/report', 'features/pack/print-page.tsx', { id: id('round-pack') }),
    route('reporting/:round/:project', 'features/reporting/report-page.tsx', {
      id: id('report'),
    }),
    route('reporting/:round/:project/review', 'features/reporting/report-review.tsx', {
      id: id('report-review'),
    }),
    ...knowledgePages(lang),
  ];
}

// Knowledge exchange (issue #30): entries, answers, documents and open-space sessions.
function knowledgePages(lang: 'en' | 'zh' | 'de') {
  const id = (name: string) => `${lang}/${name}`;
  return [
    route('knowledge/new', 'features/knowledge/entry-form-page.tsx', { id: id('knowledge-new') }),
    route('knowledge/drafts', 'features/knowledge/drafts-page.tsx', {
      id: id('knowledge-drafts'),
    }),
    route('knowledge/:slug', 'features/knowledge/entry-page.tsx', { id: id('knowledge-entry') }),
    route('knowledge/:slug/edit', 'features/knowledge/entry-form-page.tsx', {
      id: id('knowledge-edit'),
    }),
    route('knowledge/:slug/review', 'features/knowledge/entry-review.tsx', {
      id: id('knowledge-review'),
    }),
    route('knowledge/:slug/history', 'features/records/history.tsx', {
      id: id('knowledge-history'),
    }),
    route('knowledge/:slug/delete', 'features/records/delete.tsx', {
      id: id('knowledge-delete'),
    }),
    route('documents', 'features/documents/list.tsx', { id: id('documents') }),
    route('documents/new', 'features/documents/new.tsx', { id: id('document-new') }),
    route('documents/:id', 'features/documents/detail.tsx', { id: id('document') }),
    route('documents/:id/file', 'features/documents/file.ts', { id: id('document-file') }),
    route('documents/:id/edit', 'features/documents/edit.tsx', { id: id('document-edit') }),
    route('documents/:id/delete', 'features/records/delete.tsx', { id: id('document-delete') }),
    route('knowledge', 'features/knowledge/knowledge-list-page.tsx', { id: id('knowledge') }),
    route('knowledge/answers', 'features/knowledge/answers-queue.tsx', {
      id: id('knowledge-answers-queue'),
    }),
    route('knowledge/:slug/answers', 'features/knowledge/answers-page.tsx', {
      id: id('knowledge-answers'),
    }),
    route('knowledge/:slug/resolve', 'features/knowledge/answers-resolve.tsx', {
      id: id('knowledge-resolve'),
    }),
    route('events/:slug/sessions/new', 'features/sessions/session-page.tsx', {
      id: id('event-session-new'),
    }),
    route('events/:slug/sessions/:sessionId/edit', 'features/sessions/session-page.tsx', {
      id: id('event-session-edit'),
    }),
    route('events/:slug/sessions/:sessionId/delete', 'features/records/delete.tsx', {
      id: id('event-session-delete'),
    }),
  ];
}

export default [
  ...pages('en'),
  ...prefix('zh', pages('zh')),
  ...prefix('de', pages('de')),
  route('language', 'core/i18n/language.ts'),
  route('locator-basemap.svg', 'features/locator/locator-basemap.ts'),
  route('api/map', 'features/map/api-map.ts'),
  route('api/dashboard/:file', 'features/dashboard/dashboard-csv.ts'),
  route('api/projects', 'features/projects/api-projects.ts'),
  route('api/projects/:slug', 'features/projects/api-project.ts'),
  route('api/milestones', 'features/milestones/api-milestones.ts'),
  route('api/indicators', 'features/indicators/api-indicators.ts'),
  route('api/events', 'features/events/api-events.ts'),
  route('api/organisations', 'features/organisations/api-organisations.ts'),
  route('export/:file', 'features/exports/export-file.ts'),
  route('reporting/:round/board.csv', 'features/reporting/board-csv.ts'),
  // The workshop pack's files (issue #31): a period's, public; a round's, signed in.
  route('report.pptx', 'features/pack/pack-file.ts', { id: 'pack-pptx' }),
  route('report.docx', 'features/pack/pack-file.ts', { id: 'pack-docx' }),
  route('reporting/:round/report.pptx', 'features/pack/pack-file.ts', { id: 'round-pack-pptx' }),
  route('reporting/:round/report.docx', 'features/pack/pack-file.ts', { id: 'round-pack-docx' }),
  route('*', 'features/home/not-found.tsx'),
] satisfies RouteConfig;

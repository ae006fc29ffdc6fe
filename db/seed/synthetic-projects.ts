import { periodEnd, periodStart } from '../dates';
import type { ProjectRole, ProjectType } from '../vocabulary';
import type * as t from '../schema';
import type { ProvincesFile } from './dataset';
import {
  type DemoOrganisations,
  FUNDING_AREAS,
  type Random,
  type Row,
  partialDate,
} from './synthetic';

// The synthetic portfolio's projects, each with its source, organisations, countries, locations,
// topics and funding areas.

const WORDS = [
  'Low-Carbon',
  'Resilient',
  'Green',
  'Climate-Smart',
  'Sustainable',
  'Integrated',
  'Clean',
  'Efficient',
  'Circular',
  'Nature-Based',
];
const SUBJECTS = [
  'Cities',
  'Transport',
  'Buildings',
  'Industry Parks',
  'Power Markets',
  'Wetlands',
  'Cooling',
  'Finance',
  'Supply Chains',
  'Forests',
  'Coasts',
  'Heating',
];
/** Project i's own row: its type, dates, number, titles, funding and any earlier phase. */
function demoProject(rnd: Random, i: number): Row<typeof t.projects> & { type: ProjectType } {
  const r = rnd.next();
  const type: ProjectType =
    r < 0.75 ? 'bilateral' : r < 0.87 ? 'regional' : r < 0.92 ? 'global' : 'unknown';
  const hasDates = rnd.chance(0.9);
  const startYear = rnd.int(2008, 2028);
  const start = hasDates ? partialDate(rnd, startYear) : null;
  const end = hasDates && rnd.chance(0.95) ? partialDate(rnd, startYear + rnd.int(1, 8)) : null;
  const project = {
    id: i,
    slug: `demo-${i}`,
    ikiProjectNumber: rnd.chance(0.7)
      ? `${String(startYear % 100).padStart(2, '0')}_I_${String(i % 1000).padStart(3, '0')}`
      : null,
    title: `${rnd.pick(WORDS)} ${rnd.pick(SUBJECTS)} in China — demo project ${i}`,
    titleSourceId: i,
    titleZh: rnd.chance(0.5) ? `示例项目 ${i}` : null,
    titleZhSourceId: null,
    shortName: `Demo ${i}`,
    summary: `Synthetic project ${i}, generated for scale tests. Not a real project.`,
    type,
    scope: 'synthetic',
    statusStated: rnd.chance(0.1) ? ('completed' as const) : null,
    statusSource: null as string | null,
    startDate: start?.value ?? null,
    startPrecision: start?.precision ?? null,
    endDate: end?.value ?? null,
    endPrecision: end?.precision ?? null,
    startsOn: start ? periodStart(start) : null,
    endsOn: end ? periodEnd(end) : null,
    ikiFundingEur: rnd.chance(0.6) ? rnd.int(5, 250) * 100_000 : null,
    programme: 'IKI',
    // Every tenth project continues an earlier one, as phases do.
    predecessorId: i > 10 && i % 10 === 0 ? i - rnd.int(1, 9) : null,
    sourceId: i,
    unverified: [],
  };
  project.statusSource = project.statusStated ? 'synthetic' : null;
  return project;
}

/** The rows a synthetic project brings with it, in the tables that link it to the rest. */
export interface ProjectTables {
  projects: Row<typeof t.projects>[];
  sources: Row<typeof t.sources>[];
  projectSources: Row<typeof t.projectSources>[];
  links: Row<typeof t.projectOrganisations>[];
  projectCountries: Row<typeof t.projectCountries>[];
  locations: Row<typeof t.projectLocations>[];
  projectTopics: Row<typeof t.projectTopics>[];
  projectAreas: Row<typeof t.projectFundingAreas>[];
}

export interface ProjectContext {
  rnd: Random;
  orgs: DemoOrganisations;
  provinces: ProvincesFile['provinces'];
  places: { id: number }[];
  partnerCountries: string[];
  topicSlugs: string[];
}

/** Project i's source, organisations, countries, locations, topics and funding areas. */
function fileProject(
  { rnd, orgs, provinces, places, partnerCountries, topicSlugs }: ProjectContext,
  tables: ProjectTables,
  i: number,
  type: ProjectType,
): void {
  tables.sources.push({
    id: i,
    slug: `demo-source-${i}`,
    url: `https://example.org/demo/projects/${i}`,
    title: `Synthetic source for demo project ${i}`,
    publisher: 'synthetic',
    retrievedOn: '2026-11-29',
  });
  tables.projectSources.push({ projectId: i, sourceId: i, position: 0 });

  const link = (organisationId: number, role: ProjectRole) =>
    tables.links.push({ projectId: i, organisationId, role, asStatedBy: 'synthetic' });
  link(rnd.pick(orgs.implementers), 'implementing-organisation');
  link(rnd.pick(orgs.ministriesDe), 'commissioning-ministry');
  rnd.some(orgs.ministriesCn, rnd.int(0, 2)).forEach((id) => link(id, 'political-partner'));
  rnd.some(orgs.partners, rnd.int(0, 3)).forEach((id) => link(id, 'implementing-partner'));

  tables.projectCountries.push({ projectId: i, countryCode: 'CN' });
  if (type === 'regional') {
    rnd
      .some(partnerCountries, rnd.int(1, 4))
      .forEach((code) => tables.projectCountries.push({ projectId: i, countryCode: code }));
  }
  const locations = tables.locations;
  if (rnd.chance(0.3)) locations.push({ projectId: i, kind: 'country', countryCode: 'CN' });
  rnd
    .some(provinces, rnd.int(0, 3))
    .forEach((p) => locations.push({ projectId: i, kind: 'province', provinceCode: p.code }));
  rnd
    .some(places, rnd.int(0, 2))
    .forEach((p) => locations.push({ projectId: i, kind: 'place', placeId: p.id }));
  rnd.some(topicSlugs, rnd.int(1, 3)).forEach((slug) =>
    tables.projectTopics.push({
      projectId: i,
      topicId: topicSlugs.indexOf(slug) + 1,
      reason: 'synthetic',
    }),
  );
  rnd.some(FUNDING_AREAS, rnd.int(1, 2)).forEach((area) =>
    tables.projectAreas.push({
      projectId: i,
      fundingAreaId: FUNDING_AREAS.indexOf(area) + 1,
      isInferred: true,
    }),
  );
}

export function demoProjects(
  n: number,
  context: ProjectContext,
  onProgress?: (done: number) => void,
): ProjectTables {
  const tables: ProjectTables = {
    projects: [],
    sources: [],
    projectSources: [],
    links: [],
    projectCountries: [],
    locations: [],
    projectTopics: [],
    projectAreas: [],
  };
  for (let i = 1; i <= n; i++) {
    const project = demoProject(context.rnd, i);
    tables.projects.push(project);
    fileProject(context, tables, i, project.type);
    onProgress?.(i);
  }
  // Successors mirror predecessors.
  for (const p of tables.projects) {
    if (p.predecessorId) tables.projects[p.predecessorId - 1]!.successorId = p.id;
  }
  return tables;
}

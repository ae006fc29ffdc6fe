import { now } from '../../core/clock';
import { env } from '../../core/env.server';
import { fixedTranslation } from '../../core/i18n/hooks';
import { getInstance } from '../../core/i18n/i18next.server';
import { listIatiExportProjects } from '../iati/export.server';
import { iatiActivitiesXml } from '../iati/write';
import { getProject } from '../projects/projects.server';
import {
  apiError,
  readApiLang,
  readApiParams,
  readApiRequest,
} from '../../core/filter/api-request.server';
import { SLUG } from '../../core/filter/param-rules';
import { EXPORT_FILES } from './export-files';
import { eventsIcs, milestonesIcs } from './calendar-exports.server';
import { milestonesCsv, projectsCsv } from './csv-exports.server';
import { indicatorsCsv } from './indicators-csv.server';
import type { ExportRequest } from './export-request';
import { projectsGeojson } from './geojson-export.server';
import type { Route } from './+types/export-file';

// /export/<file>?<filter>: exactly what the shared filter selects, as a file (the names are
// EXPORT_FILES in app/features/exports/export-files.ts, which the fuzz test and the bench read).
//   projects.csv, milestones.csv — codes and labels (csv-exports.server.ts)
//   indicators.csv               — one row per indicator period (indicators-csv.server.ts);
//                                  `standard=<code>` and `unit=` narrow it as /api/indicators
//   projects.geojson             — a FeatureCollection of the projects' places, [lon, lat]
//   milestones.ics, events.ics   — calendar feeds; `project=<slug>` narrows to one project
//   iati.xml                     — IATI 2.03 activities (app/features/iati/write.ts)

function iatiXml({ api }: ExportRequest): Response {
  const body = iatiActivitiesXml(listIatiExportProjects(api.where), {
    reportingOrg: {
      ref: env.HUB_IATI_REPORTING_ORG_REF,
      name: env.HUB_IATI_REPORTING_ORG_NAME,
      type: env.HUB_IATI_REPORTING_ORG_TYPE,
    },
    today: api.today,
    generatedAt: now(),
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'application/xml; charset=utf-8',
      'Content-Disposition': 'attachment; filename="iki-china-iati-activities.xml"',
    },
  });
}

const BUILDERS: Record<string, (request: ExportRequest) => Response> = {
  'projects.csv': projectsCsv,
  'milestones.csv': milestonesCsv,
  'indicators.csv': indicatorsCsv,
  'projects.geojson': projectsGeojson,
  'milestones.ics': milestonesIcs,
  'events.ics': eventsIcs,
  'iati.xml': iatiXml,
};

export function loader({ request, params, context }: Route.LoaderArgs) {
  const api = readApiRequest(request);
  if (api instanceof Response) return api;
  const lang = readApiLang(api.search);
  if (lang instanceof Response) return lang;
  const build = Object.hasOwn(BUILDERS, params.file) ? BUILDERS[params.file] : undefined;
  if (!build) {
    return apiError(404, `no export “${params.file}”; the files are ${EXPORT_FILES.join(', ')}`);
  }
  const own = readApiParams(api.search, { project: SLUG });
  if (own instanceof Response) return own;
  const project = own.project ? getProject(own.project) : undefined;
  if (own.project && !project) return apiError(404, `no project “${own.project}”`, 'project');
  const t = fixedTranslation(getInstance(context), lang);
  return build({ api, t, lang, origin: new URL(request.url).origin, project });
}

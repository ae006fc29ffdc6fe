import type { i18n } from 'i18next';

import { now } from '../../core/clock';
import { env } from '../../core/env.server';
import { fixedTranslation } from '../../core/i18n/hooks';
import { languageInstance } from '../../core/i18n/i18next.server';
import { listIatiExportProjects } from '../iati/export.server';
import { iatiActivitiesXmlParts } from '../iati/write';
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

// Each export file from its request: read (the shared filter, `lang`, `project`: a bad value is
// a JSON 400, an unknown file or project a 404) and built. The loader (export-file.ts) reads the
// request on the thread that answers it; the build runs there for a small selection and in the
// exports' worker thread otherwise (export-jobs.server.ts), which calls buildExportFile with the
// request's URL and reads it again there.
//   projects.csv, milestones.csv — codes and labels (csv-exports.server.ts)
//   indicators.csv               — one row per indicator period (indicators-csv.server.ts);
//                                  `standard=<code>` and `unit=` narrow it as /api/indicators
//   projects.geojson             — a FeatureCollection of the projects' places, [lon, lat]
//   milestones.ics, events.ics   — calendar feeds; `project=<slug>` narrows to one project
//   iati.xml                     — IATI 2.03 activities (app/features/iati/write.ts)

function iatiXml({ api }: ExportRequest): Response {
  const parts = iatiActivitiesXmlParts(listIatiExportProjects(api.where), {
    reportingOrg: {
      ref: env.HUB_IATI_REPORTING_ORG_REF,
      name: env.HUB_IATI_REPORTING_ORG_NAME,
      type: env.HUB_IATI_REPORTING_ORG_TYPE,
    },
    today: api.today,
    generatedAt: now(),
  });
  // Encoded an activity at a time as the body is read: no string of the whole file.
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = parts.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
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

/** What an export request asks for, or the 400/404 that says what is wrong with it. */
export function readExportRequest(
  file: string,
  request: Request,
  i18n: i18n,
): ExportRequest | Response {
  const api = readApiRequest(request);
  if (api instanceof Response) return api;
  const lang = readApiLang(api.search);
  if (lang instanceof Response) return lang;
  if (!Object.hasOwn(BUILDERS, file)) {
    return apiError(404, `no export “${file}”; the files are ${EXPORT_FILES.join(', ')}`);
  }
  const own = readApiParams(api.search, { project: SLUG });
  if (own instanceof Response) return own;
  const project = own.project ? getProject(own.project) : undefined;
  if (own.project && !project) return apiError(404, `no project “${own.project}”`, 'project');
  const t = fixedTranslation(i18n, lang);
  return { api, t, lang, origin: new URL(request.url).origin, project };
}

/** The file (or a 400 for a parameter of its own, such as a calendar's `precision`). */
export function buildExport(file: string, request: ExportRequest): Response {
  return BUILDERS[file]!(request);
}

/** An export's answer as a worker thread sends it back (structured-cloned; the body transferred). */
export interface ExportAnswer {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

/**
 * One export file, the unit of work of the exports' queue (export-jobs.server.ts): the request
 * read again from its URL and the file built. Runs in the exports' worker thread in the
 * production server (app/core/jobs/job-worker.mjs calls it through the bundle's entry module).
 */
export async function buildExportFile(file: string, url: string): Promise<ExportAnswer> {
  const request = new Request(url);
  const lang = readApiLang(new URL(url).searchParams);
  const read = readExportRequest(
    file,
    request,
    languageInstance(lang instanceof Response ? 'en' : lang),
  );
  const response = read instanceof Response ? read : buildExport(file, read);
  return {
    status: response.status,
    headers: [...response.headers],
    body: new Uint8Array(await response.arrayBuffer()),
  };
}

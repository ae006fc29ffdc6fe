import { listEvents } from '../events/events.server';
import { listPlaceMarkers } from '../projects/locations.server';
import { listFilteredMilestones } from '../milestones/milestones.server';
import { listIatiExportProjects } from '../iati/export.server';
import { getProject, listProjectExportRows } from '../projects/projects.server';
import { getInstance } from '../../core/i18n/i18next.server';
import { fixedTranslation } from '../../core/i18n/hooks';
import { isLang } from '../../core/i18n/config';
import { now } from '../../core/clock';
import { csvResponse } from '../../core/csv';
import {
  type PartialDate,
  periodEnd,
  periodStart,
  resolveStatus,
  toPartialDate,
} from '../../../db/dates';
import { env } from '../../core/env.server';
import { type CalendarEntry, calendarText } from './ical';
import { iatiActivitiesXml } from '../iati/write';
import { dueDate } from '../milestones/progress';
import { markerKind } from '../timeline/timeline';
import { isFilterEmpty } from '../../core/filter/filter';
import { apiError, readApiRequest } from './api-request.server';
import type { Route } from './+types/export-file';

// /export/<file>?<filter>: exactly what the shared filter selects, as a file (the names are
// EXPORT_FILES in app/features/exports/export-files.ts, which the fuzz test and the bench read).
//   projects.csv, milestones.csv — codes and labels (app/core/csv.ts: BOM, formulae escaped)
//   projects.geojson             — a FeatureCollection of the projects' places, [lon, lat]
//   milestones.ics, events.ics   — calendar feeds; `project=<slug>` narrows to one project
//   iati.xml                     — IATI 2.03 activities (app/features/iati/write.ts)

const MAX_ROWS = 100_000;

/** The days of an all-day calendar entry over the whole period a partial date names. */
function allDay(date: PartialDate): { start: string; end: string } {
  const dayAfter = new Date(Date.parse(`${periodEnd(date)}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
  return { start: periodStart(date), end: dayAfter };
}

function calendar(entries: CalendarEntry[], filename: string): Response {
  const text = calendarText(entries, {
    productId: 'iki-china-hub',
    name: 'IKI China portfolio hub',
    generatedAt: now(),
  });
  return new Response(text, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
    },
  });
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const api = readApiRequest(request);
  if (api instanceof Response) return api;
  const lang = api.search.get('lang') ?? 'en';
  if (!isLang(lang)) return apiError(400, 'lang must be one of en, zh, de', 'lang');
  const t = fixedTranslation(getInstance(context), lang);
  const origin = new URL(request.url).origin;
  const projectSlug = api.search.get('project');
  const project = projectSlug ? getProject(projectSlug) : undefined;
  if (projectSlug && !project) return apiError(404, `no project "${projectSlug}"`, 'project');

  switch (params.file) {
    case 'projects.csv': {
      const rows = listProjectExportRows(api.where);
      return csvResponse(
        [
          [
            'slug',
            'iki_project_number',
            'title',
            'title_zh',
            'title_de',
            'type',
            'type_label',
            'status',
            'status_label',
            'start',
            'start_precision',
            'end',
            'end_precision',
            'iki_funding_eur',
            'funding_areas',
            'topics',
            'commissioning_ministries',
            'political_partners',
            'implementing_organisations',
            'provinces',
            'countries',
            'url',
          ],
          ...rows.map((p) => {
            const status = resolveStatus(p, api.today).status;
            return [
              p.slug,
              p.ikiProjectNumber,
              p.title,
              p.titleZh,
              p.titleDe,
              p.type,
              t(`type.${p.type}`),
              status,
              t(`status.${status}`),
              p.startDate,
              p.startPrecision,
              p.endDate,
              p.endPrecision,
              p.ikiFundingEur,
              p.fundingAreas,
              p.topics,
              p.commissioningMinistries,
              p.politicalPartners,
              p.implementers,
              p.provinces,
              p.countries,
              `${origin}/projects/${p.slug}`,
            ];
          }),
        ],
        'iki-china-projects.csv',
      );
    }
    case 'milestones.csv': {
      const rows = listFilteredMilestones(api.where, { limit: MAX_ROWS, offset: 0 });
      return csvResponse(
        [
          [
            'project',
            'project_title',
            'milestone_id',
            'title',
            'kind',
            'kind_label',
            'status',
            'status_label',
            'progress',
            'planned',
            'planned_precision',
            'revised',
            'revised_precision',
            'actual',
            'actual_precision',
            'due_period_ends',
            'overdue',
            'derived',
          ],
          ...rows.map((m) => [
            m.projectSlug,
            m.projectTitle,
            m.id,
            m.title,
            m.kind,
            t(`milestone.kind.${m.kind}`),
            m.status,
            t(`milestoneStatus.${m.status}`),
            m.progress,
            m.plannedDate,
            m.plannedPrecision,
            m.revisedDate,
            m.revisedPrecision,
            m.actualDate,
            m.actualPrecision,
            m.dueOn,
            markerKind(m, api.today) === 'overdue' ? 'yes' : 'no',
            m.isDerived ? 'yes' : 'no',
          ]),
        ],
        'iki-china-milestones.csv',
      );
    }
    case 'projects.geojson': {
      const rows = listProjectExportRows(api.where);
      const byId = new Map(rows.map((p) => [p.id, p]));
      const features = listPlaceMarkers(api.where).flatMap((m) => {
        const p = byId.get(m.projectId);
        if (!p) return [];
        return [
          {
            type: 'Feature' as const,
            // GeoJSON (RFC 7946) is longitude first.
            geometry: { type: 'Point' as const, coordinates: [m.lon, m.lat] },
            properties: {
              project: p.slug,
              title: p.title,
              titleZh: p.titleZh,
              type: p.type,
              status: resolveStatus(p, api.today).status,
              start: p.startDate,
              end: p.endDate,
              ikiFundingEur: p.ikiFundingEur,
              implementers: p.implementers,
              place: m.placeSlug,
              placeName: m.nameEn,
              placeNameZh: m.nameZh,
              url: `${origin}/projects/${p.slug}`,
            },
          },
        ];
      });
      return new Response(JSON.stringify({ type: 'FeatureCollection', features }), {
        headers: {
          'Content-Type': 'application/geo+json; charset=utf-8',
          'Content-Disposition': 'attachment; filename="iki-china-projects.geojson"',
        },
      });
    }
    case 'milestones.ics': {
      const rows = listFilteredMilestones(api.where, { limit: MAX_ROWS, offset: 0 }).filter(
        (m) => !project || m.projectSlug === project.slug,
      );
      const entries = rows.flatMap((m): CalendarEntry[] => {
        const date =
          (m.status === 'achieved' ? toPartialDate(m.actualDate, m.actualPrecision) : null) ??
          dueDate(m);
        if (!date) return [];
        const name =
          m.isDerived && (m.kind === 'start' || m.kind === 'closure')
            ? t(`milestone.kind.${m.kind}`)
            : m.title;
        return [
          {
            ...allDay(date),
            uid: `milestone-${m.id}@iki-china-hub`,
            title: `${name} — ${m.projectTitle}`,
            description: `${t(`milestoneStatus.${m.status}`)}. ${t('milestone.planned')}: ${m.plannedDate ?? '—'}`,
            url: `${origin}/projects/${m.projectSlug}#milestone-${m.id}`,
            categories: ['milestone', m.kind],
          },
        ];
      });
      return calendar(entries, 'iki-china-milestones.ics');
    }
    case 'events.ics': {
      const events = listEvents(project ? { project: project.slug } : {});
      // With a filter, an event belongs when one of its projects is selected; without, all do.
      const allowed =
        project || isFilterEmpty(api.filter)
          ? null
          : new Set(listProjectExportRows(api.where).map((p) => p.slug));
      const entries = events.flatMap((e): CalendarEntry[] => {
        const start = toPartialDate(e.startDate, e.startPrecision);
        if (!start) return [];
        if (allowed && !e.projectSlugs.some((s) => allowed.has(s))) return [];
        const end = toPartialDate(e.endDate, e.endPrecision) ?? start;
        return [
          {
            ...allDay({ value: periodStart(start), precision: 'day' }),
            end: allDay(end).end,
            uid: `event-${e.slug}@iki-china-hub`,
            title: e.title,
            location: [e.city, e.provinceNameEn].filter(Boolean).join(', ') || undefined,
            url: `${origin}/events/${e.slug}`,
            categories: ['event', e.type],
          },
        ];
      });
      return calendar(entries, 'iki-china-events.ics');
    }
    case 'iati.xml': {
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
    default:
      return apiError(404, `no export "${params.file}"`);
  }
}

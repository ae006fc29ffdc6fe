import { data } from 'react-router';

import { HUB_LANGUAGES, REPORT_SECTIONS } from '../../../db/vocabulary';
import type { ReportIndicatorUpdate, ReportMilestoneUpdate } from '../../../db/schema';
import { getReportPage } from './report-queries.server';
import type { ReportContent } from './report-writes.server';

// What the report page and its review share on the server: finding the report (404 otherwise)
// and a report's content as the fields a 409 compares.

/** The report of `params.project` in round `params.round`: 404 when there is none to show. */
export function requireReportPage(params: { round: string; project: string }) {
  const page = getReportPage(params.round, params.project);
  if (!page) throw data(null, { status: 404 });
  return page;
}

const dated = (label: string, value?: string | null) => (value ? `${label} ${value}` : null);

/** One milestone update in a line (what the 409 table compares). */
function describeUpdate(u: ReportMilestoneUpdate): string {
  return [
    u.milestoneId === null ? u.title : null,
    u.milestoneId === null ? u.kind : `${u.status}, ${u.progress} %`,
    dated('planned', u.plannedDate),
    dated('actual', u.actualDate),
    dated('revised', u.revisedDate),
    u.comment,
    u.note,
    u.evidenceUrl,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** One indicator's actual in a line (what the 409 table compares). */
function describeIndicatorUpdate(u: ReportIndicatorUpdate): string {
  const dimensions = Object.entries(u.actualDimensions ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [u.actualValue, dimensions, u.comment, u.evidenceUrl]
    .filter((part) => part !== null && part !== undefined && part !== '')
    .join(' · ');
}

/**
 * A report's content as flat fields (`language`, `texts.<lang>.<section>`, `milestone.<id>`,
 * `new.<n>`, `indicator.<id>`): the 409 shows, side by side, each one where what was sent differs from what is saved.
 */
export function reportFields(content: ReportContent): Record<string, string> {
  const fields: Record<string, string> = { language: content.language };
  for (const lang of HUB_LANGUAGES) {
    for (const section of REPORT_SECTIONS) {
      fields[`texts.${lang}.${section}`] = content.texts[lang]?.[section] ?? '';
    }
  }
  let added = 0;
  for (const u of content.milestoneUpdates) {
    added += u.milestoneId === null ? 1 : 0;
    const key = u.milestoneId === null ? `new.${added}` : `milestone.${u.milestoneId}`;
    fields[key] = describeUpdate(u);
  }
  for (const u of content.indicatorUpdates) {
    fields[`indicator.${u.indicatorId}`] = describeIndicatorUpdate(u);
  }
  return fields;
}

/** Every field either side has (a milestone one side updated and the other left alone included). */
export const reportFieldNames = (a: Record<string, string>, b: Record<string, string>) => [
  ...new Set([...Object.keys(a), ...Object.keys(b)]),
];

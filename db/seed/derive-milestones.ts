import type { MilestoneStatus } from '../vocabulary';
import type { NewMilestone } from '../schema';
import type { Dataset } from './dataset';
import { precisionOf } from './rows';

type Kind = NewMilestone['kind'];

/** Which events are milestones, and of what kind. Ordinary workshops stay events. */
export function milestoneKindOfEvent(event: { type: string; title: string }): Kind | null {
  if (/\bextension\b/i.test(event.title)) return 'extension';
  if (/kick-?off/i.test(event.title) || event.type === 'launch') return 'kick-off';
  if (event.type === 'milestone') return 'deliverable';
  return null;
}

/**
 * Honest milestones from what the sources publish, marked derived:
 * - every published start and end becomes a lifecycle milestone planned for that date; the start
 *   counts as achieved where the source calls the project ongoing or completed, the closure only
 *   where it calls it completed; otherwise "not reported";
 * - events of type milestone or launch, kick-offs and extensions become milestones with the event
 *   as evidence: achieved on the event's date, or "not reported" when the date is not published.
 */
export function deriveMilestones(
  dataset: Dataset,
  ids: {
    project: (slug: string) => number;
    event: (slug: string) => number;
    source: (url: string) => number | null;
  },
): NewMilestone[] {
  const rows: NewMilestone[] = [];
  for (const p of dataset.projects) {
    const stated = p.status ?? '';
    const isCompleted = stated.startsWith('completed');
    const hasStarted = isCompleted || stated.startsWith('open') || stated.startsWith('ongoing');
    const lifecycle = (kind: Kind, title: string, date: string, achieved: boolean) => {
      const status: MilestoneStatus = achieved ? 'achieved' : 'not-reported';
      rows.push({
        projectId: ids.project(p.id),
        title,
        kind,
        plannedDate: date,
        plannedPrecision: precisionOf(date),
        actualDate: achieved ? date : null,
        actualPrecision: achieved ? precisionOf(date) : null,
        status,
        progress: achieved ? 100 : 0,
        isDerived: true,
        note: achieved ? `Derived from the published dates; the source says: "${p.status}".` : null,
        sourceId: ids.source(p.source),
      });
    };
    if (p.startDate) lifecycle('start', 'Project start', p.startDate, hasStarted);
    if (p.endDate) lifecycle('closure', 'Project end', p.endDate, isCompleted);
  }
  for (const e of dataset.events) {
    const kind = milestoneKindOfEvent(e);
    if (!kind) continue;
    const date = e.startDate;
    for (const projectSlug of new Set(e.projectIds)) {
      rows.push({
        projectId: ids.project(projectSlug),
        title: e.title,
        kind,
        plannedDate: null,
        plannedPrecision: null,
        actualDate: date,
        actualPrecision: precisionOf(date),
        status: date ? 'achieved' : 'not-reported',
        progress: date ? 100 : 0,
        eventId: ids.event(e.id),
        evidenceUrl: e.source,
        isDerived: true,
        note: date
          ? e.yearInferred
            ? 'Year inferred from the source’s context.'
            : null
          : `The source reports it without a date${e.dateText ? `: "${e.dateText}"` : ''}.`,
        sourceId: ids.source(e.source),
      });
    }
  }
  return rows;
}

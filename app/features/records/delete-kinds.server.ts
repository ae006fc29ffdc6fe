import {
  deleteMilestone,
  describeMilestoneReferences,
  getMilestoneForEdit,
} from '../milestones/milestone-writes.server';
import {
  deleteProgressUpdate,
  getProgressUpdate,
} from '../milestones/progress-update-writes.server';
import type { Actor, SaveResult } from '../../../db/writes.server';
import { deleteEvent, describeEventReferences } from '../events/event-writes.server';
import {
  deleteOrganisation,
  describeOrganisationReferences,
} from '../organisations/organisation-writes.server';
import { deleteProject, describeProjectReferences } from '../projects/project-writes.server';
import { getRecordRef } from '../../core/records.server';
import { deleteDocument, getDocumentForEdit } from '../documents/document-writes.server';
import {
  countProjectIndicators,
  deleteIndicator,
  deleteIndicatorPeriod,
  describeIndicatorReferences,
  getIndicatorForEdit,
  getPeriodForEdit,
} from '../indicators/indicator-writes.server';
import {
  countSessionEntries,
  deleteSession,
  getEventForSessionForm,
  getSessionForEdit,
} from '../sessions/session-writes.server';
import { deleteEntry, getEntryRef } from '../knowledge/knowledge-writes.server';

// What the delete confirmation (routes/records/delete.tsx) knows about each kind of record: how to
// find it from the URL, what deleting it affects (said before asking), and how to delete it.

export interface DeleteTarget {
  id: number;
  version: number;
  label: string;
  projectId: number | null;
  /** Where "cancel" goes (the record), and where to go once it is deleted. */
  backTo: string;
  doneTo: string;
}

/** One line of "what this affects": a translation key with its values, and records it names. */
export interface Effect {
  key: string;
  values?: Record<string, number | string>;
  records?: { label: string; to: string }[];
}

export interface DeleteKind {
  find: (params: Record<string, string | undefined>) => DeleteTarget | undefined;
  effects: (target: DeleteTarget) => Effect[];
  remove: (
    target: DeleteTarget,
    version: number,
    who: { at: string; actor: Actor },
  ) => SaveResult<{ version: number }>;
}

const id = (text: string | undefined) =>
  text && /^\d{1,15}$/.test(text) ? Number(text) : undefined;

function findMilestone(params: Record<string, string | undefined>) {
  const project = getRecordRef('project', params.slug ?? '');
  const milestoneId = id(params.milestoneId);
  const milestone =
    project && milestoneId !== undefined ? getMilestoneForEdit(project.id, milestoneId) : undefined;
  return project && milestone ? { project, milestone } : undefined;
}

function findIndicator(params: Record<string, string | undefined>) {
  const project = getRecordRef('project', params.slug ?? '');
  const indicatorId = id(params.indicatorId);
  const indicator =
    project && indicatorId !== undefined ? getIndicatorForEdit(project.id, indicatorId) : undefined;
  return project && indicator ? { project, indicator } : undefined;
}

export const DELETE_KINDS = {
  project: {
    find: ({ slug }) => {
      const project = getRecordRef('project', slug ?? '');
      return project
        ? {
            id: project.id,
            version: project.version,
            label: project.label,
            projectId: project.id,
            backTo: `/projects/${project.slug}`,
            doneTo: '/projects',
          }
        : undefined;
    },
    effects: (target) => {
      const refs = describeProjectReferences(target.id);
      const effects: (Effect | null)[] = [
        refs.milestones
          ? { key: 'deleteRecord.project.milestones', values: { count: refs.milestones } }
          : null,
        refs.progressUpdates
          ? {
              key: 'deleteRecord.project.progressUpdates',
              values: { count: refs.progressUpdates },
            }
          : null,
        refs.locations
          ? { key: 'deleteRecord.project.locations', values: { count: refs.locations } }
          : null,
        refs.organisations
          ? {
              key: 'deleteRecord.project.organisationLinks',
              values: { count: refs.organisations },
            }
          : null,
        countProjectIndicators(target.id)
          ? {
              key: 'indicatorEditing.deleteProjectIndicators',
              values: { count: countProjectIndicators(target.id) },
            }
          : null,
        refs.events.length
          ? {
              key: 'deleteRecord.project.events',
              records: refs.events.map((e) => ({ label: e.title, to: `/events/${e.slug}` })),
            }
          : null,
        refs.phases.length
          ? {
              key: 'deleteRecord.project.phases',
              records: refs.phases.map((p) => ({ label: p.title, to: `/projects/${p.slug}` })),
            }
          : null,
      ];
      return effects.filter((e) => e !== null);
    },
    remove: (target, version, who) => deleteProject(target.id, version, who),
  },
  event: {
    find: ({ slug }) => {
      const event = getRecordRef('event', slug ?? '');
      return event
        ? {
            id: event.id,
            version: event.version,
            label: event.label,
            projectId: null,
            backTo: `/events/${event.slug}`,
            doneTo: '/events',
          }
        : undefined;
    },
    effects: (target) => {
      const refs = describeEventReferences(target.id);
      return [
        refs.projects.length
          ? {
              key: 'deleteRecord.event.projects',
              records: refs.projects.map((p) => ({ label: p.title, to: `/projects/${p.slug}` })),
            }
          : null,
        refs.milestones
          ? { key: 'deleteRecord.event.milestones', values: { count: refs.milestones } }
          : null,
      ].filter((e) => e !== null);
    },
    remove: (target, version, who) => deleteEvent(target.id, version, who),
  },
  organisation: {
    find: ({ slug }) => {
      const organisation = getRecordRef('organisation', slug ?? '');
      return organisation
        ? {
            id: organisation.id,
            version: organisation.version,
            label: organisation.label,
            projectId: null,
            backTo: `/organisations/${organisation.slug}`,
            doneTo: '/organisations',
          }
        : undefined;
    },
    effects: (target) => {
      const refs = describeOrganisationReferences(target.id);
      return [
        refs.projects.length
          ? {
              key: 'deleteRecord.organisation.projects',
              records: refs.projects.map((p) => ({ label: p.title, to: `/projects/${p.slug}` })),
            }
          : null,
        refs.milestones
          ? { key: 'deleteRecord.organisation.milestones', values: { count: refs.milestones } }
          : null,
        refs.users
          ? { key: 'deleteRecord.organisation.users', values: { count: refs.users } }
          : null,
        refs.predecessors.length
          ? {
              key: 'deleteRecord.organisation.predecessors',
              records: refs.predecessors.map((o) => ({
                label: o.acronym ?? o.name,
                to: `/organisations/${o.slug}`,
              })),
            }
          : null,
      ].filter((e) => e !== null);
    },
    remove: (target, version, who) => deleteOrganisation(target.id, version, who),
  },
  milestone: {
    find: (params) => {
      const found = findMilestone(params);
      if (!found) return undefined;
      const { project, milestone } = found;
      return {
        id: milestone.id,
        version: milestone.version,
        label: milestone.title,
        projectId: project.id,
        backTo: `/projects/${project.slug}#milestone-${milestone.id}`,
        doneTo: `/projects/${project.slug}#milestones`,
      };
    },
    effects: (target) => {
      const refs = describeMilestoneReferences(target.id);
      return refs.progressUpdates
        ? [
            {
              key: 'deleteRecord.milestone.progressUpdates',
              values: { count: refs.progressUpdates },
            },
          ]
        : [];
    },
    remove: (target, version, who) => deleteMilestone(target.id, version, who),
  },
  'progress-update': {
    find: (params) => {
      const found = findMilestone(params);
      const updateId = id(params.updateId);
      if (!found || updateId === undefined) return undefined;
      const update = getProgressUpdate(found.project.id, found.milestone.id, updateId);
      if (!update) return undefined;
      const anchor = `/projects/${found.project.slug}#milestone-${found.milestone.id}`;
      return {
        id: update.id,
        version: update.version,
        label: `${update.milestoneTitle} · ${update.recordedAt.slice(0, 10)}`,
        projectId: found.project.id,
        backTo: anchor,
        doneTo: anchor,
      };
    },
    effects: () => [{ key: 'deleteRecord.progressUpdate.keeps' }],
    remove: (target, version, who) =>
      deleteProgressUpdate(target.id, version, {
        ...who,
        projectId: target.projectId!,
        label: target.label,
      }),
  },
  indicator: {
    find: (params) => {
      const found = findIndicator(params);
      if (!found) return undefined;
      const { project, indicator } = found;
      return {
        id: indicator.id,
        version: indicator.version,
        label: indicator.title,
        projectId: project.id,
        backTo: `/projects/${project.slug}/indicators/${indicator.id}/edit`,
        doneTo: `/projects/${project.slug}#indicators`,
      };
    },
    effects: (target) => {
      const refs = describeIndicatorReferences(target.id);
      return refs.periods
        ? [{ key: 'indicatorEditing.deletePeriods', values: { count: refs.periods } }]
        : [];
    },
    remove: (target, version, who) => deleteIndicator(target.id, version, who),
  },
  'indicator-period': {
    find: (params) => {
      const found = findIndicator(params);
      const periodId = id(params.periodId);
      if (!found || periodId === undefined) return undefined;
      const period = getPeriodForEdit(found.indicator.id, periodId);
      if (!period) return undefined;
      const back = `/projects/${found.project.slug}/indicators/${found.indicator.id}/edit`;
      return {
        id: period.id,
        version: period.version,
        label: `${found.indicator.title} · ${period.periodStart} – ${period.periodEnd}`,
        projectId: found.project.id,
        backTo: back,
        doneTo: back,
      };
    },
    effects: () => [{ key: 'indicatorEditing.deletePeriodKeeps' }],
    remove: (target, version, who) => deleteIndicatorPeriod(target.id, version, who),
  },
  document: {
    find: ({ id: text }) => {
      const documentId = id(text);
      const document = documentId === undefined ? undefined : getDocumentForEdit(documentId);
      return document
        ? {
            id: document.id,
            version: document.version,
            label: document.title,
            projectId: null,
            backTo: `/documents/${document.id}`,
            doneTo: '/documents',
          }
        : undefined;
    },
    effects: () => [],
    remove: (target, version, who) => deleteDocument(target.id, version, who),
  },
  'event-session': {
    find: (params) => {
      const event = getEventForSessionForm(params.slug ?? '');
      const sessionId = id(params.sessionId);
      const session =
        event && sessionId !== undefined ? getSessionForEdit(event.id, sessionId) : undefined;
      if (!event || !session) return undefined;
      return {
        id: session.id,
        version: session.version,
        label: session.title,
        projectId: null,
        backTo: `/events/${event.slug}#session-${session.id}`,
        doneTo: `/events/${event.slug}#sessions`,
      };
    },
    effects: (target) => {
      const entries = countSessionEntries(target.id);
      return entries ? [{ key: 'sessions.deleteEntries', values: { count: entries } }] : [];
    },
    remove: (target, version, who) => deleteSession(target.id, version, who),
  },
  'knowledge-entry': {
    find: ({ slug }) => {
      const entry = getEntryRef(slug ?? '');
      return entry
        ? {
            id: entry.id,
            version: entry.version,
            label: entry.label,
            projectId: null,
            backTo: `/knowledge/${entry.slug}`,
            doneTo: '/knowledge/drafts',
          }
        : undefined;
    },
    // Its texts, links and answers go with it; documents stay (only their link to it goes).
    effects: () => [{ key: 'knowledge.deleteEffects' }],
    remove: (target, version, who) => deleteEntry(target.id, version, who),
  },
} satisfies Record<string, DeleteKind>;

export type DeleteKindName = keyof typeof DELETE_KINDS;

/** Which kind a delete URL is about: /projects/x/milestones/3/updates/9/delete → progress-update. */
export function deleteKindOf(pathname: string, params: Record<string, string | undefined>) {
  if (params.updateId !== undefined) return 'progress-update';
  if (params.sessionId !== undefined) return 'event-session';
  if (params.periodId !== undefined) return 'indicator-period';
  if (params.indicatorId !== undefined) return 'indicator';
  if (params.milestoneId !== undefined) return 'milestone';
  const section = pathname.replace(/^\/(zh|de)(?=\/)/, '').split('/')[1];
  const kinds: Record<string, string> = {
    projects: 'project',
    events: 'event',
    organisations: 'organisation',
    documents: 'document',
    knowledge: 'knowledge-entry',
  };
  return kinds[section ?? ''];
}

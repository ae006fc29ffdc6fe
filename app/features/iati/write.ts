// Writes the portfolio as IATI 2.03 activity XML (the export half of issue #13). Pure: the caller
// loads the projects (app/features/iati/export.server.ts) and passes "today" and the settings.
// The mapping decisions are documented next to the codes in ./codes.ts and where they are made
// (the element groups in ./write-elements.ts).
import { resolveStatus } from '../../../db/dates';
import {
  HUB_ATTRIBUTES as A,
  HUB_ELEMENTS,
  HUB_NS,
  HUB_PREFIX,
  IATI_VERSION,
  RELATED_SIBLING,
  STATUS_TO_IATI,
} from './codes';
import type { IatiProject, IatiSettings } from './write-types';
import {
  activityDates,
  budget,
  hub,
  locations,
  narratives,
  otherIdentifiers,
  participatingOrgs,
  recipientCountries,
  reportingOrg,
  indicatorResults,
  result,
  sectors,
} from './write-elements';
import { documentLinks, documentMissing } from './write-documents';
import { type XmlElement, el, escapeAttribute, serialize, xmlComment } from './xml';

/** The activity's identifier: an imported activity keeps its own; a hub project is <ref>-<slug>. */
export function iatiIdentifierOf(
  project: { slug: string; iatiIdentifier: string | null },
  reportingOrgRef: string,
): string {
  return project.iatiIdentifier ?? `${reportingOrgRef}-${project.slug}`;
}

/**
 * What the schema requires that this record cannot give without inventing it: such a project
 * is left out of the file (and named in a comment at its top) rather than written invalid.
 */
export function missingRequired(project: IatiProject, today: string): string[] {
  const missing: string[] = [];
  if (narratives([['en', project.title]]).length === 0) missing.push('title');
  if (
    narratives([
      ['en', project.summary],
      ['zh', project.summaryZh],
      ['de', project.summaryDe],
    ]).length === 0
  ) {
    missing.push('description');
  }
  if (participatingOrgs(project).length === 0) missing.push('participating-org');
  // IATI has no "unknown" status; any code would be a guess.
  if (STATUS_TO_IATI[resolveStatus(project, today).status] === null)
    missing.push('activity-status');
  if (activityDates(project).length === 0) missing.push('activity-date');
  return missing;
}

/** One project as an <iati-activity> element (the elements in the order the schema fixes). */
export function activityElement(project: IatiProject, settings: IatiSettings): XmlElement {
  const status = resolveStatus(project, settings.today);
  const ref = settings.reportingOrg.ref;
  return el(
    'iati-activity',
    {
      'last-updated-datetime': project.lastUpdated,
      'xml:lang': 'en',
      'default-currency': 'EUR',
      [hub(A.projectType)]: project.type,
      [hub(A.programme)]: project.programme,
    },
    el('iati-identifier', {}, iatiIdentifierOf(project, ref)),
    reportingOrg(project, settings),
    el(
      'title',
      {},
      narratives([
        ['en', project.title],
        ['zh', project.titleZh],
        ['de', project.titleDe],
      ]),
    ),
    el(
      'description',
      { type: 1 },
      narratives([
        ['en', project.summary],
        ['zh', project.summaryZh],
        ['de', project.summaryDe],
      ]),
    ),
    participatingOrgs(project),
    otherIdentifiers(project),
    STATUS_TO_IATI[status.status] !== null &&
      el('activity-status', {
        code: STATUS_TO_IATI[status.status],
        [hub(A.statusBasis)]: status.basis,
        [hub(A.statusWords)]: status.words,
      }),
    activityDates(project),
    recipientCountries(project),
    locations(project),
    sectors(project),
    budget(project),
    documentLinks(project.documents),
    project.related.map((r) =>
      el(
        'related-activity',
        { ref: iatiIdentifierOf(r, ref), type: RELATED_SIBLING },
        el(hub(HUB_ELEMENTS.relation), {}, r.relation),
      ),
    ),
    project.milestones.map(result),
    indicatorResults(project.indicators),
  );
}

export function iatiActivityXml(project: IatiProject, settings: IatiSettings): string {
  return serialize(activityElement(project, settings), '  ');
}

/**
 * The whole file. Projects the schema cannot take without invented values are listed in a
 * comment instead. With none left the root is empty, which the schema (one activity at least)
 * rejects: there is no valid way to say "nothing matched".
 */
export function iatiActivitiesXml(projects: IatiProject[], settings: IatiSettings): string {
  return [...iatiActivitiesXmlParts(projects, settings)].join('');
}

/**
 * The same file in pieces (its head, then one activity at a time), for a file of thousands of
 * activities: each piece can be encoded and let go before the next is written, where the whole
 * file as one string held the exports' thread's heap at 1 GB for 10 000 projects.
 */
export function* iatiActivitiesXmlParts(
  projects: IatiProject[],
  settings: IatiSettings,
): Generator<string> {
  const kept: IatiProject[] = [];
  const leftOut: string[] = [];
  const documentsLeftOut: string[] = [];
  for (const p of projects) {
    const missing = missingRequired(p, settings.today);
    if (missing.length) leftOut.push(`${p.slug} (${missing.join(', ')})`);
    else kept.push(p);
  }
  for (const p of kept) {
    for (const d of p.documents) {
      const missing = documentMissing(d);
      if (missing.length) documentsLeftOut.push(`${p.slug}: ${d.url} (${missing.join(', ')})`);
    }
  }
  const root = `<iati-activities version="${IATI_VERSION}" generated-datetime="${escapeAttribute(settings.generatedAt)}" xmlns:${HUB_PREFIX}="${HUB_NS}">`;
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    xmlComment(
      `IKI China portfolio hub: ${kept.length} of ${projects.length} selected projects. hub: attributes keep what IATI has no field for (date precision, milestone status).`,
    ),
    ...(leftOut.length
      ? [xmlComment(`Left out, IATI requires what these records do not say: ${leftOut.join('; ')}`)]
      : []),
    ...(documentsLeftOut.length
      ? [
          xmlComment(
            `Documents left out, a document-link requires a format and a category: ${documentsLeftOut.join('; ')}`,
          ),
        ]
      : []),
    root,
  ].join('\n');
  for (const p of kept) yield `\n  ${iatiActivityXml(p, settings)}`;
  yield '\n</iati-activities>\n';
}

import { parsePartialDate } from '../dates';
import type { DatePrecision, ProjectRole, ProjectStatus } from '../vocabulary';
import type { DatasetOrganisation, DatasetProject } from './dataset';

// How the data set's strings become the hub's values: pure functions, shared by the validator
// (which checks that they can be read) and the loader (which writes what they give).

/** "China (among others)" → "China". */
export function countryBaseName(name: string): string {
  return name.replace(/\s*\(.*\)\s*$/, '');
}

/** "China (among others)" → "among others". */
export function countryNote(name: string): string | null {
  return /\((.*)\)\s*$/.exec(name)?.[1] ?? null;
}

/** "Germany; Netherlands" → ["Germany", "Netherlands"]. */
export function splitCountries(value: string | null): string[] {
  return value
    ? value
        .split(';')
        .map((c) => c.trim())
        .filter(Boolean)
    : [];
}

export function precisionOf(value: string | null): DatePrecision | null {
  return value ? (parsePartialDate(value)?.precision ?? null) : null;
}

export function statusOf(words: string | null): ProjectStatus | null {
  if (!words) return null;
  if (words.startsWith('open')) return 'ongoing';
  return /^(completed|ongoing|planned)/.exec(words)?.[1] as ProjectStatus;
}

/** "NAMA Facility (listed on …)" → programme "NAMA Facility" with the rest as a note. */
export function programmeOf(value: string): { programme: string; note: string | null } {
  const match = /^([^(]+?)\s*(?:\((.*)\))?$/.exec(value);
  return { programme: match?.[1] ?? value, note: match?.[2] ?? null };
}

const MONTHS: Record<string, string> = {
  january: '01',
  januar: '01',
  february: '02',
  februar: '02',
  march: '03',
  märz: '03',
  april: '04',
  may: '05',
  mai: '05',
  june: '06',
  juni: '06',
  july: '07',
  juli: '07',
  august: '08',
  september: '09',
  october: '10',
  oktober: '10',
  november: '11',
  december: '12',
  dezember: '12',
};

/** The date a source gives for itself: "(Stand: März 2021)" or "(As of: October 2020)". */
export function asOfFromTitle(title: string): { value: string; precision: DatePrecision } | null {
  const match = /\((?:Stand|As of):\s*([A-Za-zä]+)\s+(\d{4})\)/i.exec(title);
  const month = match ? MONTHS[match[1]!.toLowerCase()] : undefined;
  return match && month ? { value: `${match[2]}-${month}`, precision: 'month' } : null;
}

export const ROLE_OF: Record<DatasetOrganisation['projectRoles'][number]['role'], ProjectRole> = {
  commissioningMinistry: 'commissioning-ministry',
  politicalPartner: 'political-partner',
  implementingOrganisation: 'implementing-organisation',
  implementingPartner: 'implementing-partner',
  mentionedInText: 'mentioned',
};

/** The strings the project record uses for this organisation in this role, and who says so. */
export function linkDetails(
  project: DatasetProject,
  org: DatasetOrganisation,
  role: ProjectRole,
): { nameAsWritten: string | null; asStatedBy: string | null } {
  const names = new Set(org.namesInProjects);
  const join = (xs: (string | null)[]) => {
    const kept = [...new Set(xs.filter((x): x is string => !!x))];
    return kept.length ? kept.join('; ') : null;
  };
  switch (role) {
    case 'commissioning-ministry': {
      const hits = (project.commissioningMinistry ?? []).filter((m) => names.has(m.ministry));
      return {
        nameAsWritten: join(hits.map((m) => m.ministry)),
        asStatedBy: join(hits.map((m) => m.asStatedBy)),
      };
    }
    case 'political-partner':
      return {
        nameAsWritten: join(
          (project.politicalPartners ?? []).filter((p) => names.has(p.name)).map((p) => p.name),
        ),
        asStatedBy: null,
      };
    case 'implementing-organisation':
      return {
        nameAsWritten: join((project.implementingOrganisations ?? []).filter((n) => names.has(n))),
        asStatedBy: null,
      };
    case 'implementing-partner':
      return {
        nameAsWritten: join((project.implementingPartners ?? []).filter((n) => names.has(n))),
        asStatedBy: null,
      };
    case 'mentioned':
      return { nameAsWritten: null, asStatedBy: null };
  }
}

// The domain's fixed vocabularies, shared by the schema, the seed validator and the pages.
export const DATE_PRECISIONS = ['year', 'month', 'day'] as const;
export const PROJECT_TYPES = ['bilateral', 'regional', 'global', 'unknown'] as const;
export const PROJECT_STATUSES = ['planned', 'ongoing', 'completed', 'unknown'] as const;
export const ORGANISATION_KINDS = [
  'german-ministry',
  'chinese-ministry',
  'agency',
  'implementing-organisation',
  'partner',
  'other',
] as const;
export const PROJECT_ROLES = [
  'commissioning-ministry',
  'political-partner',
  'implementing-organisation',
  'implementing-partner',
  'mentioned',
] as const;
export const LOCATION_KINDS = ['place', 'province', 'country'] as const;
export const MILESTONE_STATUSES = [
  'planned',
  'in-progress',
  'achieved',
  'delayed',
  'cancelled',
  'not-reported',
] as const;

export type DatePrecision = (typeof DATE_PRECISIONS)[number];
export type ProjectType = (typeof PROJECT_TYPES)[number];
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export type ProjectRole = (typeof PROJECT_ROLES)[number];
export type LocationKind = (typeof LOCATION_KINDS)[number];
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const PROJECT_TYPE_LABELS: Record<ProjectType, string> = {
  bilateral: 'Bilateral',
  regional: 'Regional',
  global: 'Global',
  unknown: 'Type not published',
};

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  planned: 'Planned',
  ongoing: 'Ongoing',
  completed: 'Completed',
  unknown: 'Status not published',
};

export const PROJECT_ROLE_LABELS: Record<ProjectRole, string> = {
  'commissioning-ministry': 'Commissioning ministry',
  'political-partner': 'Political partners',
  'implementing-organisation': 'Implementing organisation',
  'implementing-partner': 'Implementing partners',
  mentioned: 'Also mentioned',
};

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  'german-ministry': 'German ministry',
  'chinese-ministry': 'Chinese ministry',
  agency: 'Agency',
  'implementing-organisation': 'Implementing organisation',
  partner: 'Partner',
  other: 'Other',
};

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  achieved: 'Achieved',
  delayed: 'Delayed',
  cancelled: 'Cancelled',
  'not-reported': 'Not reported',
};

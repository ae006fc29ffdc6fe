import { z } from 'zod';

import { parsePartialDate } from '../dates';
import { INDICATOR_UNITS, ORGANISATION_KINDS } from '../vocabulary';

// The shape of db/seed/iki-china-projects.json. Every record is checked before anything is written.

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug (a-z, 0-9, -)');
const sourceSlug = z.string().regex(/^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/, 'must be a slug');
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const text = z.string().trim().min(1, 'must not be empty');
const partialDate = z
  .string()
  .refine(
    (v) => parsePartialDate(v) !== null,
    'must be a real date written YYYY, YYYY-MM or YYYY-MM-DD',
  );

export const DatasetSourceSchema = z.object({
  id: sourceSlug,
  url,
  title: text,
  publisher: text.nullable().optional(),
  retrievedVia: z.string().nullable().optional(),
  note: z.string().optional(),
  usedFor: z.string().optional(),
});

export const DatasetPlaceSchema = z.object({
  id: slug,
  name_en: text,
  name_zh: text.nullable(),
  name_zh_source: z.string().nullable(),
  gb2260_code: z.string().nullable(),
  role: z.string().nullable(),
  province_iso_3166_2: z
    .string()
    .regex(/^CN-[A-Z]{2}$/, 'must be an ISO 3166-2:CN code')
    .nullable(),
  province_adcode: z.string().nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  coordinate_source: z.string().nullable(),
  source: z.string().nullable(),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO alpha-3 code')
    .optional(),
  note: z.string().optional(),
});

const PoliticalPartnerSchema = z.object({ name: text, country: z.string().nullable() });
const CommissioningSchema = z.object({ ministry: text, asStatedBy: z.string().nullable() });

export const DatasetProjectSchema = z.object({
  id: slug,
  title: text,
  titleDe: text.nullable(),
  titleZh: text.nullable(),
  titleZhSource: url.nullable(),
  titleZhNote: z.string().nullable(),
  shortName: text.nullable(),
  ikiProjectNumber: z
    .string()
    .regex(/^\d{2}_[IV]+\+?_\d{3}$/, 'must look like 20_I_421')
    .nullable(),
  otherProjectNumbers: z.record(z.string(), z.string()).nullable(),
  type: z.enum(['bilateral', 'regional', 'global']).nullable(),
  countries: z.array(text).min(1, 'must name at least one country'),
  scope: z.string(),
  chinaProvinces: z.array(z.string().regex(/^CN-[A-Z]{2}$/, 'must be an ISO 3166-2:CN code')),
  placeIds: z.array(slug),
  locationNotes: z.string().nullable(),
  implementingOrganisations: z.array(text).nullable(),
  implementingPartners: z.array(text).nullable(),
  politicalPartners: z.array(PoliticalPartnerSchema).nullable(),
  commissioningMinistry: z.array(CommissioningSchema).nullable(),
  fundingProgramme: text,
  ikiFundingEUR: z.number().positive('must be a positive amount').nullable(),
  fundingNotes: z.string().nullable(),
  startDate: partialDate.nullable(),
  endDate: partialDate.nullable(),
  durationNotes: z.string().nullable(),
  status: z
    .string()
    .regex(
      /^(completed|ongoing|open|planned)\b/,
      'must start with completed, ongoing, open or planned',
    )
    .nullable(),
  ikiFundingAreaInferred: z.array(text),
  topics: z.array(text),
  summary: text,
  predecessor: slug.nullable(),
  successor: slug.nullable(),
  source: url,
  sources: z.array(url),
  unverified: z.array(z.string()),
});

export const DatasetEventSchema = z.object({
  id: slug,
  title: text,
  type: text,
  startDate: partialDate.nullable(),
  endDate: partialDate.nullable(),
  dateText: z.string().nullable(),
  dateVerified: z.boolean(),
  yearInferred: z.boolean().optional(),
  dateNote: z.string().optional(),
  city: z.string().nullable(),
  placeIds: z.array(slug),
  province_iso_3166_2: z
    .string()
    .regex(/^CN-[A-Z]{2}$/, 'must be an ISO 3166-2:CN code')
    .nullable(),
  country: z.string().nullable(),
  format: z.string().nullable(),
  projectIds: z.array(slug),
  organisers: z.array(z.string()).nullable(),
  participants: z.string().nullable(),
  description: z.string().nullable(),
  source: url,
  sources: z.array(url).optional(),
  unverified: z.array(z.string()),
});

export const DATASET_ROLES = [
  'commissioningMinistry',
  'politicalPartner',
  'implementingOrganisation',
  'implementingPartner',
  'mentionedInText',
] as const;

export const DatasetOrganisationSchema = z.object({
  id: slug,
  name: text,
  acronym: text.nullable(),
  nameZh: text.nullable(),
  nameZhSource: url.nullable(),
  nameZhNote: z.string().nullable(),
  kind: z.enum(ORGANISATION_KINDS),
  country: z.string().nullable(),
  source: url,
  projectIds: z.array(slug),
  projectRoles: z.array(z.object({ projectId: slug, role: z.enum(DATASET_ROLES) })),
  namesInProjects: z.array(text),
  unverified: z.array(z.string()),
});

export const DatasetSchema = z.object({
  meta: z.object({
    title: text,
    generated: partialDate,
    updated: partialDate.optional(),
  }),
  projects: z.array(DatasetProjectSchema),
  events: z.array(DatasetEventSchema),
  places: z.array(DatasetPlaceSchema),
  sources: z.array(DatasetSourceSchema),
  organisations: z.array(DatasetOrganisationSchema),
});

export type Dataset = z.infer<typeof DatasetSchema>;
export type DatasetProject = z.infer<typeof DatasetProjectSchema>;
export type DatasetOrganisation = z.infer<typeof DatasetOrganisationSchema>;

export const CountriesFileSchema = z.object({
  countries: z.array(
    z.object({
      code: z.string().regex(/^[A-Z]{2}$/),
      alpha3: z.string().regex(/^[A-Z]{3}$/),
      numeric: z.string().regex(/^\d{3}$/),
      datasetName: text,
    }),
  ),
});

export const ProvincesFileSchema = z.object({
  provinces: z.array(
    z.object({
      code: z.string().regex(/^CN-[A-Z]{2}$/),
      adcode: z.string().regex(/^\d{6}$/),
      nameEn: text,
      nameZh: text,
      labelLat: z.number().min(15).max(55),
      labelLon: z.number().min(70).max(140),
    }),
  ),
});

export const OrganisationHistoryFileSchema = z.object({
  successions: z.array(
    z.object({
      from: slug,
      to: slug,
      year: z.number().int().min(1949).max(2100),
      note: text,
    }),
  ),
});

export type CountriesFile = z.infer<typeof CountriesFileSchema>;
export type ProvincesFile = z.infer<typeof ProvincesFileSchema>;
export type OrganisationHistoryFile = z.infer<typeof OrganisationHistoryFileSchema>;

export const SummaryTranslationsFileSchema = z.object({
  translatedBy: text,
  translations: z.array(z.object({ projectId: slug, zh: text, de: text })),
});

export type SummaryTranslationsFile = z.infer<typeof SummaryTranslationsFileSchema>;

export const EventTitleTranslationsFileSchema = z.object({
  translatedBy: text,
  translations: z.array(z.object({ eventId: slug, zh: text, de: text })),
});

export type EventTitleTranslationsFile = z.infer<typeof EventTitleTranslationsFileSchema>;

export const TopicTagsFileSchema = z.object({
  topics: z.array(z.object({ slug, en: text, zh: text, de: text })),
  tags: z.array(z.object({ projectId: slug, topic: slug, reason: text })),
});

export type TopicTagsFile = z.infer<typeof TopicTagsFileSchema>;

export const StandardIndicatorsFileSchema = z.object({
  about: text,
  retrievedOn: z.iso.date(),
  sources: z.array(z.object({ slug, url: z.url(), title: text, publisher: text.nullable() })),
  indicators: z.array(
    z.object({
      code: text,
      title: text,
      titleDe: text.nullable(),
      definition: text.nullable(),
      unit: z.enum(INDICATOR_UNITS),
      additive: z.boolean(),
      source: slug,
    }),
  ),
});

export type StandardIndicatorsFile = z.infer<typeof StandardIndicatorsFileSchema>;

/** db/seed/event-sessions.json: open-space groups held at the data set's events, as sourced. */
export const EventSessionsFileSchema = z.object({
  note: z.string().optional(),
  translatedBy: text,
  sessions: z.array(
    z.object({
      id: slug,
      eventId: slug,
      topic: slug.nullable(),
      /** The data set's source id (sources[].id) that names the session. */
      source: sourceSlug,
      title: text,
      titleZh: text.nullable(),
      titleDe: text.nullable(),
      /** What the session found, as published; null: not published. */
      outcomes: text.nullable(),
      organisationIds: z.array(slug),
      projectIds: z.array(slug),
    }),
  ),
});

export type EventSessionsFile = z.infer<typeof EventSessionsFileSchema>;

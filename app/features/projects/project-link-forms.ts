import { z } from 'zod';

import { oneOf, optionalText } from '../../core/forms/form-rules';
import { LOCATION_KINDS, PROJECT_ROLES } from '../../../db/vocabulary';

// The forms of a project's links page (organisations with their role, topics, locations), shared
// by the browser (conform validates as you type) and the action (which decides). Every form sends
// its `intent`; messages are translation keys shown next to the field in the page's language.

export const LINK_INTENTS = [
  'add-organisation',
  'remove-organisation',
  'add-topic',
  'remove-topic',
  'add-location',
  'remove-location',
] as const;

export type LinkIntent = (typeof LINK_INTENTS)[number];

/** The values each select may send: slugs and codes of the records that exist. */
export interface LinkChoiceKeys {
  organisations: readonly string[];
  topics: readonly string[];
  places: readonly string[];
  provinces: readonly string[];
  countries: readonly string[];
}

/** A required choice from a list; a missing one reads as "choose" like a wrong one. */
const choice = (allowed: readonly string[], message = 'form.error.choose') =>
  z.string({ error: message }).pipe(oneOf(allowed, message));

/** A record named by the removal's hidden field; one that is not linked is a 404, not a 400. */
const named = z.string({ error: 'linksForm.error.removal' }).trim().min(1).max(200);

export function addOrganisationSchema(keys: LinkChoiceKeys) {
  return z.object({
    intent: z.literal('add-organisation'),
    organisation: choice(keys.organisations, 'form.error.unknownOrganisation'),
    role: z.enum(PROJECT_ROLES, { error: 'form.error.choose' }),
    nameAsWritten: optionalText(300),
    asStatedBy: optionalText(300),
  });
}

export const removeOrganisationSchema = z.object({
  intent: z.literal('remove-organisation'),
  organisation: named,
  role: z.enum(PROJECT_ROLES, { error: 'linksForm.error.removal' }),
});

export function addTopicSchema(keys: LinkChoiceKeys) {
  return z.object({
    intent: z.literal('add-topic'),
    topic: choice(keys.topics),
    reason: optionalText(500),
  });
}

export const removeTopicSchema = z.object({
  intent: z.literal('remove-topic'),
  topic: named,
});

/** The select that names the location for each kind: its value is required for that kind only. */
export const LOCATION_FIELDS = {
  place: 'place',
  province: 'province',
  country: 'country',
} as const;

export function addLocationSchema(keys: LinkChoiceKeys) {
  return z
    .object({
      intent: z.literal('add-location'),
      kind: z.enum(LOCATION_KINDS, { error: 'form.error.choose' }),
      place: choice(keys.places).optional(),
      province: choice(keys.provinces).optional(),
      country: choice(keys.countries).optional(),
    })
    .superRefine((values, ctx) => {
      const field = LOCATION_FIELDS[values.kind];
      if (!values[field]) {
        ctx.addIssue({ code: 'custom', path: [field], message: `linksForm.error.${field}` });
      }
    });
}

export const removeLocationSchema = z.object({
  intent: z.literal('remove-location'),
  location: z.number({ error: 'linksForm.error.removal' }).int().positive(),
});

/** Every form of the page, told apart by `intent`: what the action parses. */
export function projectLinkSchema(keys: LinkChoiceKeys) {
  return z.discriminatedUnion('intent', [
    addOrganisationSchema(keys),
    removeOrganisationSchema,
    addTopicSchema(keys),
    removeTopicSchema,
    addLocationSchema(keys),
    removeLocationSchema,
  ]);
}

export type ProjectLinkValues = z.output<ReturnType<typeof projectLinkSchema>>;

/** The field a refused duplicate is shown at, for each add form. */
export function duplicateField(values: ProjectLinkValues): string | null {
  switch (values.intent) {
    case 'add-organisation':
      return 'organisation';
    case 'add-topic':
      return 'topic';
    case 'add-location':
      return LOCATION_FIELDS[values.kind];
    default:
      return null;
  }
}

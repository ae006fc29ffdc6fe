import { type SubmissionResult, getCollectionProps, getSelectProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form, data, useLocation } from 'react-router';

import {
  type LinkChoices,
  type LinkResult,
  type LinkWriter,
  addProjectLocation,
  addProjectOrganisation,
  addProjectTopic,
  getProjectForLinks,
  listLinkChoices,
  listProjectLinks,
  removeProjectLocation,
  removeProjectOrganisation,
  removeProjectTopic,
} from './project-links.server';
import { CsrfInput } from '../../core/ui/csrf-input';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FieldErrors, FormField, TextField } from '../../core/ui/form-field';
import { OfficialName } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { useClientModule } from '../../core/ui/use-client-module';
import { authorize } from '../../core/auth/authorize.server';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { now } from '../../core/clock';
import {
  LINK_INTENTS,
  type LinkChoiceKeys,
  type LinkIntent,
  type ProjectLinkValues,
  addLocationSchema,
  addOrganisationSchema,
  addTopicSchema,
  duplicateField,
  projectLinkSchema,
} from './project-link-forms';
import { LOCATION_KINDS } from '../../../db/vocabulary';
import { redirectAfterSave } from '../../core/forms/responses.server';
import type { Route } from './+types/links';
import { AppLink } from '../../core/ui/app-link';
import { actorOf } from '../../core/auth/auth';

function requireProject(slug: string) {
  const project = getProjectForLinks(slug);
  if (!project) throw data(null, { status: 404 });
  return project;
}

const isIntent = (value: unknown): value is LinkIntent =>
  LINK_INTENTS.includes(value as LinkIntent);

/** The page section each form belongs to (the redirect lands on it). */
const SECTION: Record<LinkIntent, 'organisations' | 'topics' | 'locations'> = {
  'add-organisation': 'organisations',
  'remove-organisation': 'organisations',
  'add-topic': 'topics',
  'remove-topic': 'topics',
  'add-location': 'locations',
  'remove-location': 'locations',
};

function choiceKeys(choices: {
  organisations: { slug: string }[];
  topics: { slug: string }[];
  places: { slug: string }[];
  provinces: { code: string }[];
  countries: string[];
}): LinkChoiceKeys {
  return {
    organisations: choices.organisations.map((o) => o.slug),
    topics: choices.topics.map((t) => t.slug),
    places: choices.places.map((p) => p.slug),
    provinces: choices.provinces.map((p) => p.code),
    countries: choices.countries,
  };
}

export function loader({ params, request, context }: Route.LoaderArgs) {
  const { id, ...project } = requireProject(params.slug);
  authorize(context, request, 'project.update-links', { projectId: id });
  const choices = listLinkChoices();
  const done = new URL(request.url).searchParams.get('done');
  return {
    project,
    links: listProjectLinks(id),
    choices: {
      organisations: choices.organisations.map(({ id: _id, ...o }) => o),
      roles: choices.roles,
      topics: choices.topics.map(({ id: _id, ...t }) => t),
      places: choices.places.map(({ id: _id, ...p }) => p),
      provinces: choices.provinces,
      countries: choices.countries,
    },
    done: isIntent(done) ? done : null,
  };
}

/** Makes the change a valid form asks for; slugs and codes become the ids the tables hold. */
function applyLink(
  projectId: number,
  value: ProjectLinkValues,
  choices: LinkChoices,
  who: LinkWriter,
): LinkResult {
  const notFound = { ok: false, reason: 'not-found' } as const;
  const organisationId = (slug: string) => choices.organisations.find((o) => o.slug === slug)?.id;
  const topicId = (slug: string) => choices.topics.find((t) => t.slug === slug)?.id;
  switch (value.intent) {
    case 'add-organisation':
    case 'remove-organisation': {
      const id = organisationId(value.organisation);
      if (id === undefined) return notFound;
      return value.intent === 'add-organisation'
        ? addProjectOrganisation(
            projectId,
            {
              organisationId: id,
              role: value.role,
              nameAsWritten: value.nameAsWritten ?? null,
              asStatedBy: value.asStatedBy ?? null,
            },
            who,
          )
        : removeProjectOrganisation(projectId, { organisationId: id, role: value.role }, who);
    }
    case 'add-topic':
    case 'remove-topic': {
      const id = topicId(value.topic);
      if (id === undefined) return notFound;
      return value.intent === 'add-topic'
        ? addProjectTopic(projectId, { topicId: id, reason: value.reason ?? null }, who)
        : removeProjectTopic(projectId, id, who);
    }
    case 'add-location': {
      if (value.kind === 'place') {
        const place = choices.places.find((p) => p.slug === value.place);
        if (!place) return notFound;
        return addProjectLocation(projectId, { kind: 'place', placeId: place.id }, who);
      }
      return value.kind === 'province'
        ? addProjectLocation(projectId, { kind: 'province', provinceCode: value.province! }, who)
        : addProjectLocation(projectId, { kind: 'country', countryCode: value.country! }, who);
    }
    case 'remove-location':
      return removeProjectLocation(projectId, value.location, who);
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const project = requireProject(params.slug);
  const user = authorize(context, request, 'project.update-links', {
    projectId: project.id,
  });
  const choices = listLinkChoices();
  const submission = parseWithZod(await request.formData(), {
    schema: projectLinkSchema(choiceKeys(choices)),
  });
  if (submission.status !== 'success') {
    const intent = submission.payload.intent;
    return data(
      { intent: isIntent(intent) ? intent : null, result: submission.reply() },
      { status: 400 },
    );
  }
  const value = submission.value;
  const outcome = applyLink(project.id, value, choices, {
    at: now(),
    actor: actorOf(user),
  });
  if (!outcome.ok && outcome.reason === 'not-found') throw data(null, { status: 404 });
  const field = duplicateField(value);
  if (!outcome.ok && field) {
    return data(
      {
        intent: value.intent,
        result: submission.reply({ fieldErrors: { [field]: ['linksForm.error.alreadyLinked'] } }),
      },
      { status: 400 },
    );
  }
  return redirectAfterSave(
    request,
    `/projects/${project.slug}/links?done=${value.intent}#${SECTION[value.intent]}`,
  );
}

type LoaderData = Route.ComponentProps['loaderData'];
type Choices = LoaderData['choices'];

/** Names in the page's language: official names stay official, the hub's own are translated. */
function useNames() {
  const lang = useLang();
  const format = useFormat();
  const local = (en: string, zh: string | null, de: string | null = null) =>
    (lang === 'zh' ? zh : lang === 'de' ? de : null) ?? en;
  return {
    organisation: (o: {
      name: string;
      acronym: string | null;
      nameZh: string | null;
      nameDe: string | null;
    }) => {
      const name = local(o.name, o.nameZh, o.nameDe);
      return o.acronym ? `${o.acronym} — ${name}` : name;
    },
    topic: (t: { name: string; nameZh: string | null; nameDe: string | null }) =>
      local(t.name, t.nameZh, t.nameDe),
    place: (nameEn: string, nameZh: string | null) => local(nameEn, nameZh),
    province: (p: { nameEn: string; nameZh: string }) => local(p.nameEn, p.nameZh),
    country: format.country,
  };
}

/** What a form hears back from the action: its own result only, so errors land in that form. */
function resultFor(
  actionData: Route.ComponentProps['actionData'],
  intent: LinkIntent,
): SubmissionResult<string[]> | undefined {
  return actionData?.intent === intent ? actionData.result : undefined;
}

export default function ProjectLinks({ loaderData, actionData }: Route.ComponentProps) {
  const { project, links, choices, done } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const names = useNames();
  // A fresh location after each saved change: the add forms start empty again.
  const { key } = useLocation();
  const keys = choiceKeys(choices);
  const removalFailed = actionData?.intent?.startsWith('remove-') ?? false;
  const title = t('linksForm.title');
  const doneNotice = (section: (typeof SECTION)[LinkIntent]) =>
    done && !actionData && SECTION[done] === section ? (
      <p className="notice notice--success" role="status">
        {t(`linksForm.done.${done}`)}
      </p>
    ) : null;

  return (
    <>
      <PageTitle title={title} />
      <p className="muted">
        <AppLink to={to(`/projects/${project.slug}`)}>
          <OfficialName en={project.title} zh={project.titleZh} de={project.titleDe} />
        </AppLink>
      </p>
      <h1>{title}</h1>
      <p>{t('linksForm.lead')}</p>
      <p>
        <AppLink to={to(`/projects/${project.slug}/edit`)}>{t('projectForm.editTitle')}</AppLink> ·{' '}
        <AppLink to={to(`/projects/${project.slug}/history`)}>{t('edit.history')}</AppLink>
      </p>
      {removalFailed ? (
        <p className="notice" role="alert">
          {t('linksForm.error.removal')}
        </p>
      ) : null}

      <section className="links-section" aria-labelledby="organisations">
        <h2 id="organisations">{t('project.organisations')}</h2>
        {doneNotice('organisations')}
        {links.organisations.length ? (
          <ul className="links-list">
            {links.organisations.map((o) => (
              <li key={`${o.slug}:${o.role}`}>
                <span>
                  <OfficialName en={o.name} zh={o.nameZh} de={o.nameDe} />
                  {o.acronym && !o.name.includes(o.acronym) ? ` (${o.acronym})` : null} —{' '}
                  {t(`role.${o.role}`)}
                  {o.nameAsWritten ? (
                    <span className="muted">
                      {' '}
                      · {t('project.writtenAs')} <span lang="en">“{o.nameAsWritten}”</span>
                    </span>
                  ) : null}
                </span>
                <RemoveForm
                  intent="remove-organisation"
                  values={{ organisation: o.slug, role: o.role }}
                  what={`${o.acronym ?? o.name} — ${t(`role.${o.role}`)}`}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('linksForm.noOrganisations')}</p>
        )}
        <AddOrganisationForm
          key={key}
          choices={choices}
          keys={keys}
          lastResult={resultFor(actionData, 'add-organisation')}
        />
      </section>

      <section className="links-section" aria-labelledby="topics">
        <h2 id="topics">{t('project.topics')}</h2>
        {doneNotice('topics')}
        {links.topics.length ? (
          <ul className="links-list">
            {links.topics.map((topic) => (
              <li key={topic.slug}>
                <span>
                  {names.topic(topic)}
                  {topic.reason ? (
                    <span className="muted">
                      {' '}
                      · <span lang="en">{topic.reason}</span>
                    </span>
                  ) : null}
                </span>
                <RemoveForm
                  intent="remove-topic"
                  values={{ topic: topic.slug }}
                  what={names.topic(topic)}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('linksForm.noTopics')}</p>
        )}
        <AddTopicForm
          key={key}
          choices={choices}
          keys={keys}
          lastResult={resultFor(actionData, 'add-topic')}
        />
      </section>

      <section className="links-section" aria-labelledby="locations">
        <h2 id="locations">{t('project.locations')}</h2>
        {doneNotice('locations')}
        {links.locations.length ? (
          <ul className="links-list">
            {links.locations.map((l) => {
              const name =
                l.kind === 'place'
                  ? names.place(l.placeNameEn ?? '', l.placeNameZh)
                  : l.kind === 'province'
                    ? names.province({
                        nameEn: l.provinceNameEn ?? '',
                        nameZh: l.provinceNameZh ?? '',
                      })
                    : names.country(l.countryCode ?? '');
              return (
                <li key={l.id}>
                  <span>
                    {l.kind === 'place'
                      ? t('project.place')
                      : l.kind === 'province'
                        ? t('project.province')
                        : t('project.nationWide')}
                    : {name}
                    {l.kind === 'place' && l.provinceNameEn ? (
                      <span className="muted">
                        {' '}
                        (
                        {names.province({
                          nameEn: l.provinceNameEn,
                          nameZh: l.provinceNameZh ?? '',
                        })}
                        )
                      </span>
                    ) : null}
                    {l.kind === 'place' && (l.lat === null || l.lon === null) ? (
                      <span className="muted"> · {t('project.noCoordinates')}</span>
                    ) : null}
                  </span>
                  <RemoveForm
                    intent="remove-location"
                    values={{ location: String(l.id) }}
                    what={name}
                  />
                </li>
              );
            })}
          </ul>
        ) : (
          <p>{t('linksForm.noLocations')}</p>
        )}
        <AddLocationForm
          key={key}
          choices={choices}
          keys={keys}
          links={links}
          lastResult={resultFor(actionData, 'add-location')}
        />
      </section>
    </>
  );
}

/** One button that removes one link; the link is named for screen readers. */
function RemoveForm({
  intent,
  values,
  what,
}: {
  intent: LinkIntent;
  values: Record<string, string>;
  what: string;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="links-list__remove">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit">
        {t('linksForm.remove')}
        <span className="visually-hidden">: {what}</span>
      </button>
    </Form>
  );
}

interface AddFormProps {
  choices: Choices;
  keys: LinkChoiceKeys;
  lastResult: SubmissionResult<string[]> | undefined;
}

function AddOrganisationForm({ choices, keys, lastResult }: AddFormProps) {
  const { t } = useTranslation();
  const names = useNames();
  const schema = addOrganisationSchema(keys);
  const [form, fields] = useEntryForm(schema, {
    id: 'add-organisation',
    lastResult,
  });
  return (
    <EntryForm
      form={form}
      legend={t('linksForm.addOrganisation')}
      intent="add-organisation"
      submitLabel={t('linksForm.addOrganisationSubmit')}
    >
      <FormField field={fields.organisation} label={t('linksForm.organisation')}>
        <select {...getSelectProps(fields.organisation)}>
          <option value="">{t('form.choosePrompt')}</option>
          {choices.organisations.map((o) => (
            <option key={o.slug} value={o.slug}>
              {names.organisation(o)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField field={fields.role} label={t('linksForm.role')}>
        <select {...getSelectProps(fields.role)}>
          <option value="">{t('form.choosePrompt')}</option>
          {choices.roles.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </FormField>
      <TextField
        field={fields.nameAsWritten}
        label={t('linksForm.nameAsWritten')}
        hint={t('linksForm.nameAsWrittenHint')}
      />
      <TextField
        field={fields.asStatedBy}
        label={t('linksForm.asStatedBy')}
        hint={t('linksForm.asStatedByHint')}
      />
    </EntryForm>
  );
}

function AddTopicForm({ choices, keys, lastResult }: AddFormProps) {
  const { t } = useTranslation();
  const names = useNames();
  const schema = addTopicSchema(keys);
  const [form, fields] = useEntryForm(schema, {
    id: 'add-topic',
    lastResult,
  });
  return (
    <EntryForm
      form={form}
      legend={t('linksForm.addTopic')}
      intent="add-topic"
      submitLabel={t('linksForm.addTopicSubmit')}
    >
      <FormField field={fields.topic} label={t('linksForm.topic')}>
        <select {...getSelectProps(fields.topic)}>
          <option value="">{t('form.choosePrompt')}</option>
          {choices.topics.map((topic) => (
            <option key={topic.slug} value={topic.slug}>
              {names.topic(topic)}
            </option>
          ))}
        </select>
      </FormField>
      <TextField
        field={fields.reason}
        label={t('linksForm.reason')}
        hint={t('linksForm.reasonHint')}
      />
    </EntryForm>
  );
}

function AddLocationForm({
  choices,
  keys,
  links,
  lastResult,
}: AddFormProps & { links: LoaderData['links'] }) {
  const { t } = useTranslation();
  const names = useNames();
  const schema = addLocationSchema(keys);
  const [form, fields] = useEntryForm(schema, {
    id: 'add-location',
    lastResult,
    defaultValue: { country: keys.countries.includes('CN') ? 'CN' : undefined },
  });
  const Picker = useClientModule(() => import('../map/place-picker.client'))?.PlacePicker;
  const provinceNames = new Map(choices.provinces.map((p) => [p.code, names.province(p)]));
  const linkedPlaces = new Set(links.locations.flatMap((l) => (l.placeSlug ? [l.placeSlug] : [])));
  const mapped = choices.places.flatMap((p) =>
    p.lat !== null && p.lon !== null
      ? [
          {
            slug: p.slug,
            name: names.place(p.nameEn, p.nameZh),
            lat: p.lat,
            lon: p.lon,
            isLinked: linkedPlaces.has(p.slug),
          },
        ]
      : [],
  );
  const linkedProvinces = links.locations.flatMap((l) =>
    l.kind === 'province' && l.provinceCode ? [l.provinceCode] : [],
  );
  /** Choosing a place, province or country also chooses its kind (with JavaScript). */
  const chooseKind = (kind: (typeof LOCATION_KINDS)[number]) =>
    form.update({ name: fields.kind.name, value: kind });
  const pickPlace = (slug: string) => {
    form.update({ name: fields.place.name, value: slug });
    chooseKind('place');
  };
  const kindLabel = {
    place: t('linksForm.kindPlace'),
    province: t('linksForm.kindProvince'),
    country: t('linksForm.kindCountry'),
  };

  return (
    <EntryForm
      form={form}
      legend={t('linksForm.addLocation')}
      intent="add-location"
      submitLabel={t('linksForm.addLocationSubmit')}
    >
      <fieldset
        className={fields.kind.errors?.length ? 'links-kind form-field--invalid' : 'links-kind'}
        aria-describedby={fields.kind.errors?.length ? fields.kind.errorId : undefined}
      >
        <legend>{t('linksForm.kind')}</legend>
        {getCollectionProps(fields.kind, {
          type: 'radio',
          options: [...LOCATION_KINDS],
          ariaAttributes: false,
        }).map(({ key, ...props }) => (
          <label key={key ?? props.value} className="links-kind__option">
            <input {...props} /> {kindLabel[props.value as keyof typeof kindLabel]}
          </label>
        ))}
        <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
      </fieldset>
      <FormField field={fields.place} label={t('linksForm.place')} hint={t('linksForm.placeHint')}>
        <select
          {...getSelectProps(fields.place, { ariaDescribedBy: fields.place.descriptionId })}
          onChange={() => chooseKind('place')}
        >
          <option value="">{t('form.choosePrompt')}</option>
          {choices.places.map((p) => (
            <option key={p.slug} value={p.slug}>
              {names.place(p.nameEn, p.nameZh)}
              {p.provinceCode && provinceNames.has(p.provinceCode)
                ? ` (${provinceNames.get(p.provinceCode)})`
                : ''}
              {linkedPlaces.has(p.slug) ? ` — ${t('linksForm.linked')}` : ''}
            </option>
          ))}
        </select>
      </FormField>
      <div className="place-picker-frame">
        {Picker ? (
          <Picker
            label={t('linksForm.mapLabel')}
            places={mapped}
            linkedProvinceCodes={linkedProvinces}
            selected={typeof fields.place.value === 'string' ? fields.place.value : null}
            onSelect={pickPlace}
          />
        ) : null}
      </div>
      <p className="form-field__hint">{t('linksForm.mapLegend')}</p>
      <FormField field={fields.province} label={t('linksForm.province')}>
        <select {...getSelectProps(fields.province)} onChange={() => chooseKind('province')}>
          <option value="">{t('form.choosePrompt')}</option>
          {choices.provinces.map((p) => (
            <option key={p.code} value={p.code}>
              {names.province(p)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField field={fields.country} label={t('linksForm.country')}>
        <select {...getSelectProps(fields.country)} onChange={() => chooseKind('country')}>
          <option value="">{t('form.choosePrompt')}</option>
          {choices.countries.map((code) => (
            <option key={code} value={code}>
              {names.country(code)}
            </option>
          ))}
        </select>
      </FormField>
    </EntryForm>
  );
}

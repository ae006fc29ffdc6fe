import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, useLocation } from 'react-router';

import {
  type LinkChoices,
  getProjectForLinks,
  listLinkChoices,
  listProjectLinks,
} from './project-links.server';
import {
  type LinkResult,
  type LinkWriter,
  addProjectLocation,
  addProjectOrganisation,
  addProjectTopic,
  removeProjectLocation,
  removeProjectOrganisation,
  removeProjectTopic,
} from './project-link-writes.server';
import { authorize } from '../../core/auth/authorize.server';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { now } from '../../core/clock';
import {
  LINK_INTENTS,
  type LinkChoiceKeys,
  type LinkIntent,
  type ProjectLinkValues,
  duplicateField,
  projectLinkSchema,
} from './project-link-forms';
import { redirectAfterSave } from '../../core/forms/responses.server';
import type { Route } from './+types/links';
import { AppLink } from '../../core/ui/app-link';
import { FormHead } from '../../core/ui/form-head';
import { ProjectLink } from '../../core/ui/project-link';
import { SuccessNotice } from '../../core/ui/notice';
import { actorOf } from '../../core/auth/auth';
import { OrganisationLinks } from './links-organisations-form';
import { TopicLinks } from './links-topics-form';
import { LocationLinks } from './links-locations-form';

// A project's links to organisations, topics and locations: the loader, the action (one intent per
// form, dispatched by applyLink) and the page; each section with its forms is beside this module
// (links-*-form.tsx).

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
  // A fresh location after each saved change: the add forms start empty again.
  const { key } = useLocation();
  const keys = choiceKeys(choices);
  const removalFailed = actionData?.intent?.startsWith('remove-') ?? false;
  const title = t('linksForm.title');
  const doneNotice = (section: (typeof SECTION)[LinkIntent]) =>
    done && !actionData && SECTION[done] === section ? (
      <SuccessNotice>{t(`linksForm.done.${done}`)}</SuccessNotice>
    ) : null;
  const section = { links, choices, keys, formKey: key };

  return (
    <>
      <FormHead title={title} back={<ProjectLink project={project} />} lead={t('linksForm.lead')} />
      <p>
        <AppLink to={to(`/projects/${project.slug}/edit`)}>{t('projectForm.editTitle')}</AppLink> ·{' '}
        <AppLink to={to(`/projects/${project.slug}/history`)}>{t('edit.history')}</AppLink>
      </p>
      {removalFailed ? (
        <p className="notice" role="alert">
          {t('linksForm.error.removal')}
        </p>
      ) : null}
      <OrganisationLinks
        {...section}
        lastResult={resultFor(actionData, 'add-organisation')}
        done={doneNotice('organisations')}
      />
      <TopicLinks
        {...section}
        lastResult={resultFor(actionData, 'add-topic')}
        done={doneNotice('topics')}
      />
      <LocationLinks
        {...section}
        lastResult={resultFor(actionData, 'add-location')}
        done={doneNotice('locations')}
      />
    </>
  );
}

import { data } from 'react-router';

import { createIndicator, getProjectForIndicatorForm } from './indicator-writes.server';
import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { authorize } from '../../core/auth/authorize.server';
import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { actorOf } from '../../core/auth/auth';
import { now } from '../../core/clock';
import { indicatorFormSchema } from './indicator-forms';
import { indicatorValuesOf } from './indicator-form-values';
import { createAction } from '../../core/forms/edit-action.server';
import type { Route } from './+types/indicator-new';
import { IndicatorFields } from './indicator-fields';
import { listStandardIndicators } from './indicators.server';
import { FormHead } from '../../core/ui/form-head';
import { ProjectLink } from '../../core/ui/project-link';

function requireProject(slug: string) {
  const project = getProjectForIndicatorForm(slug);
  if (!project) throw data(null, { status: 404 });
  return project;
}

const standardOptions = () =>
  listStandardIndicators().map(({ id, code, title, titleZh, titleDe, unit }) => ({
    id,
    code,
    title,
    titleZh,
    titleDe,
    unit,
  }));

export function loader({ params, request, context }: Route.LoaderArgs) {
  const project = requireProject(params.slug);
  authorize(context, request, 'indicator.create', { projectId: project.id });
  return { project, standards: standardOptions() };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const project = requireProject(params.slug);
  const user = authorize(context, request, 'indicator.create', { projectId: project.id });
  return createAction(request, {
    schema: indicatorFormSchema({ standards: standardOptions() }),
    save: (values) => {
      const indicator = createIndicator(project.id, indicatorValuesOf(values), {
        at: now(),
        actor: actorOf(user),
      });
      return `/projects/${project.slug}?saved=indicator-${indicator.id}#indicators`;
    },
  });
}

export default function NewIndicator({ loaderData, actionData }: Route.ComponentProps) {
  const { project, standards } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const schema = indicatorFormSchema({ standards });
  const [form, fields] = useEntryForm(schema, {
    lastResult: actionData?.result,
    defaultValue: { measure: 'unit', direction: 'ascending' },
  });
  return (
    <>
      <FormHead
        title={t('indicatorEditing.newTitle')}
        back={<ProjectLink project={project} hash="#indicators" />}
        lead={t('indicatorEditing.newLead')}
      />
      <EntryForm
        form={form}
        submitLabel={t('indicatorEditing.submitNew')}
        cancelTo={to(`/projects/${project.slug}#indicators`)}
      >
        <IndicatorFields fields={fields} standards={standards} />
      </EntryForm>
    </>
  );
}

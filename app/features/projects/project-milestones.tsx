import { AppLink } from '../../core/ui/app-link';
import { DataTable } from '../../core/ui/data-table';
import { SuccessNotice } from '../../core/ui/notice';
import { useEnglishOnly, useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { MilestoneTitle, isNamedByKind } from '../milestones/milestone-title';
import type { ProjectPage } from './project-page';

// A project's milestones: how far along it is, each milestone's dates and state, its logged
// progress updates, and (for those who may) the forms to add, update and correct them.

type Milestone = ProjectPage['milestones'][number];

export function ProjectMilestones({
  project,
  milestones,
  completion,
  health,
  saved,
  canEdit,
}: Pick<ProjectPage, 'project' | 'milestones' | 'completion' | 'health' | 'saved' | 'canEdit'>) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <section aria-labelledby="milestones">
      <h2 id="milestones">{t('project.milestones')}</h2>
      {saved ? (
        <SuccessNotice>
          {t(saved.kind === 'added' ? 'milestone.added' : 'milestone.updated')}
        </SuccessNotice>
      ) : null}
      {canEdit ? (
        <p>
          <AppLink to={to(`/projects/${project.slug}/milestones/new`)}>
            {t('milestone.add')}
          </AppLink>
        </p>
      ) : null}
      {milestones.length === 0 ? (
        <p>{t('project.noMilestones')}</p>
      ) : (
        <>
          <ProgressSummary completion={completion} health={health} />
          <DataTable
            className="milestone-table"
            caption={t('project.milestones')}
            columns={[
              t('milestone.title'),
              t('milestone.planned'),
              t('milestone.revised'),
              t('milestone.actual'),
              t('milestone.status'),
              t('milestone.slippage'),
            ]}
          >
            {milestones.map((m) => (
              <MilestoneRow key={m.id} milestone={m} slug={project.slug} canEdit={canEdit} />
            ))}
          </DataTable>
          <p className="muted">{t('milestone.rules')}</p>
        </>
      )}
    </section>
  );
}

/** How complete the project is (where milestones say) and its health. */
function ProgressSummary({ completion, health }: Pick<ProjectPage, 'completion' | 'health'>) {
  const { t } = useTranslation();
  return (
    <p className="progress-summary">
      {completion === null ? (
        t('milestone.completionUnknown')
      ) : (
        <>
          <label htmlFor="project-completion">
            {t('milestone.completion', { percent: completion })}
          </label>{' '}
          <progress id="project-completion" max={100} value={completion}>
            {completion} %
          </progress>
        </>
      )}{' '}
      <span className={`badge badge--health-${health}`}>{t(`milestone.health.${health}`)}</span>
    </p>
  );
}

interface RowProps {
  milestone: Milestone;
  /** The project's slug, for the milestone's form links. */
  slug: string;
  canEdit: boolean;
}

function MilestoneRow({ milestone: m, slug, canEdit }: RowProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <tr id={`milestone-${m.id}`} data-status={m.status}>
      <th scope="row">
        <MilestoneName milestone={m} slug={slug} canEdit={canEdit} />
      </th>
      <td>{format.date(m.plannedDate, m.plannedPrecision) ?? t('common.notPublished')}</td>
      <td>{format.date(m.revisedDate, m.revisedPrecision) ?? '—'}</td>
      <td>{format.date(m.actualDate, m.actualPrecision) ?? '—'}</td>
      <td>
        <MilestoneState milestone={m} slug={slug} canEdit={canEdit} />
      </td>
      <td>
        {m.slippageDays === null
          ? '—'
          : m.slippageDays > 0
            ? t('milestone.late', { count: m.slippageDays })
            : m.slippageDays < 0
              ? t('milestone.early', { count: -m.slippageDays })
              : t('milestone.onTime')}
      </td>
    </tr>
  );
}

/** Its kind and title, whether the hub derived it, its evidence, note and logged updates. */
function MilestoneName({ milestone: m, slug, canEdit }: RowProps) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const englishOnly = useEnglishOnly();
  return (
    <>
      {isNamedByKind(m) ? (
        t(`milestone.kind.${m.kind}`)
      ) : (
        <>
          <span className="muted">{t(`milestone.kind.${m.kind}`)}</span>
          <br />
          <MilestoneTitle milestone={m} />
        </>
      )}
      {m.isDerived ? <span className="muted"> · {t('milestone.derived')}</span> : null}
      {m.evidenceUrl ? (
        <>
          {' · '}
          <a href={m.evidenceUrl} rel="noreferrer">
            {t('milestone.evidence')}
          </a>
        </>
      ) : null}
      {m.note ? (
        <span className="muted milestone-note" lang={englishOnly}>
          {m.note}
        </span>
      ) : null}
      {m.history.length > 0 ? (
        <details className="milestone-history">
          <summary>{t('milestone.history', { count: m.history.length })}</summary>
          <ol>
            {m.history.map((u) => (
              <li key={u.id}>
                {format.date(u.recordedAt.slice(0, 10), 'day')} · {u.recordedBy}:{' '}
                {u.fromStatus ? `${t(`milestoneStatus.${u.fromStatus}`)} → ` : ''}
                {t(`milestoneStatus.${u.toStatus}`)}, {u.toProgress} %
                {u.comment ? <q lang={englishOnly}>{u.comment}</q> : null}
                {canEdit ? (
                  <>
                    {' · '}
                    <AppLink to={to(`/projects/${slug}/milestones/${m.id}/updates/${u.id}/edit`)}>
                      {t('edit.correct')}
                    </AppLink>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </>
  );
}

/** Its state, progress and lateness, and (for those who may) the links to update or edit it. */
function MilestoneState({ milestone: m, slug, canEdit }: RowProps) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <>
      {t(`milestoneStatus.${m.status}`)}
      {m.status === 'in-progress' || m.status === 'delayed' ? ` · ${m.progress} %` : ''}
      {m.overdueDays > 0 ? (
        <strong className="overdue"> · {t('milestone.overdue', { count: m.overdueDays })}</strong>
      ) : m.isDueSoon ? (
        <span> · {t('milestone.dueSoon')}</span>
      ) : null}
      {canEdit ? (
        <>
          <br />
          <AppLink
            to={to(`/projects/${slug}/milestones/${m.id}/update`)}
            className="milestone-update-link"
          >
            {t('milestone.addUpdate')}
            <span className="visually-hidden">
              {' '}
              ({isNamedByKind(m) ? t(`milestone.kind.${m.kind}`) : m.title})
            </span>
          </AppLink>
          {' · '}
          <AppLink to={to(`/projects/${slug}/milestones/${m.id}/edit`)}>
            {t('edit.edit')}
            <span className="visually-hidden"> ({m.title})</span>
          </AppLink>
        </>
      ) : null}
    </>
  );
}

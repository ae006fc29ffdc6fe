import { useFormat, useTranslation } from '../../core/i18n/hooks';
import type { MilestoneDates, ReviewGroup } from './progress';
import type { MilestoneKind } from '../../../db/vocabulary';
import { AppLink } from '../../core/ui/app-link';
import { DataTable } from '../../core/ui/data-table';
import { ProjectLink } from '../../core/ui/project-link';
import { MilestoneTitle, isNamedByKind } from './milestone-title';

/** A milestone in the review: its state and dates, its project, how late it is. */
export interface ReviewRow extends Omit<Required<MilestoneDates>, 'progress'> {
  id: number;
  title: string;
  titleZh: string | null;
  kind: MilestoneKind;
  isDerived: boolean;
  projectSlug: string;
  projectTitle: string;
  projectTitleZh: string | null;
  projectTitleDe: string | null;
  overdueDays: number;
  slippageDays: number | null;
}

export interface ReviewGroupData {
  group: ReviewGroup;
  rows: ReviewRow[];
}

/**
 * One section of the portfolio review: its groups, each a heading with its count and a table.
 * The review page uses it once (or once per ministry or topic); a ministry brief reuses it.
 */
export function ReviewGroups({
  groups,
  counts,
  idPrefix,
  headingLevel,
  moreHref,
}: {
  groups: ReviewGroupData[];
  counts: Record<ReviewGroup, number>;
  /** Makes heading ids unique when the page holds several sections. */
  idPrefix: string;
  headingLevel: 2 | 3;
  /** Where "show all" of a group leads; none in print sections. */
  moreHref?: (group: ReviewGroup) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  // Inside a ministry's or topic's section the groups are plain blocks: as landmarks they would
  // repeat the same names ("Overdue") once per section.
  const Block = headingLevel === 2 ? 'section' : 'div';
  return groups.map(({ group, rows }) => (
    <Block
      key={group}
      aria-labelledby={headingLevel === 2 ? `${idPrefix}${group}` : undefined}
      className="review-group"
      data-group={group}
    >
      <Heading id={`${idPrefix}${group}`}>
        {t(`review.group.${group}`)} ({format.count(counts[group])})
      </Heading>
      {rows.length > 0 ? (
        <ReviewTable group={group} rows={rows} labelledBy={`${idPrefix}${group}`} />
      ) : headingLevel === 2 ? (
        <p>{t('review.empty')}</p>
      ) : null}
      {counts[group] > rows.length ? (
        <p className="muted">
          {moreHref ? (
            <AppLink to={moreHref(group)}>{t('review.showAll', { count: counts[group] })}</AppLink>
          ) : (
            t('review.more', { count: counts[group] - rows.length })
          )}
        </p>
      ) : null}
    </Block>
  ));
}

function ReviewTable({
  group,
  rows,
  labelledBy,
}: {
  group: ReviewGroup;
  rows: ReviewRow[];
  labelledBy: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataTable
      labelledBy={labelledBy}
      columns={[t('review.project'), t('milestone.title'), t('review.due'), t('milestone.status')]}
    >
      {rows.map((m) => (
        <tr key={m.id}>
          <td>
            <ProjectLink
              project={{
                slug: m.projectSlug,
                title: m.projectTitle,
                titleZh: m.projectTitleZh,
                titleDe: m.projectTitleDe,
              }}
              hash={`#milestone-${m.id}`}
            />
          </td>
          <th scope="row">
            <span className="muted">{t(`milestone.kind.${m.kind}`)}</span>
            {isNamedByKind(m) ? null : (
              <>
                <br />
                <MilestoneTitle milestone={m} />
              </>
            )}
          </th>
          <td>
            {group === 'recently-achieved'
              ? format.date(m.actualDate, m.actualPrecision)
              : (format.date(m.revisedDate, m.revisedPrecision) ??
                format.date(m.plannedDate, m.plannedPrecision) ??
                t('common.notPublished'))}
          </td>
          <td>
            {t(`milestoneStatus.${m.status}`)}
            {m.overdueDays > 0 ? (
              <strong className="overdue">
                {' · '}
                {t('milestone.overdue', { count: m.overdueDays })}
              </strong>
            ) : null}
            {group === 'recently-achieved' && m.slippageDays !== null && m.slippageDays > 0
              ? ` · ${t('milestone.late', { count: m.slippageDays })}`
              : ''}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

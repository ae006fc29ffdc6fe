import { data } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { isAllowed } from '../../core/auth/permissions';
import { today } from '../../core/clock';
import { csvResponse } from '../../core/csv';
import { apiError, readApiLang } from '../../core/filter/api-request.server';
import { fixedTranslation } from '../../core/i18n/hooks';
import { getInstance } from '../../core/i18n/i18next.server';
import { officialNameText } from '../../core/ui/official-name';
import type { Route } from './+types/board-csv';
import { parseBoardParams } from './board-params';
import { daysUntil } from './round-ui';
import { getBoard, getRound } from './rounds.server';

// /reporting/:round/board.csv?<board filter>&lang=: the whole board (every row the filter keeps,
// not one page) as CSV: codes and labels in the language asked for, as the other exports.

export function loader({ params, request, context }: Route.LoaderArgs) {
  const round = getRound(params.round);
  const user = authorize(context, request, 'round.export');
  if (!round || (round.state === 'draft' && !isAllowed('editors', user))) {
    throw data(null, { status: 404 });
  }
  const search = new URL(request.url).searchParams;
  const lang = readApiLang(search);
  if (lang instanceof Response) return lang;
  const { filter, problems } = parseBoardParams(search);
  // Paging is the page's: the CSV has every row.
  const problem = problems.find((p) => p.parameter !== 'page');
  if (problem) return apiError(400, problem.message, problem.parameter, problem.expected);
  const t = fixedTranslation(getInstance(context), lang);
  const days = daysUntil(round.dueOn, today());
  const { rows } = getBoard(round.id, filter, {});
  return csvResponse(
    [
      [
        'project',
        'project_name',
        'state',
        'state_label',
        'asked',
        'last_change',
        'days_to_due',
        'missing_milestone_updates',
        'missing_sections',
      ],
      ...rows.map((row) => {
        const last = [row.updatedAt, row.stateChangedAt]
          .filter((v): v is string => v !== null)
          .sort()
          .at(-1);
        const delivered = row.state === 'submitted' || row.state === 'approved';
        return [
          row.project.slug,
          officialNameText(lang, {
            en: row.project.title,
            zh: row.project.titleZh,
            de: row.project.titleDe,
          }),
          row.state,
          t(`reporting.reportState.${row.state}`),
          row.authors.join('; '),
          last ?? '',
          delivered ? '' : days,
          row.missing.milestones,
          row.missing.sections.map((s) => t(`reporting.section.${s}`)).join('; '),
        ];
      }),
    ],
    `${round.slug}-board.csv`,
  );
}

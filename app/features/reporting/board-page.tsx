import { Form, data } from 'react-router';

import { REPORT_STATES } from '../../../db/vocabulary';
import { authorize } from '../../core/auth/authorize.server';
import { isAllowed } from '../../core/auth/permissions';
import { today } from '../../core/clock';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { DataTable } from '../../core/ui/data-table';
import { SuccessNotice } from '../../core/ui/notice';
import { PageTitle } from '../../core/ui/page-title';
import { Pagination } from '../../core/ui/pagination';
import { ProjectLink } from '../../core/ui/project-link';
import { translatedTitleText } from '../../core/ui/translated-title';
import type { Route } from './+types/board-page';
import { boardSearch, parseBoardParams } from './board-params';
import { ReportStateLabel, RoundStateLabel, RoundTitle, daysUntil, useDaysText } from './round-ui';
import { getBoard, getBoardChoices, getRound } from './rounds.server';

// /reporting/:round: the round board, one row per project asked: its report's state, who was
// asked, the last change, the days to the due date, and what is still missing. Filtered by state,
// ministry and organisation (a malformed value: 400, said next to its field); 100 rows a page.

const BOARD_PAGE_SIZE = 100;

// Links and a GET form: complete as HTML, so no loader data is sent twice (as the page and as
// hydration data: at 10 000 projects 115 kB of each page's 220, decision 0082).
export const handle = SERVER_ONLY_PAGE;

export function loader({ params, request, context }: Route.LoaderArgs) {
  const round = getRound(params.round);
  const user = authorize(context, request, 'round.read');
  const isHubTeam = isAllowed('editors', user);
  // A draft round is the hub team's own until it opens.
  if (!round || (round.state === 'draft' && !isHubTeam)) throw data(null, { status: 404 });
  const search = new URL(request.url).searchParams;
  const { filter, page, problems } = parseBoardParams(search);
  const board = getBoard(round.id, filter, {
    limit: BOARD_PAGE_SIZE,
    offset: (page - 1) * BOARD_PAGE_SIZE,
  });
  const body = {
    round,
    isHubTeam,
    today: today(),
    filter,
    page,
    pageCount: Math.max(1, Math.ceil(board.total / BOARD_PAGE_SIZE)),
    counts: board.counts,
    total: board.total,
    rows: board.rows,
    choices: getBoardChoices(round.id),
    errors: Object.fromEntries(problems.map((p) => [p.parameter, p.value])) as Record<
      string,
      string
    >,
    raw: Object.fromEntries(['state', 'ministry', 'org'].map((k) => [k, search.get(k) ?? ''])),
    notice: search.get('saved') === '1' ? 'saved' : (search.get('state') ?? null),
  };
  return data(body, { status: problems.length ? 400 : 200 });
}

export default function Board({ loaderData }: Route.ComponentProps) {
  const { round, isHubTeam, filter, page, pageCount, counts, total, rows, choices, errors, raw } =
    loaderData;
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const format = useFormat();
  const daysText = useDaysText();
  const day = (value: string) => format.date(value, 'day');
  const days = daysUntil(round.dueOn, loaderData.today);
  const title = translatedTitleText(lang, {
    en: round.title,
    zh: round.titleZh,
    de: round.titleDe,
  });
  const query = boardSearch(filter);
  const csv = `/reporting/${round.slug}/board.csv?${new URLSearchParams([
    ...new URLSearchParams(query),
    ['lang', lang],
  ]).toString()}`;
  const notice = loaderData.notice;
  const packQuery = new URLSearchParams([
    ...filter.ministry.map((v) => ['ministry', v]),
    ...filter.org.map((v) => ['org', v]),
  ]).toString();
  return (
    <>
      <PageTitle title={title} description={t('reporting.boardLead')} />
      <p className="muted">
        <AppLink to={to('/reporting')}>{t('reporting.title')}</AppLink>
      </p>
      <h1>
        <RoundTitle round={round} />
      </h1>
      {notice === 'saved' ? <SuccessNotice>{t('reporting.saved')}</SuccessNotice> : null}
      {notice === 'open' || notice === 'closed' ? (
        <SuccessNotice>{t(`reporting.stateNotice.${notice}`)}</SuccessNotice>
      ) : null}
      <dl className="round-facts">
        <dt>{t('reporting.state')}</dt>
        <dd>
          <RoundStateLabel state={round.state} />
        </dd>
        <dt>{t('reporting.period')}</dt>
        <dd>
          {day(round.periodStart)} – {day(round.periodEnd)}
        </dd>
        <dt>{t('reporting.due')}</dt>
        <dd>
          {day(round.dueOn)}
          {round.state === 'open' ? ` (${daysText(days)})` : null}
        </dd>
        {round.eventSlug ? (
          <>
            <dt>{t('reporting.event')}</dt>
            <dd>
              <AppLink to={to(`/events/${round.eventSlug}`)}>
                {translatedTitleText(lang, {
                  en: round.eventTitle ?? '',
                  zh: round.eventTitleZh,
                  de: round.eventTitleDe,
                })}
              </AppLink>
            </dd>
          </>
        ) : null}
      </dl>
      <p className="round-actions">
        {isHubTeam ? (
          <>
            <AppLink to={to(`/reporting/${round.slug}/edit`)}>{t('reporting.editRound')}</AppLink>
            {round.state === 'closed' ? null : (
              <>
                {' · '}
                <AppLink to={to(`/reporting/${round.slug}/projects`)}>
                  {t('reporting.chooseProjects')}
                </AppLink>
              </>
            )}
            {' · '}
          </>
        ) : null}
        <a href={csv} download>
          {t('reporting.csv')}
        </a>
        {' · '}
        {/* The pack keeps the board's ministry and organisation (the shared filter's own). */}
        <a href={`${to(`/reporting/${round.slug}/report`)}${packQuery ? `?${packQuery}` : ''}`}>
          {t('pack.link')}
        </a>
      </p>
      <h2 id="board-states">{t('reporting.byState')}</h2>
      <ul className="round-counts">
        {REPORT_STATES.map((state) => (
          <li key={state}>
            <AppLink
              to={to(`/reporting/${round.slug}?${boardSearch({ ...filter, state: [state] })}`)}
            >
              <ReportStateLabel state={state} />: {format.count(counts[state])}
            </AppLink>
          </li>
        ))}
      </ul>
      <BoardFilterForm filter={filter} errors={errors} choices={choices} />
      <h2 id="board-heading">{t('reporting.boardHeading', { count: total })}</h2>
      {raw.state === '' && total === 0 ? <p>{t('reporting.noProjects')}</p> : null}
      <BoardTable rows={rows} roundSlug={round.slug} days={days} />
      <Pagination
        page={page}
        pageCount={pageCount}
        hrefFor={(p) => to(`/reporting/${round.slug}?${boardSearch(filter, p)}`)}
      />
    </>
  );
}

function Missing({ missing }: { missing: { milestones: number; sections: readonly string[] } }) {
  const { t } = useTranslation();
  const parts = [
    ...(missing.milestones > 0
      ? [t('reporting.missingMilestones', { count: missing.milestones })]
      : []),
    ...missing.sections.map((s) => t(`reporting.section.${s as 'achievements'}`)),
  ];
  return parts.length ? <>{parts.join('; ')}</> : <>{t('reporting.nothingMissing')}</>;
}

type BoardData = Route.ComponentProps['loaderData'];

function BoardFilterForm({
  filter,
  errors,
  choices,
}: Pick<BoardData, 'filter' | 'errors' | 'choices'>) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorOf = (name: string) =>
    errors[name] !== undefined ? (
      <p className="form-field__error" id={`board-${name}-error`} role="alert">
        {t('reporting.badValue', { value: errors[name] })}
      </p>
    ) : null;
  const described = (name: string) =>
    errors[name] !== undefined
      ? { 'aria-describedby': `board-${name}-error`, 'aria-invalid': true as const }
      : {};
  const orgName = (o: { name: string; nameZh: string | null; acronym: string | null }) =>
    `${lang === 'zh' && o.nameZh ? o.nameZh : o.name}${o.acronym ? ` (${o.acronym})` : ''}`;
  return (
    <Form method="get" className="board-filter review-view" aria-label={t('reporting.filterLabel')}>
      <div className="form-field">
        <label htmlFor="board-state">{t('reporting.reportStateLabel')}</label>
        <select
          id="board-state"
          name="state"
          defaultValue={errors.state !== undefined ? '' : (filter.state[0] ?? '')}
          {...described('state')}
        >
          <option value="">{t('reporting.any')}</option>
          {REPORT_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`reporting.reportState.${s}`)}
            </option>
          ))}
        </select>
        {errorOf('state')}
      </div>
      <div className="form-field">
        <label htmlFor="board-ministry">{t('reporting.ministry')}</label>
        <select
          id="board-ministry"
          name="ministry"
          defaultValue={errors.ministry !== undefined ? '' : (filter.ministry[0] ?? '')}
          {...described('ministry')}
        >
          <option value="">{t('reporting.any')}</option>
          {choices.ministries.map((o) => (
            <option key={o.slug} value={o.slug}>
              {orgName(o)}
            </option>
          ))}
        </select>
        {errorOf('ministry')}
      </div>
      <div className="form-field">
        <label htmlFor="board-org">{t('reporting.organisation')}</label>
        <select
          id="board-org"
          name="org"
          defaultValue={errors.org !== undefined ? '' : (filter.org[0] ?? '')}
          {...described('org')}
        >
          <option value="">{t('reporting.any')}</option>
          {choices.organisations.map((o) => (
            <option key={o.slug} value={o.slug}>
              {orgName(o)}
            </option>
          ))}
        </select>
        {errorOf('org')}
      </div>
      {errorOf('page')}
      <button type="submit">{t('reporting.apply')}</button>
    </Form>
  );
}

function BoardTable({
  rows,
  roundSlug,
  days,
}: {
  rows: BoardData['rows'];
  roundSlug: string;
  days: number;
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const daysText = useDaysText();
  const round = { slug: roundSlug };
  if (rows.length === 0) return null;
  return (
    <DataTable
      labelledBy="board-heading"
      className="board-table"
      columns={[
        t('reporting.project'),
        t('reporting.reportStateLabel'),
        t('reporting.asked'),
        t('reporting.lastChange'),
        t('reporting.daysToDue'),
        t('reporting.missing'),
      ]}
    >
      {rows.map((row) => {
        const last = [row.updatedAt, row.stateChangedAt]
          .filter((v): v is string => v !== null)
          .sort()
          .at(-1);
        const delivered = row.state === 'submitted' || row.state === 'approved';
        return (
          <tr key={row.reportId}>
            <td>
              <ProjectLink project={row.project} />
            </td>
            <td>
              <AppLink to={to(`/reporting/${round.slug}/${row.project.slug}`)}>
                <ReportStateLabel state={row.state} />
              </AppLink>
            </td>
            <td>
              {row.authors.length ? (
                row.authors.join(', ')
              ) : (
                <span className="muted">{t('reporting.nobodyToAsk')}</span>
              )}
            </td>
            <td>{last ? format.dateTime(last) : '—'}</td>
            <td>{delivered ? t('reporting.delivered') : daysText(days)}</td>
            <td>
              <Missing missing={row.missing} />
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}

import { authorize } from '../../core/auth/authorize.server';
import { isAllowed } from '../../core/auth/permissions';
import { today } from '../../core/clock';
import { useFormat, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { DataTable } from '../../core/ui/data-table';
import { PageTitle } from '../../core/ui/page-title';
import { OfficialName } from '../../core/ui/official-name';
import type { Route } from './+types/reporting-page';
import { ReportStateLabel, RoundStateLabel, RoundTitle, daysUntil, useDaysText } from './round-ui';
import { listAskedOf, listRounds } from './rounds.server';

// /reporting: the reporting rounds (drafts for the hub team only) and, for an implementer, first
// what is asked of them in the open rounds.

export function loader({ request, context }: Route.LoaderArgs) {
  const user = authorize(context, request, 'reporting.read');
  const isHubTeam = isAllowed('editors', user);
  return {
    isHubTeam,
    today: today(),
    rounds: listRounds({ withDrafts: isHubTeam }),
    asked: user.role === 'implementer' ? listAskedOf(user) : null,
  };
}

export default function Reporting({ loaderData }: Route.ComponentProps) {
  const { isHubTeam, rounds, asked } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const daysText = useDaysText();
  const day = (value: string) => format.date(value, 'day');
  return (
    <>
      <PageTitle title={t('reporting.title')} description={t('reporting.lead')} />
      <h1>{t('reporting.title')}</h1>
      <p className="lead">{t('reporting.lead')}</p>
      <p className="pack-link">
        <a href={to('/report')}>{t('pack.portfolio')}</a>
      </p>
      {asked ? (
        <section aria-labelledby="asked-heading" className="reporting-asked">
          <h2 id="asked-heading">{t('reporting.askedOfYou')}</h2>
          {asked.length === 0 ? (
            <p>{t('reporting.askedNone')}</p>
          ) : (
            <ul className="plain-list">
              {asked.map((r) => (
                <li key={`${r.roundSlug}/${r.project.slug}`}>
                  <AppLink to={to(`/reporting/${r.roundSlug}/${r.project.slug}`)}>
                    <OfficialName
                      en={r.project.title}
                      zh={r.project.titleZh}
                      de={r.project.titleDe}
                    />
                  </AppLink>{' '}
                  ·{' '}
                  <RoundTitle
                    round={{
                      title: r.roundTitle,
                      titleZh: r.roundTitleZh,
                      titleDe: r.roundTitleDe,
                    }}
                  />{' '}
                  · <ReportStateLabel state={r.state} /> ·{' '}
                  {t('reporting.dueOn', { date: day(r.dueOn) })} (
                  {daysText(daysUntil(r.dueOn, loaderData.today))})
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <h2 id="rounds-heading">{t('reporting.rounds')}</h2>
      {isHubTeam ? (
        <p>
          <AppLink to={to('/reporting/new')}>{t('reporting.newRound')}</AppLink>
        </p>
      ) : null}
      {rounds.length === 0 ? (
        <p>{t('reporting.noRounds')}</p>
      ) : (
        <DataTable
          labelledBy="rounds-heading"
          columns={[
            t('reporting.round'),
            t('reporting.state'),
            t('reporting.period'),
            t('reporting.due'),
            t('reporting.completion'),
          ]}
        >
          {rounds.map((round) => (
            <tr key={round.id}>
              <td>
                <AppLink to={to(`/reporting/${round.slug}`)}>
                  <RoundTitle round={round} />
                </AppLink>
              </td>
              <td>
                <RoundStateLabel state={round.state} />
              </td>
              <td>
                {day(round.periodStart)} – {day(round.periodEnd)}
              </td>
              <td>{day(round.dueOn)}</td>
              <td>
                {t('reporting.approvedOf', { approved: round.approved, count: round.reports })}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

import { data } from 'react-router';

import { authorize } from '../../core/auth/authorize.server';
import { isAllowed } from '../../core/auth/permissions';
import { today } from '../../core/clock';
import { type ProjectFilter, filterSearchParams } from '../../core/filter/filter';
import { FilterChips } from '../../core/filter/filter-panel';
import { readPageFilter } from '../../core/filter/page-filter.server';
import { HTML_LANG, LANGS, LANG_NAMES, type Lang, langFromPath } from '../../core/i18n/config';
import {
  fixedTranslation,
  useEnglishOnly,
  useLang,
  useLocalizePath,
  useTranslation,
} from '../../core/i18n/hooks';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { PageTitle } from '../../core/ui/page-title';
import type { Route } from './+types/print-page';
import { buildPack, countPackProjects, getPackRound } from './pack-data.server';
import { fill, nameOr } from './pack-labels';
import { PRINT_VIEW_LABELS } from './print-labels';
import { parsePackRequest } from './pack-params';
import { PRINT_MAX_PROJECTS, type Named, type PackData, type PackLanguages } from './pack-types';
import { PrintMinistries, PrintSources, PrintTopics, groupAnchor } from './print-groups';
import { PrintOverview } from './print-overview';
import { PrintProject, projectAnchor } from './print-project';
import { type PrintVoice, createPrintVoice } from './print-voice';

// /report and /reporting/:round/report: the Interface Workshop pack as one HTML page built for
// print (A4, a page per project, page numbers: app.css) — and readable on a screen. A period pack
// is public; a round pack is seen by whoever may read the round's board. Bad parameters: 400 and a
// small form with each message next to its field. Sent without JavaScript (SERVER_ONLY_PAGE).

export const handle = SERVER_ONLY_PAGE;

const FIELDS = ['start', 'end', 'lang'] as const;

export function loader({ params, request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const pageLang = langFromPath(url.pathname);
  const now = today();
  let round = null;
  if (params.round !== undefined) {
    const user = authorize(context, request, 'round.pack-print');
    round = getPackRound(params.round) ?? null;
    // A draft round is the hub team's own until it opens, as on its board.
    if (!round || (round.state === 'draft' && !isAllowed('editors', user))) {
      throw data(null, { status: 404 });
    }
  }
  const search = url.searchParams;
  const { request: packRequest, problems } = parsePackRequest(search, {
    round,
    pageLang,
    today: now,
  });
  if (problems.length > 0) {
    const { filter, facets } = readPageFilter(search, now);
    const errors: Record<string, string> = {};
    for (const p of problems) errors[p.field] ??= p.message;
    return data(
      {
        kind: 'form' as const,
        round: round ? { slug: round.slug, title: round.title } : null,
        values: Object.fromEntries(FIELDS.map((f) => [f, search.get(f) ?? ''])) as Record<
          (typeof FIELDS)[number],
          string
        >,
        errors,
        filter,
        facets,
      },
      { status: 400 },
    );
  }
  // A page over this many projects would hold a server worker for seconds and weigh megabytes: it
  // says so and offers the files, which are built off the request thread (decision 0076).
  const count = countPackProjects(packRequest, now);
  if (count > PRINT_MAX_PROJECTS) {
    const { id: _id, ...roundData } = round ?? { id: 0 };
    return {
      kind: 'too-large' as const,
      count,
      request: packRequest,
      round: round ? (roundData as NonNullable<PackData['round']>) : null,
    };
  }
  return { kind: 'pack' as const, pack: buildPack(packRequest, now) };
}

export default function PrintPage({ loaderData }: Route.ComponentProps) {
  if (loaderData.kind === 'form') return <PackForm {...loaderData} />;
  if (loaderData.kind === 'too-large') return <TooLarge {...loaderData} />;
  return <PackView pack={loaderData.pack} />;
}

/** The head of the pack's short pages (bad parameters, too large): in the page's language. */
function ShortPageHead({ round }: { round: { title: Named } | null }) {
  const lang = useLang();
  const labels = PRINT_VIEW_LABELS[lang];
  const title = round
    ? fill(labels.roundPack, { round: nameOr(round.title, lang) })
    : labels.periodPack;
  return (
    <>
      <PageTitle title={`${labels.packTitle}: ${title}`} />
      <p className="pack-head__kicker">{labels.packTitle}</p>
      <h1>{title}</h1>
    </>
  );
}

type TooLargeData = Extract<Route.ComponentProps['loaderData'], { kind: 'too-large' }>;

/** A pack too large for one page: how large, and its files (built in the background). */
function TooLarge({ count, request, round }: TooLargeData) {
  const labels = PRINT_VIEW_LABELS[useLang()];
  const pack = { request, round };
  const fileBase = round ? `/reporting/${round.slug}/report` : '/report';
  return (
    <article className="pack pack-form">
      <ShortPageHead round={round} />
      <p className="notice" role="status">
        {fill(labels.tooLarge, { n: count, max: PRINT_MAX_PROJECTS })}
      </p>
      <div className="pack-actions">
        <p>
          <strong>{labels.slideDeck}</strong> ({labels.downloads}):{' '}
          <LanguageLinks href={(langs) => packHref(`${fileBase}.pptx`, pack, langs)} />
        </p>
        <p>
          <strong>{labels.wordDocument}</strong> ({labels.downloads}):{' '}
          <LanguageLinks href={(langs) => packHref(`${fileBase}.docx`, pack, langs)} />
        </p>
      </div>
    </article>
  );
}

/** The pack's address (page or file) with its filter, its period (a period pack) and its languages. */
function packHref(
  base: string,
  pack: Pick<PackData, 'request' | 'round'>,
  languages: readonly Lang[],
): string {
  const search = filterSearchParams(pack.request.filter);
  if (!pack.round) {
    search.set('start', pack.request.start);
    search.set('end', pack.request.end);
  }
  search.set('lang', languages.join('+'));
  return `${base}?${search.toString()}`;
}

const LANGUAGE_CHOICES: PackLanguages[] = [['en'], ['zh'], ['de'], ['en', 'zh']];

function LanguageLinks({ href }: { href: (languages: PackLanguages) => string }) {
  return (
    <>
      {LANGUAGE_CHOICES.map((languages, i) => (
        <span key={languages.join('+')}>
          {i > 0 ? ' · ' : ''}
          <a
            href={href(languages)}
            hrefLang={languages.length === 1 ? HTML_LANG[languages[0]] : undefined}
            lang={HTML_LANG[languages[0]]}
          >
            {languages.map((l) => LANG_NAMES[l]).join(' + ')}
          </a>
        </span>
      ))}
    </>
  );
}

function PackView({ pack }: { pack: PackData }) {
  const { i18n } = useTranslation();
  const to = useLocalizePath();
  const languages = pack.request.languages;
  const translators = Object.fromEntries(
    LANGS.map((l) => [l, fixedTranslation(i18n, l)]),
  ) as Parameters<typeof createPrintVoice>[1];
  const voice = createPrintVoice(languages, translators, pack.sources);
  const { words } = voice;
  const fileBase = pack.round ? `/reporting/${pack.round.slug}/report` : '/report';
  const subtitle = pack.round
    ? voice.text((l) => l.roundPack, {
        round: languages.map((l) => nameOr(pack.round!.title, l)).join(' / '),
      })
    : voice.text((l) => l.periodPack);
  return (
    <article className="pack" lang={HTML_LANG[voice.lang]}>
      <PageTitle title={`${voice.text((l) => l.packTitle)}: ${subtitle}`} />
      <header className="pack-head">
        <p className="pack-head__kicker">{words((l) => l.packTitle)}</p>
        <h1>
          {pack.round
            ? languages.map((l, i) => (
                <span key={l} lang={l === voice.lang ? undefined : HTML_LANG[l]}>
                  {i > 0 ? ' / ' : ''}
                  {fill(PRINT_VIEW_LABELS[l].roundPack, { round: nameOr(pack.round!.title, l) })}
                </span>
              ))
            : words((l) => l.periodPack)}
        </h1>
        <dl className="pack-facts">
          <dt>{words((l) => l.period)}</dt>
          <dd>
            {voice.date(pack.request.start, 'day')} – {voice.date(pack.request.end, 'day')}
          </dd>
          <dt>{words((l) => l.asOf)}</dt>
          <dd>{voice.date(pack.asOf, 'day')}</dd>
          <dt>{words((l) => l.filter)}</dt>
          <dd>
            {pack.filterText.length === 0 ? (
              words((l) => l.unfiltered)
            ) : (
              <ul className="pack-filter">
                {pack.filterText.map((line, i) => (
                  <li key={i}>{voice.name(line)}</li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
        <div className="pack-actions">
          <p>
            <strong>{words((l) => l.slideDeck)}</strong> ({words((l) => l.downloads)}):{' '}
            <LanguageLinks href={(langs) => packHref(`${fileBase}.pptx`, pack, langs)} />
          </p>
          <p>
            <strong>{words((l) => l.wordDocument)}</strong> ({words((l) => l.downloads)}):{' '}
            <LanguageLinks href={(langs) => packHref(`${fileBase}.docx`, pack, langs)} />
          </p>
          <p>
            <strong>{words((l) => l.languages)}</strong>:{' '}
            <LanguageLinks href={(langs) => packHref(to(fileBase), pack, langs)} />
          </p>
          <p>
            <button type="button" className="print-button">
              {words((l) => l.printPdf)}
            </button>
          </p>
        </div>
      </header>
      <Contents pack={pack} voice={voice} />
      <PrintOverview pack={pack} voice={voice} />
      <section className="pack-part pack-projects" aria-labelledby="pack-projects">
        <h2 id="pack-projects">{words((l) => l.projectSections)}</h2>
        {pack.projects.length === 0 ? <p>{words((l) => l.noProjects)}</p> : null}
        {pack.projects.map((project) => (
          <PrintProject key={project.id} project={project} voice={voice} />
        ))}
      </section>
      <PrintMinistries pack={pack} voice={voice} />
      {pack.topics.length > 0 ? <PrintTopics pack={pack} voice={voice} /> : null}
      {pack.sources.length > 0 ? <PrintSources sources={pack.sources} voice={voice} /> : null}
      <p className="pack-made-by muted">{words((l) => l.madeBy)}</p>
    </article>
  );
}

function Contents({ pack, voice }: { pack: PackData; voice: PrintVoice }) {
  const { words } = voice;
  const groups = (part: 'ministry' | 'topic', list: PackData['topics']) =>
    list.length === 0 ? null : (
      <ol>
        {list.map((g) => (
          <li key={g.key}>
            <a href={`#${groupAnchor(part, g.key)}`}>
              {voice.name(g.name)}
              {g.acronym ? ` (${g.acronym})` : ''}
            </a>
          </li>
        ))}
      </ol>
    );
  return (
    <nav className="pack-contents" aria-labelledby="pack-contents">
      <h2 id="pack-contents">{words((l) => l.contents)}</h2>
      <ol>
        <li>
          <a href="#pack-overview">{words((l) => l.overview)}</a>
        </li>
        <li>
          <a href="#pack-projects">{words((l) => l.projectSections)}</a>
          <ol>
            {pack.projects.map((p) => (
              <li key={p.id}>
                <a href={`#${projectAnchor(p.slug)}`}>{voice.name(p.title)}</a>
              </li>
            ))}
          </ol>
        </li>
        <li>
          <a href="#pack-ministries">{words((l) => l.ministrySections)}</a>
          <ol>
            <li>
              <a href="#pack-german-ministries">{words((l) => l.germanMinistries)}</a>
              {groups('ministry', pack.germanMinistries)}
            </li>
            <li>
              <a href="#pack-chinese-ministries">{words((l) => l.chineseMinistries)}</a>
              {groups('ministry', pack.chineseMinistries)}
            </li>
          </ol>
        </li>
        {pack.topics.length > 0 ? (
          <li>
            <a href="#pack-topics">{words((l) => l.topicSections)}</a>
            {groups('topic', pack.topics)}
          </li>
        ) : null}
        {pack.sources.length > 0 ? (
          <li>
            <a href="#pack-sources">{words((l) => l.sources)}</a>
          </li>
        ) : null}
      </ol>
    </nav>
  );
}

type FormData = Extract<Route.ComponentProps['loaderData'], { kind: 'form' }>;

/** The pack's settings with what is wrong said next to each field, the input as it was sent. */
function PackForm({ round, values, errors, filter, facets }: FormData) {
  const lang = useLang();
  const to = useLocalizePath();
  const labels = PRINT_VIEW_LABELS[lang];
  // The parameters' messages are in English (they name the URL's parameters).
  const englishOnly = useEnglishOnly();
  const action = to(round ? `/reporting/${round.slug}/report` : '/report');
  const keep = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
  const filterErrors = Object.entries(errors).filter(
    ([field]) => !(FIELDS as readonly string[]).includes(field),
  );
  const fields: { name: (typeof FIELDS)[number]; label: string; hint: string }[] = [
    ...(round && errors.start === undefined && errors.end === undefined
      ? []
      : ([
          { name: 'start', label: labels.periodStart, hint: labels.dateHint },
          { name: 'end', label: labels.periodEnd, hint: labels.dateHint },
        ] as const)),
    { name: 'lang', label: labels.languages, hint: labels.languagesHint },
  ];
  return (
    <article className="pack pack-form">
      <ShortPageHead round={round} />
      <p className="notice pack-form__notice" role="alert">
        {labels.badRequest}
      </p>
      <FilterChips action={action} filter={filter as ProjectFilter} facets={facets} keep={keep} />
      {filterErrors.length > 0 ? (
        <ul className="pack-form__filter-errors">
          {filterErrors.map(([field, message]) => (
            <li key={field} className="form-field__error" lang={englishOnly}>
              <code>{field}</code>: {message}
            </li>
          ))}
        </ul>
      ) : null}
      <form method="get" action={action} className="pack-form__form">
        {[...filterSearchParams(filter as ProjectFilter).entries()].map(([name, value]) => (
          <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
        ))}
        {fields.map((field) => {
          const error = errors[field.name];
          const id = `pack-${field.name}`;
          return (
            <div
              key={field.name}
              className={error ? 'form-field form-field--invalid' : 'form-field'}
            >
              <label htmlFor={id}>{field.label}</label>
              <p className="form-field__hint" id={`${id}-hint`}>
                {field.hint}
              </p>
              <input
                id={id}
                name={field.name}
                type="text"
                defaultValue={values[field.name]}
                aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
                aria-invalid={error ? true : undefined}
              />
              {error ? (
                <p className="form-field__error" id={`${id}-error`} lang={englishOnly}>
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
        <button type="submit">{labels.makePack}</button>
      </form>
    </article>
  );
}

import type { Lang } from '../../core/i18n/config';
import type { ReportSection } from '../../../db/vocabulary';
import type { Named, PackLanguages } from './pack-types';

// The workshop pack's own words in en, zh and de. They live here, server-side, not in the page
// translations: the pack's files are made on the server (or in a worker thread) and these texts
// need not travel to every page's browser chunk. The vocabulary (status, type, milestone status…)
// comes translated in the pack data itself (CountRow.label, decided by the data builder).

export interface PackLabels {
  packTitle: string;
  /** "{{round}}": the round's title. */
  roundPack: string;
  periodPack: string;
  period: string;
  asOf: string;
  filter: string;
  unfiltered: string;
  contents: string;
  overview: string;
  keyFigures: string;
  projects: string;
  activeProjects: string;
  knownFunding: string;
  /** "{{n}} of {{total}} projects publish their funding". */
  fundingCoverage: string;
  byType: string;
  byStatus: string;
  byFundingArea: string;
  milestonesInPeriod: string;
  milestonesAchieved: string;
  milestonesDue: string;
  milestonesOverdue: string;
  indicatorTotals: string;
  noTotal: string;
  /** "{{n}} of {{m}} projects reported". */
  reportingProjects: string;
  roundCompletion: string;
  /** "{{approved}} of {{asked}} reports approved". */
  reportsApproved: string;
  eventsInPeriod: string;
  noEvents: string;
  projectSections: string;
  ministrySections: string;
  germanMinistries: string;
  chineseMinistries: string;
  topicSections: string;
  commissionedBy: string;
  implementers: string;
  partners: string;
  topics: string;
  runtime: string;
  funding: string;
  achievements: string;
  reportSections: Record<ReportSection, string>;
  notReported: string;
  /** Why: the report's state ("not started", "draft"…), or not asked in the round. */
  reportStates: Record<string, string>;
  approvedOn: string;
  milestonesReached: string;
  nextMilestones: string;
  noneInPeriod: string;
  indicators: string;
  baseline: string;
  target: string;
  actual: string;
  shareOfTarget: string;
  noIndicators: string;
  events: string;
  knowledgeEntries: string;
  sessions: string;
  notPublished: string;
  notTranslated: string;
  sources: string;
  page: string;
  closing: string;
  madeBy: string;
  // wt-deck
  /** A slide that goes on from the one before (long report text, long lists). */
  continued: string;
  /** "and {{n}} more" after a shortened list. */
  andMore: string;
  /** A table column: the sum over the projects. */
  total: string;
  /** A table column: the project's report in the round. */
  report: string;
}

const en: PackLabels = {
  packTitle: 'Interface Workshop pack',
  roundPack: 'Progress in the reporting round “{{round}}”',
  periodPack: 'Progress of the IKI projects in China',
  period: 'Period',
  asOf: 'As of',
  filter: 'Projects',
  unfiltered: 'All IKI projects in China',
  contents: 'Contents',
  overview: 'Portfolio overview',
  keyFigures: 'Key figures',
  projects: 'Projects',
  activeProjects: 'Ongoing projects',
  knownFunding: 'Known IKI funding',
  fundingCoverage: '{{n}} of {{total}} projects publish their funding',
  byType: 'Projects by type',
  byStatus: 'Projects by status',
  byFundingArea: 'Projects by funding area',
  milestonesInPeriod: 'Milestones in the period',
  milestonesAchieved: 'Achieved',
  milestonesDue: 'Due',
  milestonesOverdue: 'Overdue',
  indicatorTotals: 'IKI standard indicators',
  noTotal: 'no total',
  reportingProjects: '{{n}} of {{m}} projects reported',
  roundCompletion: 'Reports in the round',
  reportsApproved: '{{approved}} of {{asked}} reports approved',
  eventsInPeriod: 'Events in the period',
  noEvents: 'No event in the period.',
  projectSections: 'The projects',
  ministrySections: 'By ministry',
  germanMinistries: 'German ministries',
  chineseMinistries: 'Chinese ministries',
  topicSections: 'Topics of common interest',
  commissionedBy: 'Commissioned by',
  implementers: 'Implementers',
  partners: 'Partners',
  topics: 'Topics',
  runtime: 'Runtime',
  funding: 'IKI funding',
  achievements: 'Achievements',
  reportSections: {
    achievements: 'Achievements',
    challenges: 'Challenges',
    nextSteps: 'Next steps',
    supportNeeded: 'Support needed',
  },
  notReported: 'Not reported',
  reportStates: {
    'not-started': 'report not started',
    draft: 'report in draft',
    submitted: 'report submitted, not yet approved',
    returned: 'report returned to its authors',
    'not-asked': 'no report asked for this period',
    'none-approved': 'no approved report for this period',
  },
  approvedOn: 'Approved on',
  milestonesReached: 'Milestones reached',
  nextMilestones: 'Next milestones',
  noneInPeriod: 'None in the period.',
  indicators: 'Indicators',
  baseline: 'Baseline',
  target: 'Target',
  actual: 'Actual',
  shareOfTarget: 'Share of target',
  noIndicators: 'No indicator published.',
  events: 'Events',
  knowledgeEntries: 'Knowledge entries',
  sessions: 'Sessions',
  notPublished: 'not published',
  notTranslated: 'not translated',
  sources: 'Sources',
  page: 'Page',
  closing: 'Thank you',
  madeBy: 'Made by the IKI China portfolio hub',
  // wt-deck
  continued: 'continued',
  andMore: 'and {{n}} more',
  total: 'Total',
  report: 'Report',
};

const zh: PackLabels = {
  packTitle: '对接研讨会资料',
  roundPack: '报告轮次“{{round}}”的进展',
  periodPack: '国际气候倡议在华项目进展',
  period: '时期',
  asOf: '截至',
  filter: '项目',
  unfiltered: '国际气候倡议在华全部项目',
  contents: '目录',
  overview: '项目组合概览',
  keyFigures: '关键数据',
  projects: '项目',
  activeProjects: '进行中的项目',
  knownFunding: '已知的国际气候倡议资助',
  fundingCoverage: '{{total}} 个项目中有 {{n}} 个公布了资助金额',
  byType: '按类型的项目',
  byStatus: '按状态的项目',
  byFundingArea: '按资助领域的项目',
  milestonesInPeriod: '本期里程碑',
  milestonesAchieved: '已实现',
  milestonesDue: '到期',
  milestonesOverdue: '逾期',
  indicatorTotals: '国际气候倡议标准指标',
  noTotal: '无总计',
  reportingProjects: '{{m}} 个项目中有 {{n}} 个已报告',
  roundCompletion: '本轮报告',
  reportsApproved: '{{asked}} 份报告中有 {{approved}} 份已批准',
  eventsInPeriod: '本期活动',
  noEvents: '本期没有活动。',
  projectSections: '各项目',
  ministrySections: '按部委',
  germanMinistries: '德国部委',
  chineseMinistries: '中国部委',
  topicSections: '共同关心的议题',
  commissionedBy: '委托方',
  implementers: '执行机构',
  partners: '合作伙伴',
  topics: '议题',
  runtime: '项目期',
  funding: '国际气候倡议资助',
  achievements: '成果',
  reportSections: {
    achievements: '成果',
    challenges: '挑战',
    nextSteps: '下一步',
    supportNeeded: '所需支持',
  },
  notReported: '未报告',
  reportStates: {
    'not-started': '报告尚未开始',
    draft: '报告为草稿',
    submitted: '报告已提交，尚未批准',
    returned: '报告已退回作者',
    'not-asked': '本期未要求报告',
    'none-approved': '本期没有已批准的报告',
  },
  approvedOn: '批准日期',
  milestonesReached: '已实现的里程碑',
  nextMilestones: '下一步里程碑',
  noneInPeriod: '本期没有。',
  indicators: '指标',
  baseline: '基线',
  target: '目标',
  actual: '实际',
  shareOfTarget: '目标完成比例',
  noIndicators: '未公布指标。',
  events: '活动',
  knowledgeEntries: '知识条目',
  sessions: '分组讨论',
  notPublished: '未公布',
  notTranslated: '未翻译',
  sources: '来源',
  page: '页',
  closing: '谢谢',
  madeBy: '由国际气候倡议中国项目组合平台生成',
  // wt-deck
  continued: '续',
  andMore: '另有 {{n}} 项',
  total: '总计',
  report: '报告',
};

const de: PackLabels = {
  packTitle: 'Unterlagen zum Interface Workshop',
  roundPack: 'Fortschritt in der Berichtsrunde „{{round}}“',
  periodPack: 'Fortschritt der IKI-Projekte in China',
  period: 'Zeitraum',
  asOf: 'Stand',
  filter: 'Projekte',
  unfiltered: 'Alle IKI-Projekte in China',
  contents: 'Inhalt',
  overview: 'Überblick über das Portfolio',
  keyFigures: 'Kennzahlen',
  projects: 'Projekte',
  activeProjects: 'Laufende Projekte',
  knownFunding: 'Bekannte IKI-Förderung',
  fundingCoverage: '{{n}} von {{total}} Projekten veröffentlichen ihre Förderung',
  byType: 'Projekte nach Art',
  byStatus: 'Projekte nach Status',
  byFundingArea: 'Projekte nach Förderbereich',
  milestonesInPeriod: 'Meilensteine im Zeitraum',
  milestonesAchieved: 'Erreicht',
  milestonesDue: 'Fällig',
  milestonesOverdue: 'Überfällig',
  indicatorTotals: 'IKI-Standardindikatoren',
  noTotal: 'keine Summe',
  reportingProjects: '{{n}} von {{m}} Projekten haben berichtet',
  roundCompletion: 'Berichte der Runde',
  reportsApproved: '{{approved}} von {{asked}} Berichten freigegeben',
  eventsInPeriod: 'Veranstaltungen im Zeitraum',
  noEvents: 'Keine Veranstaltung im Zeitraum.',
  projectSections: 'Die Projekte',
  ministrySections: 'Nach Ministerium',
  germanMinistries: 'Deutsche Ministerien',
  chineseMinistries: 'Chinesische Ministerien',
  topicSections: 'Themen von gemeinsamem Interesse',
  commissionedBy: 'Im Auftrag von',
  implementers: 'Durchführende',
  partners: 'Partner',
  topics: 'Themen',
  runtime: 'Laufzeit',
  funding: 'IKI-Förderung',
  achievements: 'Erfolge',
  reportSections: {
    achievements: 'Erfolge',
    challenges: 'Herausforderungen',
    nextSteps: 'Nächste Schritte',
    supportNeeded: 'Benötigte Unterstützung',
  },
  notReported: 'Nicht berichtet',
  reportStates: {
    'not-started': 'Bericht nicht begonnen',
    draft: 'Bericht im Entwurf',
    submitted: 'Bericht eingereicht, noch nicht freigegeben',
    returned: 'Bericht an die Verfassenden zurückgegeben',
    'not-asked': 'für diesen Zeitraum kein Bericht angefragt',
    'none-approved': 'für diesen Zeitraum kein freigegebener Bericht',
  },
  approvedOn: 'Freigegeben am',
  milestonesReached: 'Erreichte Meilensteine',
  nextMilestones: 'Nächste Meilensteine',
  noneInPeriod: 'Keine im Zeitraum.',
  indicators: 'Indikatoren',
  baseline: 'Ausgangswert',
  target: 'Zielwert',
  actual: 'Istwert',
  shareOfTarget: 'Anteil am Ziel',
  noIndicators: 'Kein Indikator veröffentlicht.',
  events: 'Veranstaltungen',
  knowledgeEntries: 'Wissensbeiträge',
  sessions: 'Sitzungen',
  notPublished: 'nicht veröffentlicht',
  notTranslated: 'nicht übersetzt',
  sources: 'Quellen',
  page: 'Seite',
  closing: 'Vielen Dank',
  madeBy: 'Erstellt vom IKI-China-Portfolio-Hub',
  // wt-deck
  continued: 'Fortsetzung',
  andMore: 'und {{n}} weitere',
  total: 'Summe',
  report: 'Bericht',
};

export const PACK_LABELS: Record<Lang, PackLabels> = { en, zh, de };

/** `{{name}}` placeholders filled in. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The name in exactly this language, or null (not published / not translated). */
export function nameIn(name: Named, lang: Lang): string | null {
  return name[lang];
}

/** The name in this language, else the English one (the original, always present). */
export function nameOr(name: Named, lang: Lang): string {
  return name[lang] ?? name.en;
}

/**
 * A label in the pack's languages: one language, or "English / 中文" for en+zh (the deck puts
 * both on each slide; a renderer with room may set them on two lines instead).
 */
export function bilingual(
  languages: PackLanguages,
  pick: (labels: PackLabels, lang: Lang) => string,
  separator = ' / ',
): string {
  const texts = languages.map((lang) => pick(PACK_LABELS[lang], lang));
  return texts[0] === texts[1] ? texts[0]! : texts.join(separator);
}

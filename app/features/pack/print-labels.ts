import type { Lang } from '../../core/i18n/config';
import { PACK_LABELS, type PackLabels } from './pack-labels';

// The print view's own words, beside the pack's (pack-labels.ts): its download links, its form
// for bad parameters and its table headings. Server-side like those: the page sends no script.

export interface PrintLabels {
  /** "{{n}}": the source's number in the sources list. */
  sourceMark: string;
  downloads: string;
  slideDeck: string;
  wordDocument: string;
  printPdf: string;
  periodStart: string;
  periodEnd: string;
  dateHint: string;
  languages: string;
  languagesHint: string;
  makePack: string;
  badRequest: string;
  milestone: string;
  date: string;
  status: string;
  progress: string;
  indicator: string;
  unit: string;
  periodActual: string;
  total: string;
  approvedReports: string;
  outcomes: string;
  noProjects: string;
  /** "{{n}}" projects, "{{max}}" the most one page shows. */
  tooLarge: string;
}

const en: PrintLabels = {
  sourceMark: 'Source {{n}}',
  downloads: 'Download',
  slideDeck: 'Slide deck',
  wordDocument: 'Word document',
  printPdf: 'Print or save as PDF',
  periodStart: 'From',
  periodEnd: 'To',
  dateHint: 'A date written YYYY-MM-DD; empty: the current calendar year.',
  languages: 'Language',
  languagesHint: 'en, zh or de; en+zh for English and Chinese side by side.',
  makePack: 'Make the pack',
  badRequest: 'The pack cannot be made with these settings: see the fields marked below.',
  milestone: 'Milestone',
  date: 'Date',
  status: 'Status',
  progress: 'Progress',
  indicator: 'Indicator',
  unit: 'Unit',
  periodActual: 'In the period',
  total: 'Total',
  approvedReports: 'Approved reports',
  outcomes: 'Outcomes',
  noProjects: 'No project matches this pack’s filter.',
  tooLarge:
    'This pack holds {{n}} projects: too many for one page (at most {{max}}). Narrow the filter, or download the slide deck or the Word document, which are built in the background.',
};

const zh: PrintLabels = {
  sourceMark: '来源 {{n}}',
  downloads: '下载',
  slideDeck: '幻灯片',
  wordDocument: 'Word 文档',
  printPdf: '打印或另存为 PDF',
  periodStart: '起始日期',
  periodEnd: '截止日期',
  dateHint: '日期格式为 YYYY-MM-DD；留空则为当前日历年。',
  languages: '语言',
  languagesHint: 'en、zh 或 de；en+zh 为中英文对照。',
  makePack: '生成资料',
  badRequest: '无法按这些设置生成资料：请查看下方标出的字段。',
  milestone: '里程碑',
  date: '日期',
  status: '状态',
  progress: '进度',
  indicator: '指标',
  unit: '单位',
  periodActual: '本期',
  total: '总计',
  approvedReports: '已批准的报告',
  outcomes: '成果',
  noProjects: '没有符合本资料筛选条件的项目。',
  tooLarge:
    '本资料包含 {{n}} 个项目，一页无法显示（最多 {{max}} 个）。请缩小筛选范围，或下载在后台生成的幻灯片或 Word 文档。',
};

const de: PrintLabels = {
  sourceMark: 'Quelle {{n}}',
  downloads: 'Herunterladen',
  slideDeck: 'Foliensatz',
  wordDocument: 'Word-Dokument',
  printPdf: 'Drucken oder als PDF speichern',
  periodStart: 'Von',
  periodEnd: 'Bis',
  dateHint: 'Ein Datum im Format JJJJ-MM-TT; leer: das laufende Kalenderjahr.',
  languages: 'Sprache',
  languagesHint: 'en, zh oder de; en+zh für Englisch und Chinesisch nebeneinander.',
  makePack: 'Unterlagen erstellen',
  badRequest:
    'Mit diesen Angaben lassen sich die Unterlagen nicht erstellen: siehe die markierten Felder.',
  milestone: 'Meilenstein',
  date: 'Datum',
  status: 'Status',
  progress: 'Fortschritt',
  indicator: 'Indikator',
  unit: 'Einheit',
  periodActual: 'Im Zeitraum',
  total: 'Summe',
  approvedReports: 'Freigegebene Berichte',
  outcomes: 'Ergebnisse',
  noProjects: 'Kein Projekt entspricht dem Filter dieser Unterlagen.',
  tooLarge:
    'Diese Unterlagen umfassen {{n}} Projekte: zu viele für eine Seite (höchstens {{max}}). Grenzen Sie den Filter ein oder laden Sie den Foliensatz oder das Word-Dokument herunter, die im Hintergrund erstellt werden.',
};

/** The pack's words and the print view's, per language. */
export type PrintViewLabels = PackLabels & PrintLabels;

export const PRINT_VIEW_LABELS: Record<Lang, PrintViewLabels> = {
  en: { ...PACK_LABELS.en, ...en },
  zh: { ...PACK_LABELS.zh, ...zh },
  de: { ...PACK_LABELS.de, ...de },
};

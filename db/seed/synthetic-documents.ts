import type * as t from '../schema';
import type { DocumentVisibility, KnowledgeKind } from '../vocabulary';
import { type Row, random } from './synthetic';

// The demo portfolio's documents with extracted text and its published knowledge entries
// (synthetic projects only, never the real database): generated sentences in English and Chinese,
// every title saying it is synthetic, so the bench measures search over document text at scale.

const SUBJECTS = [
  'The provincial pilot',
  'The municipal heating company',
  'The implementing partner',
  'The national carbon market',
  'The building energy code',
  'The wetland restoration team',
  'The electric bus fleet',
  'The county forestry bureau',
  'The industrial park',
  'The methane recovery plant',
];
const VERBS = [
  'reduced',
  'monitored',
  'reported',
  'financed',
  'verified',
  'modelled',
  'extended',
  'evaluated',
];
const OBJECTS = [
  'emissions from coal boilers',
  'the geothermal heat supply',
  'photovoltaic capacity on rooftops',
  'adaptation measures against flooding',
  'biodiversity monitoring plots',
  'the allocation of emission allowances',
  'energy efficiency retrofits of schools',
  'sponge city drainage',
  'hydrogen storage trials',
  'climate risk insurance',
];
const ZH_SUBJECTS = [
  '省级试点',
  '市供热公司',
  '实施伙伴',
  '全国碳市场',
  '建筑节能标准',
  '湿地修复团队',
  '电动公交车队',
  '县林业局',
  '工业园区',
  '甲烷回收厂',
];
const ZH_VERBS = ['减少了', '监测了', '报告了', '资助了', '核查了', '模拟了', '扩大了', '评估了'];
const ZH_OBJECTS = [
  '燃煤锅炉的排放',
  '地热供暖',
  '屋顶光伏装机容量',
  '防洪适应措施',
  '生物多样性监测样地',
  '排放配额分配',
  '学校节能改造',
  '海绵城市排水',
  '氢能储存试验',
  '气候风险保险',
];
const PLACES = [
  'Guangdong',
  'Sichuan',
  'Tianjin',
  'Yunnan',
  'Jiangsu',
  'Hebei',
  'Shanxi',
  'Hainan',
];
const ZH_PLACES = ['广东省', '四川省', '天津市', '云南省', '江苏省', '河北省', '山西省', '海南省'];
const KINDS: KnowledgeKind[] = ['lesson', 'instrument', 'challenge', 'case-study'];

type Random = () => number;
const pick = <T>(rnd: Random, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

function sentence(rnd: Random, isChinese: boolean): string {
  if (isChinese) {
    return `${pick(rnd, ZH_PLACES)}${pick(rnd, ZH_SUBJECTS)}${pick(rnd, ZH_VERBS)}${pick(rnd, ZH_OBJECTS)}。`;
  }
  return `${pick(rnd, SUBJECTS)} ${pick(rnd, VERBS)} ${pick(rnd, OBJECTS)} in ${pick(rnd, PLACES)} in ${2018 + Math.floor(rnd() * 9)}.`;
}

const paragraph = (rnd: Random, isChinese: boolean, sentences: number) =>
  Array.from({ length: sentences }, () => sentence(rnd, isChinese)).join(isChinese ? '' : ' ');

export interface DemoDocumentOptions {
  seed: number;
  documents: number;
  entries: number;
  projectIds: number[];
  topicIds: number[];
}

/**
 * `documents` documents (links to example.org, their text as if extracted: 3–8 pages, one in
 * three in Chinese, one in ten for signed-in readers, one in twenty for the hub team) and
 * `entries` published knowledge entries with an English and a Chinese text.
 */
export function demoDocuments({
  seed,
  documents: n,
  entries: m,
  projectIds,
  topicIds,
}: DemoDocumentOptions) {
  // Its own sequence: the rest of the portfolio stays what the seed always gave.
  const rnd = random(seed + 30).next;
  const documents: Row<typeof t.documents>[] = [];
  const texts: Row<typeof t.documentTexts>[] = [];
  const documentProjects: Row<typeof t.documentProjects>[] = [];
  const documentTopics: Row<typeof t.documentTopics>[] = [];
  for (let id = 1; id <= n; id++) {
    const isChinese = id % 3 === 0;
    const visibility: DocumentVisibility =
      id % 20 === 0 ? 'hub-team' : id % 10 === 0 ? 'signed-in' : 'public';
    const pages = 3 + Math.floor(rnd() * 6);
    const year = 2018 + Math.floor(rnd() * 9);
    documents.push({
      id,
      title: isChinese
        ? `合成文件 ${id}：${pick(rnd, ZH_PLACES)}${pick(rnd, ZH_OBJECTS)}报告`
        : `Synthetic document ${id}: report on ${pick(rnd, OBJECTS)}`,
      language: isChinese ? 'zh' : 'en',
      category: 'A07',
      documentDate: `${year}-06-30`,
      documentDatePrecision: 'day',
      origin: 'link',
      url: `https://example.org/synthetic/document-${id}.pdf`,
      mediaType: 'application/pdf',
      visibility,
      textState: 'extracted',
      textPartKind: 'page',
      description: isChinese ? '合成演示数据。' : 'Synthetic demo data.',
      createdAt: `${year}-07-01T08:00:00.000Z`,
      createdByName: 'Synthetic demo',
    });
    for (let part = 1; part <= pages; part++) {
      // Now and then a page in the other language, as in real bilingual reports.
      const pageIsChinese = rnd() < 0.15 ? !isChinese : isChinese;
      texts.push({ documentId: id, part, text: paragraph(rnd, pageIsChinese, 8) });
    }
    if (projectIds.length)
      documentProjects.push({ documentId: id, projectId: pick(rnd, projectIds) });
    if (topicIds.length) documentTopics.push({ documentId: id, topicId: pick(rnd, topicIds) });
  }

  const entries: Row<typeof t.knowledgeEntries>[] = [];
  const entryTexts: Row<typeof t.knowledgeEntryTexts>[] = [];
  const entryTopics: Row<typeof t.knowledgeEntryTopics>[] = [];
  const entryProjects: Row<typeof t.knowledgeEntryProjects>[] = [];
  for (let id = 1; id <= m; id++) {
    const at = `${2024 + (id % 3)}-0${1 + (id % 9)}-15T08:00:00.000Z`;
    const object = Math.floor(rnd() * OBJECTS.length);
    const place = Math.floor(rnd() * PLACES.length);
    const isChinese = id % 4 === 0;
    entries.push({
      id,
      slug: `synthetic-entry-${id}`,
      kind: KINDS[id % KINDS.length]!,
      state: 'published',
      language: isChinese ? 'zh' : 'en',
      authorName: 'Synthetic demo',
      createdAt: at,
      updatedAt: at,
      publishedAt: at,
    });
    entryTexts.push(
      {
        entryId: id,
        language: 'en',
        title: `Synthetic entry ${id}: ${OBJECTS[object]} in ${PLACES[place]}`,
        summary: paragraph(rnd, false, 2),
        context: paragraph(rnd, false, 3),
        lessons: paragraph(rnd, false, 3),
        translatedBy: isChinese ? 'hub' : null,
      },
      {
        entryId: id,
        language: 'zh',
        title: `合成条目 ${id}：${ZH_PLACES[place]}${ZH_OBJECTS[object]}`,
        summary: paragraph(rnd, true, 2),
        context: paragraph(rnd, true, 3),
        lessons: paragraph(rnd, true, 3),
        translatedBy: isChinese ? null : 'hub',
      },
    );
    if (topicIds.length) entryTopics.push({ entryId: id, topicId: pick(rnd, topicIds) });
    if (projectIds.length) entryProjects.push({ entryId: id, projectId: pick(rnd, projectIds) });
  }
  return {
    documents,
    texts,
    documentProjects,
    documentTopics,
    entries,
    entryTexts,
    entryTopics,
    entryProjects,
  };
}

/** What an event's place is made of, as the list and the page read it. */
export interface EventPlaceParts {
  places: { name: string; nameZh: string | null }[];
  city: string | null;
  provinceNameEn: string | null;
  provinceNameZh: string | null;
}

/**
 * Where an event took place, in the page's language, the same in a list as on the event's page:
 * its places (北京市 in Chinese where the data has the name), else the city as the source wrote
 * it, then its province; each name once (Beijing is a place and a province).
 */
export function eventPlaceText(lang: string, e: EventPlaceParts): string {
  const isZh = lang === 'zh';
  const names = [
    ...e.places.map((p) => (isZh && p.nameZh ? p.nameZh : p.name)),
    e.places.length === 0 ? e.city : null,
    isZh ? (e.provinceNameZh ?? e.provinceNameEn) : e.provinceNameEn,
  ].filter((name): name is string => !!name);
  return [...new Set(names)].join(', ');
}

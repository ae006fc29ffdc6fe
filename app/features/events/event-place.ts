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
  const places = [
    ...e.places.map((p) => (isZh && p.nameZh ? p.nameZh : p.name)),
    e.places.length === 0 ? e.city : null,
  ].filter((name): name is string => !!name);
  const province = isZh ? (e.provinceNameZh ?? e.provinceNameEn) : e.provinceNameEn;
  const unique = [...new Set(places)].filter((name) => name !== province);
  // Chinese writes the larger unit first and lists with 、 (四川省成都市); the others "Chengdu, Sichuan".
  if (isZh) {
    const list = unique.join('、');
    return province && /^\p{Script=Han}/u.test(province) && /^\p{Script=Han}/u.test(list)
      ? `${province}${list}`
      : [list, province].filter(Boolean).join('，');
  }
  return [...unique, province].filter(Boolean).join(', ');
}

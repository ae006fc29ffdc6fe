// A synthetic IATI 2.03 file of any size: China activities of a made-up publisher, each with
// organisations, a place, a sector and two results, so applying it writes a realistic amount per
// activity. Written as a stream into a temporary folder; nothing of it lands in the repository.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const SYNTHETIC_PUBLISHER = 'XM-SYNTHETIC-CRASH';

const pad = (n: number) => String(n).padStart(5, '0');

/** One activity; `i` makes its identifier, title, dates and place differ from the others. */
export function syntheticActivity(i: number): string {
  const id = `${SYNTHETIC_PUBLISHER}-${pad(i)}`;
  const startYear = 2015 + (i % 10);
  const lat = (22 + (i % 200) / 10).toFixed(4);
  const lon = (100 + (i % 250) / 10).toFixed(4);
  const implementer = `Synthetic implementer ${i % 40}`;
  return ` <iati-activity default-currency="EUR" last-updated-datetime="2026-11-01T00:00:00Z" xml:lang="en">
  <iati-identifier>${id}</iati-identifier>
  <reporting-org ref="${SYNTHETIC_PUBLISHER}" type="10"><narrative>Synthetic crash-test publisher</narrative></reporting-org>
  <title><narrative>Synthetic low-carbon city activity ${i}</narrative><narrative xml:lang="zh">合成低碳城市活动 ${i}</narrative></title>
  <description type="1"><narrative>A made-up activity number ${i} for the crash-safety test: energy efficiency of buildings and district heating in a Chinese city, with training for municipal staff.</narrative></description>
  <participating-org ref="${SYNTHETIC_PUBLISHER}" role="1" type="10"><narrative>Synthetic funding ministry</narrative></participating-org>
  <participating-org role="4" type="21"><narrative>${implementer}</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="${startYear}-03-01" type="1"/>
  <activity-date iso-date="${startYear + 4}-12-31" type="3"/>
  <recipient-country code="CN" percentage="100"/>
  <location ref="${id}-place">
   <name><narrative>Synthetic place ${i}</narrative></name>
   <point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>${lat} ${lon}</pos></point>
  </location>
  <sector vocabulary="1" code="23183" percentage="100"/>
  <result type="1">
   <title><narrative>Training of municipal staff ${i}</narrative></title>
   <indicator measure="2"><title><narrative>Training of municipal staff ${i}</narrative></title>
    <period><period-start iso-date="${startYear + 1}-01-01"/><period-end iso-date="${startYear + 1}-12-31"/><target value="100"/><actual value="60"/></period>
   </indicator>
  </result>
  <result type="1">
   <title><narrative>Heating retrofit pilot ${i}</narrative></title>
   <indicator measure="2"><title><narrative>Heating retrofit pilot ${i}</narrative></title>
    <period><period-start iso-date="${startYear + 3}-01-01"/><period-end iso-date="${startYear + 3}-12-31"/><target value="100"/></period>
   </indicator>
  </result>
 </iati-activity>
`;
}

export const syntheticFileHead =
  '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2026-11-01T00:00:00Z">\n';
export const syntheticFileTail = '</iati-activities>\n';

/** Writes `count` activities to `path`, streaming. */
export async function writeSyntheticIati(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(syntheticFileHead);
  for (let i = 0; i < count; i++) {
    if (!out.write(syntheticActivity(i))) await once(out, 'drain');
  }
  out.end(syntheticFileTail);
  await once(out, 'finish');
}

import { expect, test } from 'vitest';

import { SHADE_COLOURS } from './choropleth';
import { DEFICIENCIES, type Rgb, contrast, deltaE2000, hexToRgb, simulate } from './colour-vision';
import {
  CLUSTER_BOX,
  MAP_BACKGROUNDS,
  MAP_COLOURS,
  MARKER_BOX,
  MARKER_RING,
  clusterParts,
  markerParts,
} from './map-symbols';

/** ΔE2000 at which two small symbols are told apart at a glance (2 is just noticeable). */
const MIN_DELTA_E = 15;
const palette = Object.entries(MAP_COLOURS).map(([name, hex]) => [name, hexToRgb(hex)] as const);

test('the colour maths agrees with known values', () => {
  expect(deltaE2000([0, 0, 0], [255, 255, 255])).toBeCloseTo(100, 0);
  expect(deltaE2000([200, 30, 40], [200, 30, 40])).toBe(0);
  expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
  // Greys stay grey under every simulation; red and green fall together for protanopes.
  for (const d of DEFICIENCIES) expect(simulate([128, 128, 128], d)).toEqual([128, 128, 128]);
  expect(
    deltaE2000(simulate([213, 94, 0], 'protanopia'), simulate([0, 158, 115], 'protanopia')),
  ).toBeLessThan(deltaE2000([213, 94, 0], [0, 158, 115]) / 2);
});

test('every pair of map colours stays apart for normal vision and under each deficiency', () => {
  const seen = (rgb: Rgb, d: (typeof DEFICIENCIES)[number] | 'normal') =>
    d === 'normal' ? rgb : simulate(rgb, d);
  for (const d of ['normal', ...DEFICIENCIES] as const) {
    for (let i = 0; i < palette.length; i++) {
      for (let j = i + 1; j < palette.length; j++) {
        const [a, ra] = palette[i]!;
        const [b, rb] = palette[j]!;
        expect(deltaE2000(seen(ra, d), seen(rb, d)), `${a} vs ${b}, ${d}`).toBeGreaterThanOrEqual(
          MIN_DELTA_E,
        );
      }
    }
  }
});

test('every map colour has at least 3:1 contrast against the basemap', () => {
  for (const [name, rgb] of palette) {
    for (const [ground, hex] of Object.entries(MAP_BACKGROUNDS)) {
      expect(contrast(rgb, hexToRgb(hex)), `${name} on ${ground}`).toBeGreaterThanOrEqual(3);
    }
  }
});

test('a marker’s outline stands out at 3:1 on the basemap and on every province shade', () => {
  const inner = hexToRgb(MARKER_RING.inner);
  const outer = hexToRgb(MARKER_RING.outer);
  for (const hex of [...Object.values(MAP_BACKGROUNDS), ...SHADE_COLOURS]) {
    const ground = hexToRgb(hex);
    expect(Math.max(contrast(inner, ground), contrast(outer, ground)), hex).toBeGreaterThanOrEqual(
      3,
    );
  }
});

test('single markers keep a 24 px hit target and clusters are bigger than any marker', () => {
  expect(MARKER_BOX).toBeGreaterThanOrEqual(24);
  expect(CLUSTER_BOX).toBeGreaterThan(MARKER_BOX);
  // Each kind has its own shape.
  const outlines = (['place', 'country', 'province', 'event'] as const).map((kind) =>
    JSON.stringify(markerParts(kind)[0]!.tag + String(markerParts(kind)[0]!.attrs.d ?? '')),
  );
  expect(new Set(outlines).size).toBe(4);
});

test('a cluster’s band gives each type and the events their share, starting at the top', () => {
  const bands = clusterParts({ bilateral: 3, event: 1 }).filter((p) => p.attrs.pathLength);
  expect(bands.map((b) => [b.attrs.stroke, b.attrs['stroke-dasharray']])).toEqual([
    [MAP_COLOURS.bilateral, '75 25'],
    [MAP_COLOURS.event, '25 75'],
  ]);
  expect(bands.map((b) => b.attrs['stroke-dashoffset'])).toEqual([25, -50]);
});

import { SaxesParser } from 'saxes';
import { describe, expect, test } from 'vitest';

import { basemapSvg, locatorView, project } from './locator.server';

const box = (viewBox: string) => {
  const [x, y, w, h] = viewBox.split(' ').map(Number) as [number, number, number, number];
  return { x, y, w, h };
};

describe('the locator basemap', () => {
  test('is well-formed SVG with one path per province of China', () => {
    const ids: string[] = [];
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => {
      if (tag.name === 'path' && typeof tag.attributes.id === 'string') ids.push(tag.attributes.id);
    });
    parser.write(basemapSvg()).close();
    expect(ids).toHaveLength(31);
    // The other countries too, so that a place outside China (a regional project's) is on land.
    expect(basemapSvg().match(/<path d="M/g)!.length).toBeGreaterThan(150);
    expect(ids).toContain('CN-BJ');
    expect(ids).toContain('CN-XJ');
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('project()', () => {
  test('is Mercator in degree units, y growing southwards', () => {
    expect(project(116.4, 0)[0]).toBe(116.4);
    expect(project(116.4, 0)[1]).toBeCloseTo(0, 9);
    expect(project(0, 45)[1]).toBeCloseTo(-50.499, 3);
    expect(project(0, -45)[1]).toBeCloseTo(50.499, 3);
  });
});

describe('locatorView()', () => {
  test('shows nothing without places or known provinces', () => {
    expect(locatorView([], [])).toBeNull();
    expect(locatorView([], ['CN-XX'])).toBeNull();
  });

  test('holds every point with room around it, in the frame’s shape', () => {
    const points = [
      { lat: 39.9, lon: 116.4, name: 'Beijing' },
      { lat: 31.23, lon: 121.47, name: 'Shanghai' },
      { lat: 23.13, lon: 113.26, name: 'Guangzhou' },
    ];
    const view = locatorView(points, [])!;
    const { x, y, w, h } = box(view.viewBox);
    expect(w / h).toBeCloseTo(16 / 10, 2);
    for (const p of view.points) {
      expect(p.x).toBeGreaterThan(x);
      expect(p.x).toBeLessThan(x + w);
      expect(p.y).toBeGreaterThan(y);
      expect(p.y).toBeLessThan(y + h);
    }
    expect(view.points.map((p) => p.name)).toEqual(['Beijing', 'Shanghai', 'Guangzhou']);
    // The southernmost place is lowest (largest y).
    expect(view.points[2]!.y).toBeGreaterThan(view.points[0]!.y);
  });

  test('a single town is shown with its surroundings, not as a dot filling the frame', () => {
    const view = locatorView([{ lat: 32.05, lon: 118.78 }], [])!;
    expect(box(view.viewBox).w).toBeGreaterThanOrEqual(9);
    expect(view.radius).toBeGreaterThan(0);
    expect(view.stroke).toBeGreaterThan(0);
  });

  test('a highlighted province is held whole; unknown codes are dropped', () => {
    const view = locatorView([], ['CN-XJ', 'CN-XX', 'CN-XJ'])!;
    expect(view.provinceCodes).toEqual(['CN-XJ']);
    const { x, w } = box(view.viewBox);
    // Xinjiang reaches from about 73.5° to 96.4° east.
    expect(x).toBeLessThan(73.5);
    expect(x + w).toBeGreaterThan(96.4);
  });
});

import { describe, expect, it } from 'vitest';
import {
  dateOfDay,
  dayNumber,
  MAX_TREND_POINTS,
  medianInPlace,
  theilSenSlope,
  thinToPeaks,
} from '../../lib/analyze/trend.js';

/** The least-squares slope, to show what one spike does to it. */
function leastSquaresSlope(points: { day: number; value: number }[]): number {
  const n = points.length;
  const meanDay = points.reduce((s, p) => s + p.day, 0) / n;
  const meanValue = points.reduce((s, p) => s + p.value, 0) / n;
  const covariance = points.reduce((s, p) => s + (p.day - meanDay) * (p.value - meanValue), 0);
  const variance = points.reduce((s, p) => s + (p.day - meanDay) ** 2, 0);
  return covariance / variance;
}

describe('theilSenSlope', () => {
  it('keeps the slope of a steady rise through a spike that bends a least-squares line', () => {
    // 10, 11, ..., 23 with day 3 at 80 instead of 13: 78 of the 91 pairwise slopes are exactly 1.
    const points = Array.from({ length: 14 }, (_, day) => ({ day, value: day === 3 ? 80 : 10 + day }));
    expect(theilSenSlope(points)).toBe(1);
    // Least squares: 1 + 67 × (3 - 6.5) / 227.5 = -0.03: one early spike makes a steady rise look flat.
    expect(leastSquaresSlope(points)).toBeCloseTo(-0.03, 2);
  });

  it('is the median of the pairwise slopes, averaging the two middle ones of an even count', () => {
    // Pairs: (0,1) 2, (0,2) 1.5, (1,2) 1: median 1.5.
    expect(
      theilSenSlope([
        { day: 0, value: 0 },
        { day: 1, value: 2 },
        { day: 2, value: 3 },
      ]),
    ).toBe(1.5);
    // 0, 2, 3, 4: slopes 2, 1.5, 4/3, 1, 1, 1 -> sorted 1, 1, 1, 4/3, 1.5, 2: median (1 + 4/3) / 2.
    const four = [0, 2, 3, 4].map((value, day) => ({ day, value }));
    expect(theilSenSlope(four)).toBeCloseTo((1 + 4 / 3) / 2, 12);
    expect(theilSenSlope([{ day: 0, value: 1 }])).toBeNull();
  });

  it('uses the days between datapoints, not their positions (days without traffic are absent)', () => {
    expect(
      theilSenSlope([
        { day: 0, value: 10 },
        { day: 4, value: 14 },
        { day: 10, value: 20 },
      ]),
    ).toBe(1);
  });

  it('handles 455 days (about 103,000 pairs)', () => {
    const points = Array.from({ length: 455 }, (_, day) => ({
      day,
      value: 100 + 0.5 * day + (day % 7 === 0 ? 40 : 0),
    }));
    expect(theilSenSlope(points)).toBeCloseTo(0.5, 6);
  });
});

describe('thinToPeaks', () => {
  it('keeps the highest day of each window, at most 64 points, and the trend they show', () => {
    // 455 days: windows of ceil(455 / 64) = 8 days, 57 of them; within each the last day is the highest.
    const points = Array.from({ length: 455 }, (_, day) => ({ day, value: 100 + 0.5 * day }));
    const thinned = thinToPeaks(points);
    expect(thinned).toHaveLength(57);
    expect(thinned.length).toBeLessThanOrEqual(MAX_TREND_POINTS);
    expect(thinned.slice(0, 2)).toEqual([
      { day: 7, value: 103.5 },
      { day: 15, value: 107.5 },
    ]);
    expect(theilSenSlope(thinned)).toBeCloseTo(0.5, 12);
  });

  it('leaves a short series as it is', () => {
    const points = [0, 1, 2].map((day) => ({ day, value: day }));
    expect(thinToPeaks(points)).toEqual(points);
  });
});

describe('medianInPlace and dates', () => {
  it('selects the median of odd and even counts', () => {
    expect(medianInPlace(Float64Array.from([5, 1, 4, 2, 3]))).toBe(3);
    expect(medianInPlace(Float64Array.from([5, 1, 4, 2]))).toBe(3);
    expect(medianInPlace(Float64Array.from([7, 7, 7, 7]))).toBe(7);
  });

  it('counts days in UTC', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dateOfDay(dayNumber('2026-11-24') + 21)).toBe('2026-12-15');
  });
});

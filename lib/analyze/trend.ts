/**
 * A robust trend of daily peaks: the Theil-Sen estimator, the median of the slopes between every pair of days.
 * A least-squares line follows one spike (a bulk upload, a retry storm); the median of the pairwise slopes
 * hardly moves until about 29% of the days are wild (its breakdown point).
 */

/** One day's peak: `day` counts whole days (any origin), `value` is the peak that day. */
export interface TrendPoint {
  day: number;
  value: number;
}

const DAY_MS = 86_400_000;

/** `2026-11-24` -> days since 1970-01-01 (UTC). Read by hand: a forecast reads every daily peak's date. */
export function dayNumber(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** Days since 1970-01-01 -> `2026-11-24`. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Moves the `k`-th smallest value to index `k` (everything before it no greater, after it no smaller). */
function selectInPlace(values: Float64Array, k: number): void {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = values[(left + right) >> 1] as number;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] as number) < pivot) i += 1;
      while ((values[j] as number) > pivot) j -= 1;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/** The median (the mean of the two middle values of an even count); reorders `values`. */
export function medianInPlace(values: Float64Array): number {
  const middle = (values.length - 1) >> 1;
  selectInPlace(values, middle);
  const lower = values[middle] as number;
  if (values.length % 2 === 1) return lower;
  let upper = Number.POSITIVE_INFINITY;
  for (let i = middle + 1; i < values.length; i += 1) upper = Math.min(upper, values[i] as number);
  return (lower + upper) / 2;
}

/**
 * At most this many points go into one slope (2,016 pairs): 455 daily peaks are 103,285 pairs, about 4 ms a
 * function, 12 s for 2,000 functions; thinned, 0.1 ms. Two months of days are used as they are.
 */
export const MAX_TREND_POINTS = 64;

/**
 * Points thinned to at most `max`: the days are cut into windows of ceil(days / max) days and each window keeps
 * its highest point (real days and peaks, fewer of them; a peak trend is still a peak trend). Fewer points: as
 * they are. Points must be in day order.
 */
export function thinToPeaks(points: readonly TrendPoint[], max: number = MAX_TREND_POINTS): TrendPoint[] {
  const first = points[0];
  const last = points.at(-1);
  if (points.length <= max || first === undefined || last === undefined) return [...points];
  const width = Math.ceil((last.day - first.day + 1) / max);
  const kept: TrendPoint[] = [];
  for (const point of points) {
    const window = Math.floor((point.day - first.day) / width);
    const previous = kept.at(-1);
    const previousWindow = previous === undefined ? -1 : Math.floor((previous.day - first.day) / width);
    if (previous === undefined || previousWindow !== window) kept.push(point);
    else if (point.value > previous.value) kept[kept.length - 1] = point;
  }
  return kept;
}

/**
 * The Theil-Sen slope (value per day) of points on distinct days; null with fewer than two. Selection, not a
 * sort: each function's median is found in linear time (thin long series first: thinToPeaks).
 */
export function theilSenSlope(points: readonly TrendPoint[]): number | null {
  const n = points.length;
  if (n < 2) return null;
  const slopes = new Float64Array((n * (n - 1)) / 2);
  let count = 0;
  for (let i = 0; i < n; i += 1) {
    const a = points[i] as TrendPoint;
    for (let j = i + 1; j < n; j += 1) {
      const b = points[j] as TrendPoint;
      if (b.day !== a.day) {
        slopes[count] = (b.value - a.value) / (b.day - a.day);
        count += 1;
      }
    }
  }
  return count === 0 ? null : medianInPlace(slopes.subarray(0, count));
}

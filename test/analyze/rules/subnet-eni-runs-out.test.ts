import { describe, expect, it } from 'vitest';
import { subnetEniRunsOut } from '../../../lib/analyze/rules/subnet-eni-runs-out.js';
import type { ConcurrencySeries, Snapshot } from '../../../lib/model/snapshot.js';
import {
  CAPTURED_AT,
  countEnis,
  emptySnapshot,
  fn,
  lambdaEni,
  subnet,
  withMissing,
} from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const SUBNET = 'subnet-0a1b2c3d4e5f60a01';

/** 2026-11-10 + i as a date. */
function date(i: number): string {
  return new Date(Date.UTC(2026, 10, 10 + i)).toISOString().slice(0, 10);
}

/**
 * Daily peaks 10, 11, ..., 23 on 2026-11-10 .. 2026-11-23 (one a day more: slope 1), except a spike of 30 on
 * 2026-11-13, and 5 on the capture day 2026-11-24 (three hours of it, left out).
 */
function risingSeries(days = 14): ConcurrencySeries {
  const daily = Array.from({ length: days }, (_, i) => ({
    date: date(14 - days + i),
    max: i === 3 ? 30 : 10 + 14 - days + i,
  }));
  daily.push({ date: '2026-11-24', max: 5 });
  return { peak: Math.max(...daily.map((d) => d.max)), daily };
}

/**
 * One function of 1536 MB (one legacy ENI per concurrent execution at divisor 1.5) in one subnet whose capacity
 * is `capacity` (free IPs + its one Lambda ENI), with headroom 0 in the tests: its demand on day t is 30 + t.
 */
function growingSubnet(
  capacity: number,
  series: Record<string, ConcurrencySeries> = { metering: risingSeries() },
): Snapshot {
  const enis = [lambdaEni({ id: 'eni-0aaaaaaaaaaaaaaa1', subnet: SUBNET, groups: ['sg-0aaaaaaaaaaaaaaa1'] })];
  return emptySnapshot({
    subnets: [
      subnet({ id: SUBNET, vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.0.0/24', free: capacity - 1 }),
    ],
    functions: Object.keys(series).map((name) =>
      fn({ name, memory: 1536, subnets: [SUBNET], securityGroups: ['sg-0aaaaaaaaaaaaaaa1'] }),
    ),
    networkInterfaces: enis,
    networkInterfaceCounts: countEnis(enis),
    metrics: {
      lookbackDays: 15,
      periodSeconds: 86400,
      startTime: '2026-11-10T00:00:00.000Z',
      endTime: CAPTURED_AT,
      account: null,
      functions: series,
    },
  });
}

const FLAT = { headroom: 0 };

describe('subnet-eni-runs-out', () => {
  it('says when a subnet runs out at the trend, with the trend and its inputs as evidence', () => {
    // Demand 30 + t against 50: over on day 21, 2026-11-24 + 21 = 2026-12-15.
    const result = resultFor(runRule(subnetEniRunsOut, growingSubnet(50), FLAT), SUBNET);
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('high');
    expect(result.message).toBe(
      `${SUBNET} (eu-west-1a, 10.0.0.0/24): runs out in 21 days (2026-12-15) at the current trend: legacy ` +
        'demand 30 ENIs today, 51 then, against 50 (49 free IPs + 1 Lambda ENI in use). Growing: metering +1/day ' +
        'over 14 days (2026-11-10 to 2026-11-23).',
    );
    expect(result.evidence).toMatchObject({
      capacity: 50,
      horizonDays: 90,
      minDays: 7,
      demandToday: 30,
      runsOutInDays: 21,
      runsOutOn: '2026-12-15',
      demandWhenOut: 51,
      trends: [
        {
          functionName: 'metering',
          trend: 'trend',
          days: 14,
          partialDayLeftOut: '2026-11-24',
          slopePerDay: 1,
          observedPeak: 30,
          enisToday: 30,
        },
      ],
    });
  });

  it('grades a run-out beyond 30 days medium, and applies the headroom like the audit', () => {
    // 30 + t > 70 first on day 41.
    const later = resultFor(runRule(subnetEniRunsOut, growingSubnet(70), FLAT), SUBNET);
    expect(later).toMatchObject({ status: 'fail', severity: 'medium', evidence: { runsOutInDays: 41 } });
    // With 20% headroom: ceil(1.2 × (30 + t)) > 70 when 30 + t > 58.33, first on day 29.
    const withHeadroom = resultFor(runRule(subnetEniRunsOut, growingSubnet(70)), SUBNET);
    expect(withHeadroom.evidence).toMatchObject({ demandToday: 36, runsOutInDays: 29, demandWhenOut: 71 });
  });

  it('passes a subnet that does not run out within the horizon, and follows the horizon setting', () => {
    const roomy = resultFor(runRule(subnetEniRunsOut, growingSubnet(200), FLAT), SUBNET);
    expect(roomy.status).toBe('pass');
    expect(roomy.message).toContain(
      'does not run out within 90 days at the current trend: legacy demand 30 ENIs today, 120 in 90 days, against 200',
    );
    const shortHorizon = resultFor(
      runRule(subnetEniRunsOut, growingSubnet(50), { ...FLAT, forecastHorizonDays: 20 }),
      SUBNET,
    );
    expect(shortHorizon.status).toBe('pass');
    expect(shortHorizon.message).toContain(
      'does not run out within 20 days at the current trend: legacy demand 30 ENIs today, 50 in 20 days',
    );
  });

  it('counts a falling trend as flat, and leaves a subnet already short to subnet-eni-capacity', () => {
    const falling: ConcurrencySeries = {
      peak: 40,
      daily: Array.from({ length: 10 }, (_, i) => ({ date: date(i), max: 40 - 2 * i })),
    };
    const flat = resultFor(runRule(subnetEniRunsOut, growingSubnet(45, { batch: falling }), FLAT), SUBNET);
    expect(flat).toMatchObject({ status: 'pass', evidence: { demandToday: 40, demandAtHorizon: 40 } });
    expect(flat.evidence).toMatchObject({ trends: [{ slopePerDay: -2, growthPerDay: 0 }] });
    const short = resultFor(runRule(subnetEniRunsOut, growingSubnet(25), FLAT), SUBNET);
    expect(short.status).toBe('pass');
    expect(short.message).toContain('already short today (30 ENIs against 25');
  });

  it('makes no forecast from fewer days than the minimum, and says which function and how many days', () => {
    // 5 whole days (2026-11-19 .. 23) plus the partial capture day.
    const young = growingSubnet(200, { 'new-api': risingSeries(5) });
    const result = resultFor(runRule(subnetEniRunsOut, young, FLAT), SUBNET);
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('no forecast: fewer than 7 days of daily peaks for new-api (5 days)');
    expect(resultFor(runRule(subnetEniRunsOut, young, { ...FLAT, forecastMinDays: 5 }), SUBNET).status).toBe(
      'pass',
    );
  });

  it('still fails, "at the latest", when the functions with a trend already run out', () => {
    const mixed = growingSubnet(60, {
      metering: risingSeries(),
      'new-api': { peak: 4, daily: [{ date: date(13), max: 4 }] },
    });
    // Demand 30 + t + 4 > 60 first on day 27.
    const result = resultFor(runRule(subnetEniRunsOut, mixed, FLAT), SUBNET);
    expect(result).toMatchObject({ status: 'fail', severity: 'high', evidence: { runsOutInDays: 27 } });
    expect(result.message).toContain(
      'runs out in 27 days (2026-12-21) at the latest (fewer than 7 days of daily peaks for new-api (1 day) not counted as growing)',
    );
  });

  it('is unknown, not pass, when the metrics were not collected', () => {
    const result = resultFor(runRule(subnetEniRunsOut, withMissing(growingSubnet(50), 'metrics')), SUBNET);
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('metrics (cloudwatch:GetMetricData');
  });

  it('is unknown when it would run out but the Lambda ENIs, whose IPs add capacity, were not collected', () => {
    const result = resultFor(
      runRule(subnetEniRunsOut, withMissing(growingSubnet(50), 'networkInterfaces'), FLAT),
      SUBNET,
    );
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('the Lambda ENIs in the subnet were not collected');
  });
});

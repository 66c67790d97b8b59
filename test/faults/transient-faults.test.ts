/**
 * Throttling storms, 5xx answers, connection resets, slow and hung endpoints, through the real collectors and
 * the SDK's real retry path (a local endpoint, not a mocked `send`). Each scenario collects the demo account
 * under its faults; the result is either the very snapshot a fault-free collection gives, or a snapshot that
 * names what it is missing, and never one where a check that failed (or could not be made) now passes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RULES } from '../../lib/analyze/registry.js';
import { collectWith } from '../../lib/audit.js';
import { TIME_BUDGET_EXCEEDED } from '../../lib/aws/time-budget.js';
import { collectSnapshot } from '../../lib/collect/collect.js';
import { loadEnvConfig } from '../../lib/lambda/env-config.js';
import { createAuditHandler } from '../../lib/lambda/handler.js';
import { createPowertools } from '../../lib/lambda/powertools.js';
import type { AuditResponse } from '../../lib/lambda/response.js';
import type { Snapshot } from '../../lib/model/snapshot.js';
import { BROKEN, THROTTLED } from '../fixtures/aws-api/service-errors.js';
import { lambdaContext } from '../fixtures/lambda-context.js';
import { scenarioClients, scenarioPublishClients } from './fake-account/clients.js';
import { DEMO_NOW, demoAccount } from './fake-account/demo.js';
import {
  type Call,
  type FakeAccountServer,
  type Fault,
  type FaultPlan,
  startFakeAccountServer,
} from './fake-account/server.js';
import { printFigures } from './figures.js';
import { comparable, compareWithBaseline, type Verdicts, verdictsOf } from './verdicts.js';

const throttle = (call: Call): Fault => {
  const { status, code } = THROTTLED[call.service] ?? { status: 400, code: 'Throttling' };
  return { kind: 'error', status, code, message: 'Rate exceeded' };
};
const serverError = (call: Call): Fault => {
  const { status, code } = BROKEN[call.service] ?? { status: 500, code: 'InternalFailure' };
  return { kind: 'error', status, code, message: 'We encountered an internal error. Please try again.' };
};

/** A number in [0, 1) from a text: the same text always gives the same number (FNV-1a). */
function unit(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0) / 4294967296;
}

/**
 * `rate` of the requests (STS aside) fail their first one to `maxFaults` attempts, throttled, with a 5xx or a
 * reset connection, and then go through: a storm the SDK's retries can always ride out, whatever order the
 * concurrent calls arrive in. Which requests are struck varies from run to run (the SDK's request ids).
 */
function chaos(seed: number, rate: number, maxFaults = 3): FaultPlan {
  return (call) => {
    if (call.service === 'sts') return undefined;
    const struck = unit(`${seed}:${call.invocationId}`);
    if (struck >= rate) return undefined;
    const faults = 1 + Math.floor(unit(`${seed}:faults:${call.invocationId}`) * maxFaults);
    if (call.attempt > faults) return undefined;
    const pick = unit(`${seed}:${call.invocationId}:${call.attempt}`);
    return pick < 0.4 ? throttle(call) : pick < 0.7 ? serverError(call) : { kind: 'reset' };
  };
}

/** Faults the SDK's retries must absorb: the snapshot must come out exactly as without them. */
const RECOVERABLE: { name: string; faults: FaultPlan }[] = [
  {
    name: 'every 3rd call throttled',
    // Up to 4 times for one request: with three calls in flight in lockstep (IAM's planned concurrency), one of them
    // would otherwise land on every third call at each of its 8 attempts, which no real throttling does.
    faults: (call) => (call.seq % 3 === 0 && call.attempt <= 4 ? throttle(call) : undefined),
  },
  {
    name: 'bursts: the first 5 calls of every API throttled',
    faults: (call) => (call.n <= 5 && call.service !== 'sts' ? throttle(call) : undefined),
  },
  {
    name: 'every 4th call a 5xx',
    faults: (call) => (call.seq % 4 === 0 ? serverError(call) : undefined),
  },
  {
    name: 'every 5th connection reset',
    faults: (call) => (call.seq % 5 === 0 ? { kind: 'reset' } : undefined),
  },
  {
    name: 'slow EC2 and IAM (every answer 150 ms late)',
    faults: (call) =>
      call.service === 'ec2' || call.service === 'iam' ? { kind: 'delay', ms: 150 } : undefined,
  },
  { name: 'chaos: 25% of requests throttled, 5xx or reset, up to 3 times each', faults: chaos(7, 0.25) },
  { name: 'chaos: 50% of requests throttled, 5xx or reset, up to 3 times each', faults: chaos(42, 0.5) },
];

/** Faults that outlast the retries: the parts they hit must be gaps naming the API and the error. */
const LASTING: { name: string; faults: FaultPlan; missing: { api: string; errorCode: string }[] }[] = [
  {
    name: 'ListFunctions down (503) for good',
    faults: (call) =>
      call.action === 'ListFunctions'
        ? { kind: 'error', status: 503, code: 'ServiceException', message: 'Service unavailable' }
        : undefined,
    missing: [
      { api: 'lambda:ListFunctions', errorCode: 'ServiceException' },
      // What needs the function list is not attempted, and says so.
      { api: 'lambda:GetFunction', errorCode: 'DependencyNotCollected' },
      { api: 'iam:SimulatePrincipalPolicy', errorCode: 'DependencyNotCollected' },
    ],
  },
  {
    name: 'route tables throttled, IAM connections reset, CloudWatch and Service Quotas 500, all for good',
    faults: (call) =>
      call.action === 'DescribeRouteTables'
        ? throttle(call)
        : call.service === 'iam'
          ? { kind: 'reset' }
          : call.service === 'monitoring' || call.service === 'servicequotas'
            ? serverError(call)
            : undefined,
    missing: [
      { api: 'ec2:DescribeRouteTables', errorCode: 'RequestLimitExceeded' },
      { api: 'iam:ListRoles', errorCode: 'ECONNRESET' },
      // CloudWatch's query-compatible InternalServiceError is the SDK's modelled InternalServiceFault.
      { api: 'cloudwatch:GetMetricData', errorCode: 'InternalServiceFault' },
      { api: 'servicequotas:GetServiceQuota', errorCode: 'ServiceException' },
    ],
  },
];

let server: FakeAccountServer;
let baseline: Snapshot;
let baselineVerdicts: Verdicts;
let recovered: Snapshot[];
let lasting: Snapshot[];
let hungReplay: Snapshot;
const figures = {
  scenarios: 0,
  requests: 0,
  faultsInjected: 0,
  recovered: 0,
  reportedMissing: 0,
  resultsCompared: 0,
  falsePasses: 0,
};

function collect(name: string, faults?: FaultPlan, deadline?: Date): Promise<Snapshot> {
  server.scenario(name, { account: demoAccount(), ...(faults ? { faults } : {}) });
  return collectSnapshot(scenarioClients(name), { region: 'eu-west-1', now: DEMO_NOW, deadline });
}

function account(name: string) {
  const requests = server.requests.filter((request) => request.scenario === name);
  figures.scenarios += 1;
  figures.requests += requests.length;
  figures.faultsInjected += requests.filter((request) => request.status !== 200).length;
  return requests;
}

function expectNoFalsePass(snapshot: Snapshot) {
  const comparison = compareWithBaseline(baselineVerdicts, verdictsOf(snapshot, DEMO_NOW));
  figures.resultsCompared += comparison.compared;
  figures.falsePasses += comparison.falsePasses.length;
  expect(comparison.falsePasses).toEqual([]);
  expect(comparison.falseFails).toEqual([]);
  return comparison;
}

/** The Lambda handler of one scenario, on the real clock (its deadline is real time), publishing to the fake. */
function deployHandler(name: string, faults: FaultPlan | undefined, now: Date, publishAttempts = 1) {
  server.scenario(name, { account: demoAccount(), ...(faults ? { faults } : {}) });
  return createAuditHandler({
    config: loadEnvConfig({
      AWS_REGION: 'eu-west-1',
      REPORT_BUCKET: 'audit-reports',
      TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:audit-alerts',
      TIME_RESERVE_SECONDS: '5',
    }),
    powertools: createPowertools({}),
    audit: {
      readSnapshot: async () => baseline,
      collect: collectWith(() => scenarioClients(name)),
      rules: RULES,
    },
    publish: { clients: scenarioPublishClients(name, publishAttempts) },
    now: () => now,
  });
}

/** A storm through the whole handler, within a 30 s invocation (collection deadline 25 s). */
const STORM_IN_HANDLER = 'chaos through the handler, S3 and SNS included, 30 s left';
let stormRun: { response: AuditResponse; tookMs: number; remainingMs: number };

async function runStormInHandler() {
  const now = new Date();
  const remainingMs = 30_000;
  // Publishing makes 3 attempts (lib/publish/clients.ts): at most 2 faults per request there.
  const handler = deployHandler(STORM_IN_HANDLER, chaos(3, 0.3, 2), now, 3);
  const response = await handler({}, lambdaContext(remainingMs));
  stormRun = { response, tookMs: Date.now() - now.getTime(), remainingMs };
}

const HUNG_NAT: FaultPlan = (call) => (call.action === 'DescribeNatGateways' ? { kind: 'hang' } : undefined);

// Every collection runs side by side (each waits mostly on the collectors' own rate limits).
beforeAll(async () => {
  server = await startFakeAccountServer();
  process.env.AWS_ENDPOINT_URL = server.url;
  // The handler's JSON logs and metrics: not this file's subject (test/security/logs.test.ts reads them).
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    [baseline, recovered, lasting, hungReplay] = await Promise.all([
      collect('baseline'),
      Promise.all(RECOVERABLE.map(({ name, faults }) => collect(name, faults))),
      Promise.all(LASTING.map(({ name, faults }) => collect(name, faults))),
      collect('hung NAT gateways (collector)', HUNG_NAT, new Date(Date.now() + 1_500)),
      runStormInHandler(),
    ]);
  } finally {
    vi.restoreAllMocks();
  }
  baselineVerdicts = verdictsOf(baseline, DEMO_NOW);
}, 45_000);

afterAll(async () => {
  await server.close();
  delete process.env.AWS_ENDPOINT_URL;
  printFigures('transient faults', figures);
});

describe('transient faults through the real SDK retries', () => {
  it('collects the demo account without gaps when nothing fails (the baseline every scenario is held to)', () => {
    expect(baseline.coverage).toEqual([]);
    expect(baseline.functions).toHaveLength(183);
    expect(baselineVerdicts.size).toBeGreaterThan(300);
    expect(baseline.networkInterfaceCounts).toEqual({
      total: 4197,
      byInterfaceType: {
        lambda: 54,
        interface: 103,
        natGateway: 3,
        branch: 3980,
        trunk: 35,
        vpc_endpoint: 14,
        nat_gateway: 3,
        gateway_load_balancer_endpoint: 3,
        transit_gateway: 2,
      },
    });
  });

  it('rides out throttling storms, bursts, 5xx, resets and slow answers: the same snapshot as without them', () => {
    RECOVERABLE.forEach(({ name }, i) => {
      const requests = account(name);
      const snapshot = recovered[i];
      expect(snapshot?.coverage, name).toEqual([]);
      expect(snapshot && comparable(snapshot), name).toBe(comparable(baseline));
      // Not vacuous: each scenario did inject faults (or delays) and the SDK retried them.
      const injected = requests.filter((request) => request.status !== 200).length;
      if (!name.startsWith('slow')) expect(injected, name).toBeGreaterThan(3);
      figures.recovered += 1;
    });
  });

  it('names what a lasting fault left out, and still judges nothing it could not see as passed', () => {
    LASTING.forEach(({ name, missing }, i) => {
      account(name);
      const snapshot = lasting[i];
      if (snapshot === undefined) throw new Error(name);
      for (const gap of missing) {
        expect(snapshot.coverage, name).toContainEqual(expect.objectContaining(gap));
      }
      // The SDK's attempts were spent first (8 for each of these calls).
      const failed = server.requests.filter((r) => r.scenario === name && r.status !== 200);
      expect(failed.length, name).toBeGreaterThanOrEqual(8);
      expectNoFalsePass(snapshot);
      figures.reportedMissing += 1;
    });
  });
});

describe('the Lambda handler under faults and its time budget', () => {
  beforeEach(() => {
    // The handler's JSON logs and metrics: not this test's subject (test/security/logs.test.ts reads them).
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    return () => vi.restoreAllMocks();
  });

  it('rides out a storm within the time budget: complete, stored and alerted, well before the timeout', () => {
    const requests = account(STORM_IN_HANDLER);
    const { response, tookMs, remainingMs } = stormRun;
    if (!response.ok) throw new Error(response.error.message);
    expect(requests.filter((r) => r.status !== 200).length).toBeGreaterThan(10);
    expect(response.incomplete).toBeUndefined();
    expect(response.summary.coverageGaps).toBe(0);
    expect(response.publish).toMatchObject({ s3: { status: 'stored' }, sns: { status: 'sent' } });
    expect(tookMs).toBeLessThan(remainingMs - 5_000);
    figures.recovered += 1;
  });

  it('stops at the deadline, reports itself incomplete naming the parts cut, stores the report and alerts', async () => {
    const name = 'hung NAT gateways';
    const now = new Date();
    const handler = deployHandler(name, HUNG_NAT, now);
    const remainingMs = 3_000;
    const response: AuditResponse = await handler({}, lambdaContext(remainingMs));
    const tookMs = Date.now() - now.getTime();
    account(name);

    if (!response.ok) throw new Error(response.error.message);
    // Collection stopped half-way through the remaining time (the reserve), well before Lambda's own timeout.
    expect(tookMs).toBeLessThan(remainingMs);
    expect(response.incomplete).toMatch(
      /^The time budget ran out before collection finished; not \(fully\) collected: .*natGateways/,
    );
    expect(response.publish?.s3.status).toBe('stored');
    expect(response.publish?.sns).toMatchObject({
      status: 'sent',
      reasons: expect.arrayContaining(['the audit is incomplete']),
    });
    const stored = [...server.objects(name).entries()].find(([key]) =>
      /\d{8}T\d{6}Z-[0-9a-f]{8}\.json$/.test(key),
    );
    const report = JSON.parse(stored?.[1] ?? '{}') as { coverage: { part: string; errorCode: string }[] };
    expect(report.coverage).toContainEqual(
      expect.objectContaining({ part: 'natGateways', errorCode: TIME_BUDGET_EXCEEDED }),
    );
    // An incomplete run never becomes the baseline the next run compares with.
    expect([...server.objects(name).keys()].some((key) => key.endsWith('latest.json'))).toBe(false);

    // The same hang under a collection deadline, judged against the baseline: nothing the budget cut passes.
    account('hung NAT gateways (collector)');
    expect(hungReplay.meta.incomplete?.reason).toContain('natGateways');
    expectNoFalsePass(hungReplay);
    figures.reportedMissing += 1;
  });

  it('fails the invocation (so Lambda retries it) with one clear error when STS cannot be reached, publishing nothing', async () => {
    const name = 'STS down';
    server.scenario(name, {
      account: demoAccount(),
      faults: (call) => (call.service === 'sts' ? serverError(call) : undefined),
    });
    const handler = createAuditHandler({
      config: loadEnvConfig({
        AWS_REGION: 'eu-west-1',
        REPORT_BUCKET: 'audit-reports',
        TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:audit-alerts',
      }),
      powertools: createPowertools({}),
      audit: {
        readSnapshot: async () => baseline,
        collect: collectWith(() => scenarioClients(name)),
        rules: RULES,
      },
      publish: { clients: scenarioPublishClients(name) },
      now: () => new Date(),
    });
    await expect(handler({}, lambdaContext(60_000))).rejects.toThrow(
      'Cannot reach AWS STS in region eu-west-1: InternalFailure: We encountered an internal error. Please try again.',
    );
    const requests = account(name);
    expect(requests.filter((r) => r.service === 'sts')).toHaveLength(8);
    expect(requests.filter((r) => r.service !== 'sts')).toEqual([]);
    figures.reportedMissing += 1;
  });
});

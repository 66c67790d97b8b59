/**
 * Malformed and surprising answers, through the real collectors: tokens that repeat, pages that overlap,
 * missing fields, empty VPC configurations, references to resources that are not there, enum values no
 * documentation lists, huge and non-ASCII text. Whatever comes back, the audit neither loops, nor crashes, nor
 * judges as passed what it could not read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../lib/analyze/engine.js';
import { RULES } from '../../lib/analyze/registry.js';
import { collectSnapshot } from '../../lib/collect/collect.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import type { Snapshot } from '../../lib/model/snapshot.js';
import { buildReport } from '../../lib/report/assemble/report.js';
import { renderSnsAlert, SNS_MAX_MESSAGE_BYTES } from '../../lib/report/render/alert/sns-message.js';
import { renderReport } from '../../lib/report/render/render.js';
import { accountFrom } from '../fixtures/aws-api/account.js';
import { CYCLE_LIMIT, type PagingQuirks } from '../fixtures/aws-api/paging.js';
import { scenarioClients } from './fake-account/clients.js';
import { DEMO, DEMO_NOW } from './fake-account/demo.js';
import { type FakeAccountServer, type ScenarioSpec, startFakeAccountServer } from './fake-account/server.js';
import { printFigures } from './figures.js';
import { comparable, compareWithBaseline, type Verdicts, verdictsOf } from './verdicts.js';

type Mutation = (account: Snapshot) => void;

/** Fields AWS leaves out in some cases (container images, older API versions) and emulators often do. */
const dropOptionalFields: Mutation = (s) => {
  for (const f of s.functions ?? []) {
    for (const field of ['Runtime', 'PackageType', 'Architectures', 'LastModified'] as const) delete f[field];
    if (f.VpcConfig) {
      delete f.VpcConfig.VpcId;
      delete f.VpcConfig.Ipv6AllowedForDualStack;
    }
  }
  for (const d of Object.values(s.functionDetails ?? {})) {
    delete d.LastUpdateStatus;
    delete d.StateReason;
    delete d.StateReasonCode;
  }
  for (const subnet of s.subnets ?? []) {
    delete subnet.AvailabilityZoneId;
    delete subnet.CidrBlock;
    delete subnet.Ipv6CidrBlocks;
  }
  for (const v of s.vpcs ?? []) {
    delete v.CidrBlock;
    delete v.IsDefault;
    delete v.OwnerId;
  }
  for (const table of s.routeTables ?? []) for (const route of table.Routes) delete route.Origin;
  for (const nat of s.natGateways ?? []) {
    delete nat.ConnectivityType;
    delete nat.AvailabilityMode;
  }
  for (const group of s.securityGroups ?? []) delete group.GroupName;
  for (const eni of s.networkInterfaces ?? []) {
    for (const field of ['RequesterId', 'RequesterManaged', 'PrivateIpAddress', 'AvailabilityZone'] as const)
      delete eni[field];
    for (const group of eni.Groups) delete group.GroupName;
    if (eni.Attachment) eni.Attachment = { Status: eni.Attachment.Status };
  }
  for (const endpoint of s.vpcEndpoints ?? []) delete endpoint.VpcEndpointType;
};

/** Values of AWS enums that no documentation lists (yet). */
const UNKNOWN_ENUMS: Mutation = (s) => {
  for (const table of s.routeTables ?? [])
    for (const route of table.Routes) if (route.State !== undefined) route.State = 'pending-weird';
  for (const nat of s.natGateways ?? []) nat.State = 'degraded';
  for (const igw of s.internetGateways ?? [])
    for (const attachment of igw.Attachments) attachment.State = 'quantum';
  for (const eni of s.networkInterfaces ?? []) eni.Status = 'detaching-x';
  for (const d of Object.values(s.functionDetails ?? {})) d.State = 'Hibernating';
  for (const v of s.vpcs ?? []) v.InstanceTenancy = 'host';
  for (const endpoint of s.vpcEndpoints ?? []) endpoint.State = 'Limbo';
};

const HUGE = 'x'.repeat(300_000);
const UNICODE = 'Zahlungsdienst \u202eevil\u202c 決済 🚀 e\u0301\u200b\u0007';
const HUGE_AND_UNICODE: Mutation = (s) => {
  for (const eni of s.networkInterfaces ?? [])
    if (eni.Description?.startsWith('AWS Lambda VPC ENI')) eni.Description = `${eni.Description}-${HUGE}`;
  for (const d of Object.values(s.functionDetails ?? {})) {
    d.Tags = { ...(d.Tags ?? {}), owner: UNICODE, notes: `${UNICODE} ${'ü'.repeat(256)}` };
    if (d.State === 'Failed') d.StateReason = `${UNICODE} ${HUGE}`;
  }
  for (const group of s.securityGroups ?? []) group.GroupName = `${group.GroupName ?? ''} ${UNICODE}`;
};

/** `required` fields gone: the part they belong to becomes a gap naming the field. */
const DROP_REQUIRED: Mutation = (s) => {
  const subnet = s.subnets?.[3];
  if (subnet) Reflect.deleteProperty(subnet, 'AvailableIpAddressCount');
  const role = s.roles?.[2];
  if (role) Reflect.deleteProperty(role, 'Arn');
};

const EMPTY_VPC_CONFIGS: Mutation = (s) => {
  for (const f of s.functions ?? []) {
    if (f.FunctionName === 'fraud-scorer' || f.FunctionName === 'image-resizer')
      f.VpcConfig = { SubnetIds: [], SecurityGroupIds: [], VpcId: '' };
  }
};

/** The subnets and security groups of `ledger-sync` are gone from EC2 (the function still names them). */
const GONE_FUNCTION = 'ledger-sync';
const REFERENCED_NOT_RETURNED: Mutation = (s) => {
  const record = s.functions?.find((f) => f.FunctionName === GONE_FUNCTION);
  const subnets = new Set(record?.VpcConfig?.SubnetIds);
  const groups = new Set(record?.VpcConfig?.SecurityGroupIds);
  s.subnets = (s.subnets ?? []).filter((subnet) => !subnets.has(subnet.SubnetId));
  s.securityGroups = (s.securityGroups ?? []).filter((group) => !groups.has(group.GroupId));
};

interface Case {
  name: string;
  mutate?: Mutation;
  paging?: Record<string, PagingQuirks>;
  rolePermissionsDecision?: string;
}

const CASES: Case[] = [
  { name: 'baseline' },
  {
    name: 'a page token repeated at once (DescribeSubnets)',
    paging: { DescribeSubnets: { pageSize: 5, repeatToken: 'same' } },
  },
  {
    name: 'page tokens cycling A, B, A (DescribeNetworkInterfaces)',
    paging: { DescribeNetworkInterfaces: { pageSize: 1000, repeatToken: 'cycle' } },
  },
  {
    name: 'page tokens cycling A, B, A (ListFunctions)',
    paging: { ListFunctions: { pageSize: 10, repeatToken: 'cycle' } },
  },
  {
    name: 'pages that overlap (an item repeated on the next page)',
    paging: {
      ListFunctions: { pageSize: 7, duplicateAcrossPages: true },
      DescribeSubnets: { pageSize: 3, duplicateAcrossPages: true },
      DescribeNetworkInterfaces: { pageSize: 400, duplicateAcrossPages: true },
      DescribeRouteTables: { pageSize: 4, duplicateAcrossPages: true },
      ListRoles: { pageSize: 5, duplicateAcrossPages: true },
    },
  },
  { name: 'optional fields missing', mutate: dropOptionalFields },
  { name: 'required fields missing', mutate: DROP_REQUIRED },
  { name: 'empty VpcConfig (SubnetIds: [])', mutate: EMPTY_VPC_CONFIGS },
  { name: 'subnets and security groups referenced but not returned', mutate: REFERENCED_NOT_RETURNED },
  { name: 'unknown enum values', mutate: UNKNOWN_ENUMS },
  { name: 'huge and non-ASCII text', mutate: HUGE_AND_UNICODE },
];

let server: FakeAccountServer;
const collected = new Map<string, Snapshot>();
let baseline: Snapshot;
let baselineVerdicts: Verdicts;
const figures = {
  scenarios: CASES.length - 1,
  requests: 0,
  resultsCompared: 0,
  falsePasses: 0,
  loopsStopped: 0,
};

function specOf(c: Case): ScenarioSpec {
  const account = structuredClone(DEMO);
  c.mutate?.(account);
  return { account: accountFrom(account), ...(c.paging ? { paging: c.paging } : {}) };
}

beforeAll(async () => {
  server = await startFakeAccountServer();
  process.env.AWS_ENDPOINT_URL = server.url;
  const snapshots = await Promise.all(
    CASES.map((c) => {
      server.scenario(c.name, specOf(c));
      return collectSnapshot(scenarioClients(c.name), { region: 'eu-west-1', now: DEMO_NOW });
    }),
  );
  CASES.forEach((c, i) => {
    const snapshot = snapshots[i];
    if (snapshot) collected.set(c.name, snapshot);
  });
  const first = collected.get('baseline');
  if (first === undefined) throw new Error('no baseline');
  baseline = first;
  baselineVerdicts = verdictsOf(baseline, DEMO_NOW);
  figures.requests = server.requests.length;
}, 60_000);

afterAll(async () => {
  await server.close();
  delete process.env.AWS_ENDPOINT_URL;
  printFigures('surprising data', figures);
});

function snapshotOf(name: string): Snapshot {
  const snapshot = collected.get(name);
  if (snapshot === undefined) throw new Error(name);
  return snapshot;
}

function calls(scenario: string, action: string): number {
  return server.requests.filter((r) => r.scenario === scenario && r.action === action).length;
}

function expectNoFalsePass(snapshot: Snapshot, name: string) {
  const comparison = compareWithBaseline(baselineVerdicts, verdictsOf(snapshot, DEMO_NOW));
  figures.resultsCompared += comparison.compared;
  figures.falsePasses += comparison.falsePasses.length;
  expect(comparison.falsePasses, name).toEqual([]);
  return comparison;
}

describe('page tokens that repeat', () => {
  it('stops at a token handed back at once, and treats the list as unreadable rather than complete', () => {
    const name = 'a page token repeated at once (DescribeSubnets)';
    const snapshot = snapshotOf(name);
    expect(snapshot.subnets).toBeNull();
    expect(snapshot.coverage).toContainEqual({
      part: 'subnets',
      api: 'ec2:DescribeSubnets',
      errorCode: 'RepeatedPageTokenError',
      message:
        'ec2:DescribeSubnets returned page token "t-5" a second time (page 2): the list cannot be trusted.',
    });
    expect(calls(name, 'DescribeSubnets')).toBe(2);
    expectNoFalsePass(snapshot, name);
    figures.loopsStopped += 1;
  });

  it.each([
    [
      'page tokens cycling A, B, A (DescribeNetworkInterfaces)',
      'DescribeNetworkInterfaces',
      'networkInterfaces',
    ],
    ['page tokens cycling A, B, A (ListFunctions)', 'ListFunctions', 'functions'],
  ] as const)('stops a token cycle at its first repeat, not after looping: %s', (name, action, part) => {
    const snapshot = snapshotOf(name);
    expect(snapshot[part]).toBeNull();
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({ part, errorCode: 'RepeatedPageTokenError' }),
    );
    // Page 3 hands back page 1's token: three calls, far from the endpoint's own limit.
    expect(calls(name, action)).toBe(3);
    expect(calls(name, action)).toBeLessThan(CYCLE_LIMIT);
    expectNoFalsePass(snapshot, name);
    figures.loopsStopped += 1;
  });
});

describe('items repeated across pages', () => {
  it('counts each function, subnet, route table, role and ENI once: the same snapshot as without the overlap', () => {
    const snapshot = snapshotOf('pages that overlap (an item repeated on the next page)');
    expect(snapshot.coverage).toEqual([]);
    expect(snapshot.networkInterfaceCounts?.total).toBe(4197);
    expect(comparable(snapshot)).toBe(comparable(baseline));
  });
});

describe('missing fields', () => {
  it('collects without the optional fields, and no check they decide passes where it failed', () => {
    const name = 'optional fields missing';
    const snapshot = snapshotOf(name);
    expect(snapshot.coverage).toEqual([]);
    const analysis = analyze(snapshot, RULES, DEFAULT_ANALYSIS_SETTINGS, DEMO_NOW);
    expect(analysis.outcomes.filter((o) => o.error !== undefined)).toEqual([]);
    expectNoFalsePass(snapshot, name);
  });

  it('makes a part with a required field missing a gap naming the field, never a guessed value', () => {
    const name = 'required fields missing';
    const snapshot = snapshotOf(name);
    expect(snapshot.subnets).toBeNull();
    expect(snapshot.roles).toBeNull();
    expect(snapshot.coverage).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          part: 'subnets',
          errorCode: 'IncompleteResponseError',
          message: expect.stringMatching(/^The response has no AvailableIpAddressCount for subnet-/),
        }),
        expect.objectContaining({
          part: 'roles',
          errorCode: 'IncompleteResponseError',
          message: 'The response has no Arn in a ListRoles item.',
        }),
      ]),
    );
    expectNoFalsePass(snapshot, name);
  });
});

describe('VPC configurations and references', () => {
  it('takes SubnetIds: [] as "not in a VPC": no check of those functions, no error', () => {
    const snapshot = snapshotOf('empty VpcConfig (SubnetIds: [])');
    const verdicts = verdictsOf(snapshot, DEMO_NOW);
    const about = [...verdicts.keys()].filter((key) => /\|function\|(fraud-scorer|image-resizer)$/.test(key));
    expect(about).toEqual([]);
    expect([...verdicts.values()].filter((v) => v.message.startsWith('Rule '))).toEqual([]);
  });

  it('fails the existence check for subnets and groups that are not returned, and passes nothing about where they lead', () => {
    const snapshot = snapshotOf('subnets and security groups referenced but not returned');
    const verdicts = verdictsOf(snapshot, DEMO_NOW);
    expect(verdicts.get(`function-network-resources-exist|function|${GONE_FUNCTION}`)?.status).toBe('fail');
    const needingNetwork = new Set(
      RULES.filter(
        (rule) => rule.requires.includes('subnets') || rule.requires.includes('securityGroups'),
      ).map((rule) => rule.id),
    );
    const passed = [...verdicts.entries()].filter(
      ([key, verdict]) =>
        key.endsWith(`|function|${GONE_FUNCTION}`) &&
        needingNetwork.has(verdict.ruleId) &&
        verdict.status === 'pass',
    );
    expect(passed).toEqual([]);
  });
});

describe('unknown enum values', () => {
  it('collects them as they are and never turns a failed check into a pass because of them', () => {
    const name = 'unknown enum values';
    const snapshot = snapshotOf(name);
    expect(snapshot.natGateways?.[0]?.State).toBe('degraded');
    const analysis = analyze(snapshot, RULES, DEFAULT_ANALYSIS_SETTINGS, DEMO_NOW);
    expect(analysis.outcomes.filter((o) => o.error !== undefined)).toEqual([]);
    expectNoFalsePass(snapshot, name);
  });
});

describe('huge and non-ASCII text', () => {
  it('collects and renders every format, keeps the SNS alert within 256 KB, and lets no control character through', () => {
    const name = 'huge and non-ASCII text';
    const snapshot = snapshotOf(name);
    expect(snapshot.coverage).toEqual([]);
    expect(snapshot.networkInterfaces?.some((eni) => (eni.Description?.length ?? 0) > 300_000)).toBe(true);
    const analysis = analyze(snapshot, RULES, DEFAULT_ANALYSIS_SETTINGS, DEMO_NOW);
    const report = buildReport({
      snapshot,
      analysis,
      rules: RULES,
      settings: DEFAULT_ANALYSIS_SETTINGS,
      runId: '20261124T030000Z-00000000',
      generatedAt: DEMO_NOW,
    });
    for (const format of ['text', 'json', 'md', 'html'] as const) {
      const rendered = renderReport(report, format, { color: false, width: 120 });
      expect(rendered.length, format).toBeGreaterThan(1000);
      // JSON keeps AWS's text as it is (escaped by JSON itself); every other format must not pass it on raw.
      if (format !== 'json')
        for (const control of ['\u0007', '\u202e']) expect(rendered, format).not.toContain(control);
    }
    const alert = renderSnsAlert(report, {
      kind: 'stored',
      consoleUrl: 'https://console.aws.amazon.com/s3/x',
      uri: 's3://b/k',
    });
    expect(alert.bytes).toBeLessThanOrEqual(SNS_MAX_MESSAGE_BYTES);
    expect(alert.subject).toMatch(/^[\x20-\x7e]{1,99}$/);
    expectNoFalsePass(snapshot, name);
  });
});

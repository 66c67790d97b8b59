/**
 * The whole AccessDenied matrix, generated from the actions the collectors and the publisher declare: for each
 * API in turn, the demo account is audited through the Lambda handler with only that API denied, and the run
 * is held against the fully collected baseline of the same account:
 * - the report names the gap (the API and AWS's denial code);
 * - every rule that needed what the API reads says unknown (none passes, none fails);
 * - every other rule still runs, over the same resources as in the baseline;
 * - no finding that failed or was unknown in the baseline passes (or silently disappears).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RULES } from '../../lib/analyze/registry.js';
import type { Rule } from '../../lib/analyze/rule.js';
import { collectWith } from '../../lib/audit.js';
import { isAccessDeniedCode } from '../../lib/aws/error-codes.js';
import { AUTHORIZATION_READ_ACTIONS } from '../../lib/collect/authorization.js';
import { CAPACITY_PROVIDER_READ_ACTIONS } from '../../lib/collect/capacity-providers.js';
import { CLOUDWATCH_READ_ACTIONS } from '../../lib/collect/cloudwatch.js';
import { EC2_READ_ACTIONS } from '../../lib/collect/ec2.js';
import { EC2_EGRESS_READ_ACTIONS } from '../../lib/collect/ec2-egress.js';
import { IAM_READ_ACTIONS } from '../../lib/collect/iam.js';
import { LAMBDA_READ_ACTIONS } from '../../lib/collect/lambda.js';
import { MANAGED_POLICY_READ_ACTIONS } from '../../lib/collect/managed-policies.js';
import { SERVICE_QUOTAS_READ_ACTIONS } from '../../lib/collect/quotas.js';
import { ROLE_PERMISSIONS_READ_ACTIONS } from '../../lib/collect/role-permissions.js';
import { loadEnvConfig } from '../../lib/lambda/env-config.js';
import { createAuditHandler } from '../../lib/lambda/handler.js';
import { createPowertools } from '../../lib/lambda/powertools.js';
import type { AuditResponse } from '../../lib/lambda/response.js';
import type { Report } from '../../lib/model/report.js';
import { operatorRoleChecks } from '../../lib/model/role-checks.js';
import type { SnapshotPart } from '../../lib/model/snapshot.js';
import { S3_OBJECT_ACTIONS, SNS_ACTIONS } from '../../lib/publish/actions.js';
import { lambdaContext } from '../fixtures/lambda-context.js';
import { scenarioClients, scenarioPublishClients } from './fake-account/clients.js';
import { demoAccount } from './fake-account/demo.js';
import {
  deniedBy,
  type FakeAccountServer,
  type ScenarioSpec,
  startFakeAccountServer,
} from './fake-account/server.js';
import { printFigures } from './figures.js';

/** Every API the audit calls, from the lists the code keeps beside the calls (STS's GetCallerIdentity cannot be denied). */
const COLLECTION_APIS: readonly string[] = [
  ...LAMBDA_READ_ACTIONS,
  ...CAPACITY_PROVIDER_READ_ACTIONS,
  ...EC2_READ_ACTIONS,
  ...AUTHORIZATION_READ_ACTIONS,
  ...EC2_EGRESS_READ_ACTIONS,
  ...IAM_READ_ACTIONS,
  ...MANAGED_POLICY_READ_ACTIONS,
  ...ROLE_PERMISSIONS_READ_ACTIONS,
  ...CLOUDWATCH_READ_ACTIONS,
  ...SERVICE_QUOTAS_READ_ACTIONS,
];
/** s3:GetObject reads the previous report (the baseline of the diff); s3:PutObject stores; sns:Publish alerts. */
const PUBLISHING_APIS: readonly string[] = [...S3_OBJECT_ACTIONS, ...SNS_ACTIONS];
const MATRIX = [...COLLECTION_APIS, ...PUBLISHING_APIS];

/**
 * APIs the audit calls only when another is denied (ListRoles: when GetAccountAuthorizationDetails is): their
 * scenario denies that one too.
 */
const FALLBACK_FOR: Record<string, string> = { 'iam:ListRoles': 'iam:GetAccountAuthorizationDetails' };

/** IAM's service prefix -> the SigV4 service name the request is signed for. */
const SIGNING_NAME: Record<string, string> = { cloudwatch: 'monitoring' };

/**
 * Rules that may still pass with this API denied, and why. GetFunction's tags (lambda:ListTags) are read only
 * by function-isolated, for functions without a route out; everything else in GetFunction's answer is still there.
 */
const MAY_STILL_PASS: Record<string, readonly string[]> = {
  'lambda:ListTags': ['function-reserved-concurrency-subnets', 'function-lambda-reported-failure'],
  // It judges the providers' own subnets beside the functions': denied, it cannot name those and says unknown per
  // provider instead, while the functions' subnets, which never needed the providers, still pass.
  'lambda:ListCapacityProviders': ['subnet-cross-az-nat'],
};

/** The snapshot parts a rule's scope depends on: what it reads, and the providers when it judges their subnets. */
function scopeParts(rule: Rule): readonly SnapshotPart[] {
  return rule.capacityProviders === 'subnets' ? [...rule.requires, 'capacityProviders'] : rule.requires;
}

/**
 * The egress reads (issue 14): denied, the demo functions whose paths cross what they read must say unknown in
 * function-no-internet-path, whether they failed (a dead end there) or passed (a way out through it) before.
 */
const PATHS_THROUGH: Record<
  (typeof EC2_EGRESS_READ_ACTIONS)[number] | 'ec2:DescribeNetworkInterfaces',
  string[]
> = {
  'ec2:DescribeInstances': ['legacy-sftp-bridge'],
  'ec2:DescribeNetworkInterfaces': ['legacy-sftp-bridge'],
  'ec2:DescribeTransitGatewayVpcAttachments': ['audit-log-shipper'],
  'ec2:DescribeVpcPeeringConnections': ['ledger-replicator'],
  // Every path crosses a network ACL: the ones that got out (through a firewall and NAT) and the one an ACL stops.
  'ec2:DescribeNetworkAcls': ['partner-webhook-sender', 'kyc-pep-screening', 'orders-api', 'push-notifier'],
};

function denial(...apis: string[]): Pick<ScenarioSpec, 'faults' | 'tagsError'> {
  if (apis.includes('lambda:ListTags')) {
    return {
      tagsError: {
        ErrorCode: 'AccessDeniedException',
        Message:
          'User: arn:aws:sts::123456789012:assumed-role/auditor/session is not authorized to perform: lambda:ListTags',
      },
    };
  }
  const denied = apis.map((api) => {
    const [prefix = '', action = ''] = api.split(':');
    return { service: SIGNING_NAME[prefix] ?? prefix, action };
  });
  return {
    faults: (call) => {
      const match = denied.find((d) => call.service === d.service && call.action === d.action);
      return match === undefined ? undefined : deniedBy(match.service, match.action);
    },
  };
}

/** The APIs a scenario denies: the API, and the one it stands in for. */
const deniedIn = (api: string) => [api, ...(FALLBACK_FOR[api] === undefined ? [] : [FALLBACK_FOR[api]])];

const NOW = new Date();
/** Neither the roles' policies nor their simulations can be read. */
const NEITHER = 'iam:GetAccountAuthorizationDetails+iam:SimulatePrincipalPolicy';
const CONTEXT = lambdaContext();

type Run = { response: AuditResponse; report: Report };

let server: FakeAccountServer;
let baseline: Run;
const runs = new Map<string, Run>();

async function audit(name: string, spec: Omit<ScenarioSpec, 'account'> = {}): Promise<Run> {
  server.scenario(name, { account: demoAccount(), ...spec });
  const handler = createAuditHandler({
    config: loadEnvConfig({
      AWS_REGION: 'eu-west-1',
      REPORT_BUCKET: 'audit-reports',
      TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:audit-alerts',
    }),
    powertools: createPowertools({}),
    audit: {
      readSnapshot: () => Promise.reject(new Error('not used')),
      collect: collectWith(() => scenarioClients(name)),
      rules: RULES,
    },
    publish: { clients: scenarioPublishClients(name) },
    now: () => NOW,
  });
  // The report comes back in the response whatever happened to S3.
  const response = await handler({ format: 'json' }, CONTEXT);
  if (!response.ok || response.rendered === undefined)
    throw new Error(`${name}: ${JSON.stringify(response)}`);
  return { response, report: JSON.parse(response.rendered) as Report };
}

const figures = {
  scenarios: 0,
  apis: MATRIX.length,
  resultsCompared: 0,
  gapsNamed: 0,
  rulesUnknown: 0,
  rulesStillRun: 0,
  falsePasses: 0,
  falseFails: 0,
};

beforeAll(async () => {
  server = await startFakeAccountServer();
  process.env.AWS_ENDPOINT_URL = server.url;
  // Powertools logs and metrics go to stdout and stderr: kept out of the test output.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const [first, neither, ...denied] = await Promise.all([
      audit('baseline'),
      audit(NEITHER, denial('iam:GetAccountAuthorizationDetails', 'iam:SimulatePrincipalPolicy')),
      ...MATRIX.map((api) => audit(api, denial(...deniedIn(api)))),
    ]);
    if (first === undefined || neither === undefined) throw new Error('no baseline');
    baseline = first;
    runs.set(NEITHER, neither);
    MATRIX.forEach((api, i) => {
      const run = denied[i];
      if (run) runs.set(api, run);
    });
  } finally {
    vi.restoreAllMocks();
  }
}, 60_000);

afterAll(async () => {
  await server.close();
  delete process.env.AWS_ENDPOINT_URL;
  printFigures('access-denied matrix', figures);
});

const keyOf = (finding: { ruleId: string; resourceType: string; resourceId: string }) =>
  `${finding.ruleId}|${finding.resourceType}|${finding.resourceId}`;

describe('the access-denied matrix', () => {
  it('covers every API the audit calls, and the baseline calls each one and has no gap', () => {
    expect(baseline.report.coverage).toEqual([]);
    expect(MATRIX).toHaveLength(29);
    const called = new Set(
      server.requests
        .filter((request) => request.scenario === 'baseline')
        .map(
          (request) =>
            `${request.service === 'monitoring' ? 'cloudwatch' : request.service}:${request.action}`,
        ),
    );
    for (const api of MATRIX.filter((api) => api !== 'lambda:ListTags' && FALLBACK_FOR[api] === undefined))
      expect(called, api).toContain(api);
    // ...and nothing the baseline called escapes the matrix.
    for (const api of called) expect([...MATRIX, 'sts:GetCallerIdentity'], api).toContain(api);
    // Something to lose: the baseline passes, fails and is unknown somewhere.
    expect(baseline.report.summary.failed).toBeGreaterThan(10);
    expect(baseline.report.rules.reduce((sum, rule) => sum + rule.pass, 0)).toBeGreaterThan(100);
  });

  it.each(COLLECTION_APIS)(
    '%s denied: the gap is named, what needed it is unknown, the rest still runs',
    (api) => {
      figures.scenarios += 1;
      const run = runs.get(api);
      if (run === undefined) throw new Error(api);
      const { report } = run;

      // The report names the gap: the API and AWS's "not allowed" code.
      const gaps = report.coverage.filter((gap) => gap.api === api);
      expect(gaps.length, api).toBeGreaterThan(0);
      for (const gap of gaps) expect(isAccessDeniedCode(gap.errorCode), `${api} ${gap.errorCode}`).toBe(true);
      figures.gapsNamed += 1;
      // Every gap of the run is this denial (and the one it stands in for) or what could not be attempted without it.
      for (const gap of report.coverage)
        expect(
          deniedIn(api).includes(gap.api) || gap.errorCode === 'DependencyNotCollected',
          `${api}: ${JSON.stringify(gap)}`,
        ).toBe(true);

      const missing = new Set(report.coverage.map((gap) => gap.part));
      const baselineRules = new Map(baseline.report.rules.map((rule) => [rule.id, rule]));
      for (const rule of RULES) {
        const summary = report.rules.find((r) => r.id === rule.id);
        const before = baselineRules.get(rule.id);
        if (summary === undefined || before === undefined) throw new Error(rule.id);
        expect(summary.error, rule.id).toBeUndefined();
        if (scopeParts(rule).some((part) => missing.has(part))) {
          // It needed what was denied: nothing passes. (Unless reading it again is not needed, see MAY_STILL_PASS.)
          if (!MAY_STILL_PASS[api]?.includes(rule.id)) expect(summary.pass, `${api} ${rule.id}`).toBe(0);
          figures.rulesUnknown += 1;
        } else {
          // It did not: it ran over the same resources as in the baseline.
          expect(summary.pass + summary.fail + summary.unknown, `${api} ${rule.id}`).toBe(
            before.pass + before.fail + before.unknown,
          );
          figures.rulesStillRun += 1;
        }
      }
    },
  );

  it.each(Object.entries(PATHS_THROUGH))(
    '%s denied: the egress paths that cross what it reads say unknown, never pass',
    (api, functions) => {
      const run = runs.get(api);
      if (run === undefined) throw new Error(api);
      const finding = (report: Report, name: string) =>
        report.findings.find((f) => f.ruleId === 'function-no-internet-path' && f.resourceId === name);
      for (const name of functions) {
        expect(finding(run.report, name)?.status, `${api} ${name}`).toBe('unknown');
        // Unknown because of the denial, which the message names (a transit gateway was unknown at info before).
        expect(finding(run.report, name)?.message, `${api} ${name}`).toMatch(/not collected/);
        expect(finding(baseline.report, name)?.message ?? '', name).not.toMatch(/not collected/);
      }
    },
  );

  it.each(MATRIX)('%s denied: no finding of the baseline passes', (api) => {
    const run = runs.get(api);
    if (run === undefined) throw new Error(api);
    const after = new Map(run.report.findings.map((finding) => [keyOf(finding), finding]));
    const accountWide = new Set(
      run.report.findings
        .filter((f) => f.resourceType === 'account' && f.status === 'unknown')
        .map((f) => f.ruleId),
    );
    const falsePasses: string[] = [];
    for (const finding of baseline.report.findings) {
      figures.resultsCompared += 1;
      if (!after.has(keyOf(finding)) && !accountWide.has(finding.ruleId))
        falsePasses.push(`${keyOf(finding)} was ${finding.status}, now passes`);
    }
    // A denial never invents a failure either.
    const failedBefore = new Set(baseline.report.findings.filter((f) => f.status === 'fail').map(keyOf));
    const falseFails = run.report.findings
      .filter((f) => f.status === 'fail' && !failedBefore.has(keyOf(f)))
      .map(keyOf);
    figures.falsePasses += falsePasses.length;
    figures.falseFails += falseFails.length;
    expect(falsePasses, api).toEqual([]);
    expect(falseFails, api).toEqual([]);
  });

  const roleFindings = (report: Report) =>
    report.findings
      .filter((f) => f.ruleId === 'function-role-eni-permissions')
      .map((f) => `${f.resourceId} ${f.status}`)
      .sort();

  it('iam:GetAccountAuthorizationDetails denied: ListRoles and a simulation per execution role, as before, with the same role findings', () => {
    figures.scenarios += 1;
    const { report } = runs.get('iam:GetAccountAuthorizationDetails') ?? baseline;
    const calls = (action: string) =>
      server.requests.filter(
        (r) => r.scenario === 'iam:GetAccountAuthorizationDetails' && r.action === action,
      );
    expect(calls('ListRoles').length).toBeGreaterThan(0);
    const executionRoles = new Set(Object.keys(demoAccount().snapshot.rolePolicies?.roles ?? {}));
    // The capacity providers' operator roles are among the roles: each is simulated once per requirement.
    const operators = operatorRoleChecks(
      demoAccount().snapshot.capacityProviders ?? [],
      demoAccount().snapshot.meta.region,
      demoAccount().snapshot.meta.accountId,
    );
    const operatorCalls = operators.reduce((sum, check) => sum + check.requirements.length, 0);
    expect(calls('SimulatePrincipalPolicy')).toHaveLength(
      executionRoles.size - operators.length + operatorCalls,
    );
    expect(roleFindings(report)).toEqual(roleFindings(baseline.report));
    figures.gapsNamed += 1;
  });

  it('iam:GetAccountAuthorizationDetails and iam:SimulatePrincipalPolicy denied: every execution-role check is unknown, none passes', () => {
    figures.scenarios += 1;
    const { report } = runs.get(NEITHER) ?? baseline;
    const rule = report.rules.find((r) => r.id === 'function-role-eni-permissions');
    const before = baseline.report.rules.find((r) => r.id === 'function-role-eni-permissions');
    expect(rule?.pass).toBe(0);
    expect(rule?.fail).toBe(0);
    expect(rule?.unknown).toBe((before?.pass ?? 0) + (before?.fail ?? 0) + (before?.unknown ?? 0));
    expect(report.coverage.map((gap) => gap.api).sort()).toEqual([
      'iam:GetAccountAuthorizationDetails',
      'iam:SimulatePrincipalPolicy',
    ]);
    figures.gapsNamed += 1;
  });

  it('s3:GetObject denied: not compared with the previous report, and says why; every failed check alerts', () => {
    figures.scenarios += 1;
    const { response } = runs.get('s3:GetObject') ?? baseline;
    expect(response).toMatchObject({
      changes: { status: 'unavailable', reason: expect.stringContaining('AccessDenied') },
      publish: {
        s3: { status: 'stored' },
        sns: { status: 'sent', reasons: [expect.stringContaining('not compared with a previous report')] },
      },
    });
    figures.gapsNamed += 1;
  });

  it('s3:PutObject denied: the report is not stored, the alert says so and carries the findings', () => {
    figures.scenarios += 1;
    const { response } = runs.get('s3:PutObject') ?? baseline;
    expect(response).toMatchObject({
      publish: {
        s3: {
          status: 'failed',
          error: expect.stringMatching(/^Cannot write s3:\/\/audit-reports\/.*AccessDenied/),
        },
        sns: { status: 'sent', reasons: expect.arrayContaining(['the report could not be stored in S3']) },
      },
    });
    const [alert] = server.published('s3:PutObject');
    const text = String(JSON.parse(alert?.message ?? '{}').default);
    expect(text).toContain('The report could not be stored in S3 (Cannot write s3://audit-reports/');
    expect(text).toContain('NEW FAILED CHECKS');
    figures.gapsNamed += 1;
  });

  it('sns:Publish denied: the alert fails naming the denial, the report is stored', () => {
    figures.scenarios += 1;
    const { response } = runs.get('sns:Publish') ?? baseline;
    expect(response).toMatchObject({
      publish: {
        s3: { status: 'stored' },
        sns: { status: 'failed', error: expect.stringContaining('AuthorizationError') },
      },
    });
    expect([...server.objects('sns:Publish').keys()].filter((key) => key.endsWith('.json'))).toHaveLength(2);
    figures.gapsNamed += 1;
  });
});

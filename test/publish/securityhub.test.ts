import {
  BatchImportFindingsCommand,
  InvalidAccessException,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../lib/model/finding.js';
import { createPublishClients } from '../../lib/publish/clients.js';
import { failedTargets, publishReport } from '../../lib/publish/publish.js';
import { importFindings, SECURITY_HUB_BATCH_SIZE } from '../../lib/publish/securityhub.js';
import { renderAsff } from '../../lib/report/render/asff.js';
import { DEFAULT_ALERT_POLICY } from '../../lib/settings/publish.js';
import { makeFinding, makeReport } from '../report/report-factory.js';

const hubMock = mockClient(SecurityHubClient);

function findings(count: number): Finding[] {
  return Array.from({ length: count }, (_, i) => makeFinding({ resourceId: `fn-${i}` }));
}

beforeEach(() => {
  hubMock.reset();
});

describe('Security Hub export', () => {
  it('imports 250 findings in calls of at most 100', async () => {
    hubMock.on(BatchImportFindingsCommand).callsFake((input: { Findings?: unknown[] }) => ({
      SuccessCount: input.Findings?.length ?? 0,
      FailedCount: 0,
      FailedFindings: [],
    }));
    const result = await importFindings(
      new SecurityHubClient({}),
      renderAsff(makeReport({ findings: findings(250) })),
    );

    const sizes = hubMock
      .commandCalls(BatchImportFindingsCommand)
      .map((call) => call.args[0].input.Findings?.length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(Math.max(...sizes.map(Number))).toBeLessThanOrEqual(SECURITY_HUB_BATCH_SIZE);
    expect(result).toEqual({ imported: 250, failed: 0, errors: [] });
  });

  it('is off by default, and reports refused findings and a refused call as a failed target when on', async () => {
    const report = makeReport({ findings: findings(3) });
    const clients = createPublishClients({ region: 'eu-west-1' });
    const off = await publishReport(report, { alert: DEFAULT_ALERT_POLICY, securityHub: false }, { clients });
    expect(off.securityHub).toEqual({ status: 'not-configured' });
    expect(hubMock.calls()).toHaveLength(0);

    hubMock.on(BatchImportFindingsCommand).resolves({
      SuccessCount: 2,
      FailedCount: 1,
      FailedFindings: [{ Id: 'x', ErrorCode: 'InvalidInput', ErrorMessage: 'Finding is malformed' }],
    });
    const partly = await publishReport(
      report,
      { alert: DEFAULT_ALERT_POLICY, securityHub: true },
      { clients },
    );
    expect(partly.securityHub).toEqual({
      status: 'imported',
      imported: 2,
      failed: 1,
      errors: ['InvalidInput: Finding is malformed'],
    });
    expect(failedTargets(partly)).toEqual(['securityHub']);

    hubMock.on(BatchImportFindingsCommand).rejects(
      new InvalidAccessException({
        message: 'Account is not subscribed to AWS Security Hub',
        $metadata: {},
      }),
    );
    const refused = await publishReport(
      report,
      { alert: DEFAULT_ALERT_POLICY, securityHub: true },
      { clients },
    );
    expect(refused.securityHub).toEqual({
      status: 'failed',
      error:
        'Security Hub BatchImportFindings failed after 0 of 3 findings: InvalidAccessException: Account is not subscribed to AWS Security Hub',
    });
  });
});

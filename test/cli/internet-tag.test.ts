import { describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exit-codes.js';
import type { CliIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import { type AuditDeps, defaultAuditDeps } from '../../lib/audit.js';
import type { Finding } from '../../lib/model/finding.js';
import { networkSnapshot, SUBNETS } from '../fixtures/network.js';
import { detailsOf, fn, functionDetail } from '../fixtures/snapshot-builder.js';

const isolatedTagged = networkSnapshot({
  functions: [
    fn({
      name: 'fx-rates-fetcher',
      subnets: [SUBNETS.isolatedA, SUBNETS.isolatedB],
      securityGroups: ['sg-1'],
    }),
  ],
  functionDetails: detailsOf(
    functionDetail({ name: 'fx-rates-fetcher', tags: { 'needs-egress': 'internet' } }),
  ),
});

const deps: AuditDeps = { ...defaultAuditDeps, collect: async () => isolatedTagged };

async function audit(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stdoutIsTty: false,
    stderrIsTty: false,
    env: { AWS_REGION: 'eu-west-1' },
    now: () => new Date('2026-11-24T03:00:00.000Z'),
  };
  const code = await runCli(['--format', 'json', ...args], io, deps);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function isolatedFinding(stdout: string): Finding | undefined {
  const report = JSON.parse(stdout) as { findings: Finding[] };
  return report.findings.find((f) => f.ruleId === 'function-isolated');
}

describe('--internet-tag', () => {
  it('by default does not know the custom tag: the isolated function is informational', async () => {
    const { code, stdout } = await audit([]);
    expect(code).toBe(EXIT.ok);
    expect(isolatedFinding(stdout)?.severity).toBe('info');
  });

  it('makes an isolated function carrying that tag key (value internet) a high finding, failing --fail-on high', async () => {
    const { code, stdout } = await audit(['--internet-tag', 'needs-egress', '--fail-on', 'high']);
    expect(isolatedFinding(stdout)).toMatchObject({ severity: 'high', status: 'fail' });
    expect(code).toBe(EXIT.findings);
    expect(JSON.parse(stdout).settings.internetTagKey).toBe('needs-egress');
  });

  it('rejects an empty tag key with exit code 2', async () => {
    const { code, stderr } = await audit(['--internet-tag', '']);
    expect(code).toBe(EXIT.error);
    expect(stderr).toContain('the internet tag key must not be empty');
  });
});

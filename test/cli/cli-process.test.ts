import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';

const DEMO = 'examples/demo-account.json';

const BIN = 'bin/lambda-vpc-audit.js';

/** The CLI as a user runs it: the package's bin (the esbuild bundle), a child process, no TTY. */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('lambda-vpc-audit (child process)', () => {
  beforeAll(() => {
    if (!existsSync('dist/cli.mjs')) throw new Error('dist/cli.mjs is missing: run `npm run build` first.');
  });

  it('audits the demo account and prints a readable report with its findings', () => {
    const { code, stdout, stderr } = cli('audit', '--snapshot', DEMO);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('123456789012');
    expect(stdout).toContain('statement-archiver');
    expect(stdout).toContain('function-role-exists');
    expect(stdout).not.toContain('\x1b[');
  });

  it('--format json prints a report that parses, with the demo counts', () => {
    const { code, stdout } = cli('--snapshot', DEMO, '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.reportVersion).toBe(1);
    expect(report.summary.functionsAudited).toBe(45);
    expect(report.summary.vpcFunctions).toBe(39);
    expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'function-dedicated-tenancy')).toBe(
      true,
    );
  });

  it('--fail-on exits 1 on the demo at its worst severity (a version Lambda reports failed: critical)', () => {
    expect(cli('--snapshot', DEMO, '--fail-on', 'high', '--format', 'json').code).toBe(1);
    expect(cli('--snapshot', DEMO, '--fail-on', 'critical', '--format', 'json').code).toBe(1);
  });

  it('names a missing snapshot file in a one-line error and exits 2', () => {
    const { code, stdout, stderr } = cli('--snapshot', 'no/such/file.json');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('lambda-vpc-audit: Cannot read snapshot no/such/file.json: no such file.\n');
  });

  it('rejects a bad flag value with the allowed values and exits 2', () => {
    const { code, stderr } = cli('--snapshot', DEMO, '--fail-on', 'severe');
    expect(code).toBe(2);
    expect(stderr).toContain('"severe" is not a severity (one of critical, high, medium, low, info)');
  });

  it('lists the rule catalogue as JSON', () => {
    const { code, stdout } = cli('rules', '--format', 'json');
    expect(code).toBe(0);
    const rules = JSON.parse(stdout) as { id: string; remediation: string }[];
    expect(rules.map((r) => r.id)).toContain('function-multi-az');
    expect(rules.every((r) => r.remediation.length > 0)).toBe(true);
  });
});

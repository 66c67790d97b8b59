/**
 * Tried as a new user would, on an emulated account: the real CLI (the package's bin, a child process) runs
 * `can-delete` and `plan` against the tests' fake AWS through AWS_ENDPOINT_URL, one case per "Done when" of
 * issue 18. (No AWS emulator can be installed here; this fake answers the real SDK clients on 127.0.0.1.)
 */

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAccountServer, startFakeAccountServer } from '../faults/fake-account/server.js';
import { cliAgainst } from './cli-child.js';
import {
  APP,
  emulatedAccount,
  FORGOTTEN,
  FORGOTTEN_ENI,
  ROOMY_A,
  ROOMY_B,
  TINY,
  UNUSED,
} from './emulated-account.js';

let server: FakeAccountServer;

beforeAll(async () => {
  if (!existsSync('dist/cli.mjs')) throw new Error('dist/cli.mjs is missing: run `npm run build` first.');
  server = await startFakeAccountServer();
  server.scenario('default', { account: emulatedAccount() });
});

afterAll(async () => {
  await server.close();
});

/** The CLI as a user runs it, against this file's fake AWS. */
const cli = (...args: string[]) => cliAgainst(server.url, args);

describe('issue 18, done when (the real CLI on an emulated account)', () => {
  it('can-delete on a subnet that holds a forgotten Lambda ENI exits 1, naming that ENI and why it will not clear', async () => {
    const { code, stdout, stderr } = await cli('can-delete', '--subnet', FORGOTTEN);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain(
      `${FORGOTTEN} cannot be deleted: 1 network interface that will not go away by itself.`,
    );
    expect(stdout).toContain(
      `${FORGOTTEN_ENI}  available  Lambda ENI no one uses: never goes away by itself`,
    );
    expect(stdout).toContain("its creator's role no longer exists: Lambda cannot delete it, so it stays");
  });

  it('can-delete on an unused security group exits 0', async () => {
    const { code, stdout } = await cli('can-delete', '--security-group', UNUSED);
    expect(code).toBe(0);
    expect(stdout).toContain(`${UNUSED} can be deleted now: no network interface uses it.`);
  });

  it('plan of a hot 2 GB function into a /28 subnet exits 1, naming the subnet and the shortfall', async () => {
    const { code, stdout } = await cli(
      'plan',
      '--memory',
      '2048',
      '--concurrency',
      '50',
      '--subnets',
      TINY,
      '--security-groups',
      APP,
    );
    expect(code).toBe(1);
    // 50 + 20% = 60 concurrent × 2048 MB / 1536 = 80 legacy ENIs in the /28's 11 free IPs.
    expect(stdout).toContain(
      `${TINY} (eu-west-1a, 10.0.64.0/28): legacy demand 80 ENIs (this function 80) against 11 (11 free IPs): 69 short.`,
    );
  });

  it('a small plan into roomy subnets exits 0', async () => {
    const { code, stdout } = await cli(
      'plan',
      '--memory',
      '256',
      '--concurrency',
      '5',
      '--subnets',
      `${ROOMY_A},${ROOMY_B}`,
      '--security-groups',
      APP,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^The change fits\./);
    // api (512 MB, peak 20 -> 24): 8 ENIs, 4 a subnet; the new one (256 MB, 5 -> 6): 1 ENI, 1 a subnet.
    expect(stdout).toContain(
      `subnet ${ROOMY_A} (eu-west-1a, 10.0.16.0/20): 4089 free IPs, legacy demand 4 -> 5 of 4090`,
    );
  });
});

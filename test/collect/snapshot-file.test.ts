import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSnapshotFile } from '../../lib/collect/snapshot-file.js';
import { emptySnapshot, fn, withMissing } from '../fixtures/snapshot-builder.js';

async function fileWith(content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lva-snap-'));
  const path = join(dir, 'snapshot.json');
  await writeFile(path, content);
  return path;
}

describe('readSnapshotFile', () => {
  it('round-trips a snapshot, including missing parts and coverage gaps', async () => {
    const snapshot = withMissing(
      emptySnapshot({ functions: [fn({ name: 'a', subnets: ['subnet-1'] })] }),
      'roles',
    );
    const path = await fileWith(JSON.stringify(snapshot));
    expect(await readSnapshotFile(path)).toEqual(snapshot);
  });

  it('reads a snapshot saved with a byte-order mark', async () => {
    const path = await fileWith(`\uFEFF${JSON.stringify(emptySnapshot())}`);
    expect(await readSnapshotFile(path)).toEqual(emptySnapshot());
  });

  it('refuses what is not a regular file before opening it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lva-snap-'));
    await expect(readSnapshotFile(dir)).rejects.toThrow(`Snapshot ${dir} is a directory, not a file.`);
    await expect(readSnapshotFile('/dev/zero')).rejects.toThrow(
      'Snapshot /dev/zero is a device, not a file.',
    );
  });

  it('names the file and the JSON error for truncated JSON', async () => {
    const path = await fileWith(JSON.stringify(emptySnapshot()).slice(0, 50));
    await expect(readSnapshotFile(path)).rejects.toThrow(`Snapshot ${path} is not valid JSON`);
  });

  it('names the wrong schema version', async () => {
    const path = await fileWith(JSON.stringify({ ...emptySnapshot(), schemaVersion: 3 }));
    await expect(readSnapshotFile(path)).rejects.toThrow(
      `Snapshot ${path} has snapshot schema version 3; this auditor reads versions 1 to 2.`,
    );
  });

  it('loads a version-1 file: the parts version 2 added are null, each with a gap saying why', async () => {
    const {
      capacityProviders: _providers,
      capacityProviderVersions: _versions,
      lambdaOperatedNetworkInterfaces: _operated,
      rolePolicies: _policies,
      routeTargetInstances: _instances,
      routeTargetInterfaces: _interfaces,
      transitGatewayAttachments: _attachments,
      vpcPeeringConnections: _peerings,
      networkAcls: _acls,
      ...v1
    } = emptySnapshot();
    const path = await fileWith(JSON.stringify({ ...v1, schemaVersion: 1 }));

    const snapshot = await readSnapshotFile(path);

    expect(snapshot.schemaVersion).toBe(2);
    expect(snapshot.functions).toEqual([]);
    expect(snapshot.capacityProviders).toBeNull();
    expect(snapshot.capacityProviderVersions).toBeNull();
    expect(snapshot.lambdaOperatedNetworkInterfaces).toBeNull();
    expect(snapshot.rolePolicies).toBeNull();
    expect(snapshot.networkAcls).toBeNull();
    expect(snapshot.routeTargetInstances).toBeNull();
    const written = 'Not collected for this snapshot: it was written with snapshot schema version 1.';
    expect(
      snapshot.coverage.map((gap) => `${gap.part}: ${gap.api}: ${gap.errorCode}: ${gap.message}`),
    ).toEqual(
      [
        'capacityProviders: lambda:ListCapacityProviders',
        'capacityProviderVersions: lambda:ListFunctionVersionsByCapacityProvider',
        'lambdaOperatedNetworkInterfaces: ec2:DescribeNetworkInterfaces',
        'rolePolicies: iam:GetAccountAuthorizationDetails',
        'routeTargetInstances: ec2:DescribeInstances',
        'routeTargetInterfaces: ec2:DescribeNetworkInterfaces',
        'transitGatewayAttachments: ec2:DescribeTransitGatewayVpcAttachments',
        'vpcPeeringConnections: ec2:DescribeVpcPeeringConnections',
        'networkAcls: ec2:DescribeNetworkAcls',
      ].map((gap) => `${gap}: NotInSnapshot: ${written}`),
    );
  });

  it('names each invalid field with its path', async () => {
    const bad = { ...emptySnapshot(), functions: [{ FunctionName: 'a' }] };
    const path = await fileWith(JSON.stringify(bad));
    await expect(readSnapshotFile(path)).rejects.toThrow(/functions\.0\.FunctionArn/);
  });

  it('rejects JSON that is not an object', async () => {
    const path = await fileWith('[1,2,3]');
    await expect(readSnapshotFile(path)).rejects.toThrow('is not a snapshot: expected a JSON object');
  });
});

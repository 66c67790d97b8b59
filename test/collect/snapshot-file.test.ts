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
      `Snapshot ${path} has snapshot schema version 3; this auditor reads versions 1 and 2 (writes 2).`,
    );
  });

  it('reads a version-1 snapshot: the parts it predates are null, each with a gap saying so', async () => {
    const {
      routeTargetInstances,
      routeTargetInterfaces,
      transitGatewayAttachments,
      vpcPeeringConnections,
      networkAcls,
      ...older
    } = emptySnapshot();
    const path = await fileWith(JSON.stringify({ ...older, schemaVersion: 1 }));

    const snapshot = await readSnapshotFile(path);

    expect(snapshot.schemaVersion).toBe(2);
    expect(snapshot.networkAcls).toBeNull();
    expect(snapshot.routeTargetInstances).toBeNull();
    expect(snapshot.coverage.map((gap) => `${gap.part}:${gap.errorCode}`)).toEqual([
      'routeTargetInstances:NotInSnapshotVersion',
      'routeTargetInterfaces:NotInSnapshotVersion',
      'transitGatewayAttachments:NotInSnapshotVersion',
      'vpcPeeringConnections:NotInSnapshotVersion',
      'networkAcls:NotInSnapshotVersion',
    ]);
    expect(snapshot.coverage[0]?.message).toContain('Not collected for this snapshot');
    expect(snapshot.functions).toEqual([]);
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

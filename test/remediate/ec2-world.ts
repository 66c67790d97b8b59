import {
  DeleteNetworkInterfaceCommand,
  DescribeNetworkInterfacesCommand,
  EC2Client,
  type NetworkInterface as Ec2NetworkInterface,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import type { NetworkInterface } from '../../lib/model/snapshot.js';
import { ec2Error } from '../collect/helpers.js';

/** An ENI as DescribeNetworkInterfaces returns it (the SDK parses AttachTime into a Date). */
export function sdkEni(eni: NetworkInterface): Ec2NetworkInterface {
  const { Attachment, InterfaceType, Status, ...rest } = eni;
  // The snapshot keeps AWS's enum values as plain strings; the SDK types them as unions.
  return {
    ...rest,
    InterfaceType: InterfaceType as Ec2NetworkInterface['InterfaceType'],
    Status: Status as Ec2NetworkInterface['Status'],
    ...(Attachment === undefined
      ? {}
      : {
          Attachment: {
            ...Attachment,
            Status: Attachment.Status as NonNullable<Ec2NetworkInterface['Attachment']>['Status'],
            AttachTime: Attachment.AttachTime === undefined ? undefined : new Date(Attachment.AttachTime),
          },
        }),
  };
}

export const DRY_RUN_OK = () =>
  ec2Error({
    name: 'DryRunOperation',
    status: 412,
    message: 'Request would have succeeded, but DryRun flag is set.',
  });

export const NOT_FOUND = (id: string) =>
  ec2Error({
    name: 'InvalidNetworkInterfaceID.NotFound',
    status: 400,
    message: `The networkInterface ID '${id}' does not exist`,
  });

export interface DeleteCall {
  id: string;
  dryRun: boolean;
  /** The ENI as it was in the world when the call was made. */
  state: NetworkInterface | undefined;
  /** What the last successful re-describe of this ENI answered before the call (undefined: none did). */
  described: NetworkInterface | undefined;
  /** Whether the call removed the ENI from the world. */
  deleted: boolean;
}

/**
 * What goes wrong on one EC2 call: the call fails (throttled, 5xx), or the ENI changes just before the call is
 * answered (Lambda attaches it, someone regroups it, it is deleted by someone else).
 */
export type Ec2Fault = 'throttled' | 'server-error' | 'attach' | 'regroup' | 'vanish';

export const THROTTLED = () =>
  ec2Error({ name: 'RequestLimitExceeded', status: 503, message: 'Request limit exceeded.' });
export const SERVER_ERROR = () =>
  ec2Error({ name: 'InternalError', status: 500, message: 'An internal error has occurred.' });
export const IN_USE = (id: string) =>
  ec2Error({ name: 'InvalidNetworkInterface.InUse', status: 400, message: `Interface: [${id}] in use.` });

/** Applies a fault that changes the world (attach, regroup, vanish); true when the call itself must fail. */
function strike(world: Map<string, NetworkInterface>, id: string, fault: Ec2Fault | undefined): boolean {
  const eni = world.get(id);
  if (fault === 'throttled' || fault === 'server-error') return true;
  if (eni === undefined) return false;
  if (fault === 'attach')
    world.set(id, {
      ...eni,
      Status: 'in-use',
      Attachment: { AttachmentId: 'ela-attach-0a1b2c3d', InstanceOwnerId: 'amazon-aws', Status: 'attached' },
    });
  if (fault === 'regroup') world.set(id, { ...eni, Groups: [{ GroupId: 'sg-new', GroupName: 'sg-new' }] });
  if (fault === 'vanish') world.delete(id);
  return false;
}

/**
 * A mocked EC2 whose ENIs are `world` (id -> current state; absent = deleted): DescribeNetworkInterfaces by id
 * reads it, DeleteNetworkInterface removes from it (a DryRun answers DryRunOperation unless `denied`), and, as
 * EC2 does, refuses to delete an ENI that is attached. `faults[n]` strikes the n-th call (describe or delete):
 * it fails, or the ENI changes just before it is answered. Every delete call is recorded with the state it
 * acted on and what the auditor had last been told about that ENI.
 */
export function ec2World(
  world: Map<string, NetworkInterface>,
  options: { denied?: boolean; faults?: readonly (Ec2Fault | undefined)[] } = {},
) {
  const mock = mockClient(EC2Client);
  const deletes: DeleteCall[] = [];
  const described = new Map<string, NetworkInterface>();
  let calls = 0;
  const nextFault = () => options.faults?.[calls++];
  mock.on(DescribeNetworkInterfacesCommand).callsFake(async (input: { NetworkInterfaceIds?: string[] }) => {
    const id = input.NetworkInterfaceIds?.[0] ?? '';
    const fault = nextFault();
    described.delete(id);
    if (strike(world, id, fault)) throw fault === 'throttled' ? THROTTLED() : SERVER_ERROR();
    const eni = world.get(id);
    if (eni === undefined) throw NOT_FOUND(id);
    described.set(id, eni);
    return { NetworkInterfaces: [sdkEni(eni)] };
  });
  mock
    .on(DeleteNetworkInterfaceCommand)
    .callsFake(async (input: { NetworkInterfaceId: string; DryRun?: boolean }) => {
      const id = input.NetworkInterfaceId;
      const dryRun = input.DryRun === true;
      const fault = nextFault();
      const failed = strike(world, id, fault);
      const call: DeleteCall = {
        id,
        dryRun,
        state: world.get(id),
        described: described.get(id),
        deleted: false,
      };
      deletes.push(call);
      if (failed) throw fault === 'throttled' ? THROTTLED() : SERVER_ERROR();
      if (options.denied)
        throw ec2Error({
          name: 'UnauthorizedOperation',
          status: 403,
          message:
            'You are not authorized to perform this operation. Encoded authorization failure message: xyz',
        });
      const eni = world.get(id);
      if (eni === undefined) throw NOT_FOUND(id);
      if (eni.Attachment !== undefined || eni.Status === 'in-use') throw IN_USE(id);
      if (dryRun) throw DRY_RUN_OK();
      world.delete(id);
      call.deleted = true;
      return {};
    });
  return { mock, deletes };
}

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
}

/**
 * A mocked EC2 whose ENIs are `world` (id -> current state; absent = deleted): DescribeNetworkInterfaces by id
 * reads it, DeleteNetworkInterface removes from it (a DryRun answers DryRunOperation unless `denied`). Every
 * delete call is recorded with the state it acted on.
 */
export function ec2World(world: Map<string, NetworkInterface>, options: { denied?: boolean } = {}) {
  const mock = mockClient(EC2Client);
  const deletes: DeleteCall[] = [];
  mock.on(DescribeNetworkInterfacesCommand).callsFake(async (input: { NetworkInterfaceIds?: string[] }) => {
    const id = input.NetworkInterfaceIds?.[0] ?? '';
    const eni = world.get(id);
    if (eni === undefined) throw NOT_FOUND(id);
    return { NetworkInterfaces: [sdkEni(eni)] };
  });
  mock
    .on(DeleteNetworkInterfaceCommand)
    .callsFake(async (input: { NetworkInterfaceId: string; DryRun?: boolean }) => {
      const id = input.NetworkInterfaceId;
      const dryRun = input.DryRun === true;
      deletes.push({ id, dryRun, state: world.get(id) });
      if (options.denied)
        throw ec2Error({
          name: 'UnauthorizedOperation',
          status: 403,
          message:
            'You are not authorized to perform this operation. Encoded authorization failure message: xyz',
        });
      if (!world.has(id)) throw NOT_FOUND(id);
      if (dryRun) throw DRY_RUN_OK();
      world.delete(id);
      return {};
    });
  return { mock, deletes };
}

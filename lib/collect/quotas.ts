import { GetServiceQuotaCommand, type ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { Quotas } from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import { attempt } from './gaps.js';
import { callCounter } from './paging.js';
import { required } from './response.js';

export const SERVICE_QUOTAS_READ_ACTIONS = ['servicequotas:GetServiceQuota'] as const;

/** The quotas the ENI demand is measured against (codes as Service Quotas lists them). */
export const ENI_QUOTAS = {
  /** Lambda "Elastic network interfaces per VPC" (Hyperplane ENIs), default 500. */
  lambdaEnisPerVpc: { serviceCode: 'lambda', quotaCode: 'L-9FEE3D26' },
  /** Amazon VPC "Network interfaces per Region", default 5,000; the service code is `vpc`, not `ec2`. */
  networkInterfacesPerRegion: { serviceCode: 'vpc', quotaCode: 'L-DF5E4CA3' },
} as const satisfies Record<keyof Quotas, { serviceCode: string; quotaCode: string }>;

/**
 * The applied value of each ENI quota. A quota that cannot be read (denied, NoSuchResource, an endpoint
 * without Service Quotas) is null with a gap naming it, and the analysis falls back to the documented default,
 * saying so: quotas can only be raised, so the default never overstates the room left.
 */
export async function collectQuotas(quotas: ServiceQuotasClient, context: CollectorContext): Promise<Quotas> {
  const api = 'servicequotas:GetServiceQuota';
  const countCall = callCounter(api, context.onProgress);
  const read = ({ serviceCode, quotaCode }: { serviceCode: string; quotaCode: string }) =>
    attempt(context.recorder, { part: 'quotas', api, resource: `${serviceCode}/${quotaCode}` }, async () => {
      const response = await quotas.send(
        new GetServiceQuotaCommand({ ServiceCode: serviceCode, QuotaCode: quotaCode }),
      );
      countCall();
      return required(response.Quota?.Value, `Quota.Value for ${serviceCode}/${quotaCode}`);
    });
  const [lambdaEnisPerVpc, networkInterfacesPerRegion] = await Promise.all([
    read(ENI_QUOTAS.lambdaEnisPerVpc),
    read(ENI_QUOTAS.networkInterfacesPerRegion),
  ]);
  return { lambdaEnisPerVpc, networkInterfacesPerRegion };
}

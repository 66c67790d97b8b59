import {
  GetServiceQuotaCommand,
  NoSuchResourceException,
  ServiceQuotasClient,
  ServiceQuotasServiceException,
} from '@aws-sdk/client-service-quotas';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { collectQuotas } from '../../lib/collect/quotas.js';
import { testContext } from './helpers.js';

const quotasMock = mockClient(ServiceQuotasClient);
const quotas = new ServiceQuotasClient({ region: 'eu-west-1' });

/** A GetServiceQuota answer as AWS gives it (more fields than the snapshot keeps). */
function quota(serviceCode: string, quotaCode: string, name: string, value: number) {
  return {
    Quota: {
      ServiceCode: serviceCode,
      ServiceName: serviceCode === 'vpc' ? 'Amazon Virtual Private Cloud (Amazon VPC)' : 'AWS Lambda',
      QuotaArn: `arn:aws:servicequotas:eu-west-1:123456789012:${serviceCode}/${quotaCode}`,
      QuotaCode: quotaCode,
      QuotaName: name,
      Value: value,
      Unit: 'None',
      Adjustable: true,
      GlobalQuota: false,
    },
  };
}

beforeEach(() => {
  quotasMock.reset();
});

describe('collectQuotas', () => {
  it("reads Lambda's per-VPC ENI quota and the VPC service's regional one (service code vpc, not ec2)", async () => {
    quotasMock
      .on(GetServiceQuotaCommand, { ServiceCode: 'lambda', QuotaCode: 'L-9FEE3D26' })
      .resolves(quota('lambda', 'L-9FEE3D26', 'Elastic network interfaces per VPC', 500))
      .on(GetServiceQuotaCommand, { ServiceCode: 'vpc', QuotaCode: 'L-DF5E4CA3' })
      .resolves(quota('vpc', 'L-DF5E4CA3', 'Network interfaces per Region', 7500));
    const context = testContext();

    expect(await collectQuotas(quotas, context)).toEqual({
      lambdaEnisPerVpc: 500,
      networkInterfacesPerRegion: 7500,
    });
    expect(context.recorder.gaps()).toEqual([]);
  });

  it('leaves a quota it cannot read null with a gap naming it, and keeps the other', async () => {
    quotasMock
      .on(GetServiceQuotaCommand, { ServiceCode: 'lambda' })
      .resolves(quota('lambda', 'L-9FEE3D26', 'Elastic network interfaces per VPC', 1000))
      .on(GetServiceQuotaCommand, { ServiceCode: 'vpc' })
      .rejects(
        new ServiceQuotasServiceException({
          name: 'AccessDeniedException',
          message: 'User is not authorized to perform: servicequotas:GetServiceQuota',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        }),
      );
    const context = testContext();

    expect(await collectQuotas(quotas, context)).toEqual({
      lambdaEnisPerVpc: 1000,
      networkInterfacesPerRegion: null,
    });
    expect(context.recorder.gaps()).toEqual([
      {
        part: 'quotas',
        api: 'servicequotas:GetServiceQuota',
        errorCode: 'AccessDeniedException',
        message: 'User is not authorized to perform: servicequotas:GetServiceQuota',
        resource: 'vpc/L-DF5E4CA3',
      },
    ]);
  });

  it('treats a quota Service Quotas does not know (NoSuchResource) as unread, not as zero', async () => {
    quotasMock.on(GetServiceQuotaCommand).rejects(
      new NoSuchResourceException({
        message: 'The request failed because the specified service does not exist.',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const context = testContext();

    expect(await collectQuotas(quotas, context)).toEqual({
      lambdaEnisPerVpc: null,
      networkInterfacesPerRegion: null,
    });
    expect(context.recorder.gaps().map((g) => `${g.resource}:${g.errorCode}`)).toEqual([
      'lambda/L-9FEE3D26:NoSuchResourceException',
      'vpc/L-DF5E4CA3:NoSuchResourceException',
    ]);
  });
});

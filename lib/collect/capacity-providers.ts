import {
  GetFunctionCommand,
  type LambdaClient,
  paginateListCapacityProviders,
  paginateListFunctionVersionsByCapacityProvider,
  type CapacityProvider as SdkCapacityProvider,
} from '@aws-sdk/client-lambda';
import { mapWithConcurrency } from '../aws/concurrency.js';
import { plannedConcurrency } from '../aws/rate-plan.js';
import type {
  CapacityProvider,
  CapacityProviderFunctionVersion,
  CapacityProviderVersions,
} from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import { attempt, failedAlikeForAll } from './gaps.js';
import { callCounter, collectPages } from './paging.js';
import { required } from './response.js';

/**
 * Capacity providers (Lambda Managed Instances, Lambda API 2025-11-30) and the function versions on each.
 * ListCapacityProviders returns each provider whole (VpcConfig, PermissionsConfig, InstanceRequirements,
 * CapacityProviderScalingConfig: https://docs.aws.amazon.com/lambda/latest/api/API_ListCapacityProviders.html),
 * so GetCapacityProvider, which returns the same CapacityProvider shape, is never needed.
 */
export const CAPACITY_PROVIDER_READ_ACTIONS = [
  'lambda:ListCapacityProviders',
  'lambda:ListFunctionVersionsByCapacityProvider',
] as const;

/** Both lists' documented maximum MaxItems (1-50). */
export const CAPACITY_PROVIDER_PAGE_SIZE = 50;

const LIST_VERSIONS_CONCURRENCY = plannedConcurrency('lambda:ListFunctionVersionsByCapacityProvider');

export function toCapacityProvider(provider: SdkCapacityProvider): CapacityProvider {
  const arn = required(provider.CapacityProviderArn, 'CapacityProviderArn in a ListCapacityProviders item');
  const vpc = required(provider.VpcConfig, `VpcConfig for ${arn}`);
  const record: CapacityProvider = {
    CapacityProviderArn: arn,
    State: required(provider.State, `State for ${arn}`),
    VpcConfig: {
      SubnetIds: required(vpc.SubnetIds, `VpcConfig.SubnetIds for ${arn}`),
      SecurityGroupIds: vpc.SecurityGroupIds ?? [],
    },
    PermissionsConfig: {
      CapacityProviderOperatorRoleArn: required(
        provider.PermissionsConfig?.CapacityProviderOperatorRoleArn,
        `PermissionsConfig.CapacityProviderOperatorRoleArn for ${arn}`,
      ),
    },
  };
  const requirements = provider.InstanceRequirements;
  if (requirements !== undefined)
    record.InstanceRequirements = {
      Architectures: requirements.Architectures,
      AllowedInstanceTypes: requirements.AllowedInstanceTypes,
      ExcludedInstanceTypes: requirements.ExcludedInstanceTypes,
    };
  const scaling = provider.CapacityProviderScalingConfig;
  if (scaling !== undefined)
    record.CapacityProviderScalingConfig = {
      MaxVCpuCount: scaling.MaxVCpuCount,
      ScalingMode: scaling.ScalingMode,
    };
  if (provider.LastModified !== undefined) record.LastModified = provider.LastModified;
  return record;
}

/** Every capacity provider of the region, every page. An endpoint without the API leaves a gap for this part only. */
export function collectCapacityProviders(
  lambda: LambdaClient,
  context: CollectorContext,
): Promise<CapacityProvider[] | null> {
  const api = 'lambda:ListCapacityProviders';
  return attempt(context.recorder, { part: 'capacityProviders', api }, async () => {
    const pages = paginateListCapacityProviders(
      { client: lambda, pageSize: CAPACITY_PROVIDER_PAGE_SIZE, stopOnSameToken: true },
      {},
    );
    const providers = await collectPages(
      api,
      ['CapacityProviderArn'],
      pages,
      (page) => page.CapacityProviders,
      context.onProgress,
    );
    return providers.map(toCapacityProvider);
  });
}

/** A Failed version's reason: GetFunction on the qualified ARN (the list gives its state only). */
async function withFailureReason(
  lambda: LambdaClient,
  version: CapacityProviderFunctionVersion,
  context: CollectorContext,
  countCall: () => void,
): Promise<CapacityProviderFunctionVersion> {
  const configuration = await attempt(
    context.recorder,
    { part: 'capacityProviderVersions', api: 'lambda:GetFunction', resource: version.FunctionArn },
    async () =>
      (await lambda.send(new GetFunctionCommand({ FunctionName: version.FunctionArn }))).Configuration,
  );
  countCall();
  if (configuration === null || configuration === undefined) return version;
  return {
    ...version,
    StateReasonCode: configuration.StateReasonCode,
    StateReason: configuration.StateReason,
    LastUpdateStatus: configuration.LastUpdateStatus,
    LastUpdateStatusReasonCode: configuration.LastUpdateStatusReasonCode,
    LastUpdateStatusReason: configuration.LastUpdateStatusReason,
  };
}

async function versionsOf(
  lambda: LambdaClient,
  providerArn: string,
  context: CollectorContext,
  countGetFunction: () => void,
): Promise<CapacityProviderFunctionVersion[]> {
  const api = 'lambda:ListFunctionVersionsByCapacityProvider';
  const pages = paginateListFunctionVersionsByCapacityProvider(
    { client: lambda, pageSize: CAPACITY_PROVIDER_PAGE_SIZE, stopOnSameToken: true },
    { CapacityProviderName: providerArn },
  );
  const items = await collectPages(
    api,
    ['FunctionArn'],
    pages,
    (page) => page.FunctionVersions,
    context.onProgress,
  );
  const versions = items.map(
    (item): CapacityProviderFunctionVersion => ({
      FunctionArn: required(item.FunctionArn, `FunctionArn in a version of ${providerArn}`),
      State: required(item.State, `State of a version of ${providerArn}`),
    }),
  );
  const detailed: CapacityProviderFunctionVersion[] = [];
  for (const version of versions)
    detailed.push(
      version.State === 'Failed'
        ? await withFailureReason(lambda, version, context, countGetFunction)
        : version,
    );
  return detailed;
}

type VersionsOutcome =
  | { arn: string; versions: CapacityProviderFunctionVersion[] }
  | { arn: string; error: unknown };

/**
 * The function versions on each provider, every page. One provider's failure is a gap naming it (its versions
 * are then unknown); every provider (more than one) failing alike is one gap and a null part.
 */
export async function collectCapacityProviderVersions(
  lambda: LambdaClient,
  providers: readonly CapacityProvider[] | null,
  context: CollectorContext,
): Promise<CapacityProviderVersions | null> {
  const api = 'lambda:ListFunctionVersionsByCapacityProvider';
  if (providers === null) {
    context.recorder.record({
      part: 'capacityProviderVersions',
      api,
      errorCode: 'DependencyNotCollected',
      message: 'Not attempted: it needs the capacity provider list, and lambda:ListCapacityProviders failed.',
    });
    return null;
  }
  const countGetFunction = callCounter('lambda:GetFunction', context.onProgress);
  const outcomes = await mapWithConcurrency(
    providers.map((provider) => provider.CapacityProviderArn),
    LIST_VERSIONS_CONCURRENCY,
    async (arn): Promise<VersionsOutcome> => {
      try {
        return { arn, versions: await versionsOf(lambda, arn, context, countGetFunction) };
      } catch (error) {
        return { arn, error };
      }
    },
  );
  const failures = outcomes.flatMap((outcome) => ('error' in outcome ? [outcome] : []));
  const [first] = failures;
  if (first !== undefined && failedAlikeForAll(failures, outcomes.length)) {
    context.recorder.recordError({ part: 'capacityProviderVersions', api }, first.error);
    return null;
  }
  const result: CapacityProviderVersions = {};
  for (const outcome of outcomes) {
    if ('error' in outcome)
      context.recorder.recordError(
        { part: 'capacityProviderVersions', api, resource: outcome.arn },
        outcome.error,
      );
    else result[outcome.arn] = outcome.versions;
  }
  return result;
}

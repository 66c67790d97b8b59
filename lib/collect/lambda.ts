import {
  type FunctionConfiguration,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  type GetFunctionResponse,
  type LambdaClient,
  paginateListFunctions,
} from '@aws-sdk/client-lambda';
import { mapWithConcurrency } from '../aws/concurrency.js';
import { errorCodeOf, isAccessDeniedCode } from '../aws/error-codes.js';
import { plannedConcurrency } from '../aws/rate-plan.js';
import { capacityProviderArnOf, hasOwnVpcConfig } from '../model/function-networking.js';
import type { AccountSettings, FunctionDetail, FunctionRecord } from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import { attempt, failedAlikeForAll } from './gaps.js';
import { callCounter, collectPages } from './paging.js';
import { required } from './response.js';

/**
 * `lambda:ListTags` is listed because GetFunction returns a function's tags only when the caller is
 * explicitly allowed ListTags (otherwise it answers with `TagsError`). GetFunction also allows
 * downloading the function's code: it is still preferred to GetFunctionConfiguration +
 * GetFunctionConcurrency because those share the account's 15 req/s control-plane budget.
 */
export const LAMBDA_READ_ACTIONS = [
  'lambda:GetAccountSettings',
  'lambda:GetFunction',
  'lambda:ListFunctions',
  'lambda:ListTags',
] as const;

/** ListFunctions' documented maximum page size. */
export const LIST_FUNCTIONS_PAGE_SIZE = 50;

/** Calls in flight; their rate is the collection's shared GetFunction bucket (rate-plan.ts). */
export type GetFunctionLimits = { concurrency: number };

export const DEFAULT_GET_FUNCTION_LIMITS: GetFunctionLimits = {
  concurrency: plannedConcurrency('lambda:GetFunction'),
};

/**
 * A function is in a VPC through its own configuration when it has subnets (`SubnetIds: []` is how Lambda reports
 * "not in a VPC") and runs on no capacity provider (whose subnets then carry its traffic instead).
 */
export const isVpcEnabled = hasOwnVpcConfig;

/** Names of functions with any VPC-enabled record (`$LATEST` or a published version), sorted, once each. */
export function vpcFunctionNames(functions: readonly FunctionRecord[]): string[] {
  return [...new Set(functions.filter(isVpcEnabled).map((record) => record.FunctionName))].sort();
}

/**
 * The names of records in a VPC, by their own configuration or through a capacity provider, as the records arrive
 * (a name may repeat: one per version): the functions GetFunction is asked about.
 */
export async function* networkedFunctionNamesAsTheyCome(
  functions: AsyncIterable<FunctionRecord>,
): AsyncGenerator<string> {
  for await (const record of functions)
    if (isVpcEnabled(record) || capacityProviderArnOf(record) !== undefined) yield record.FunctionName;
}

export function toFunctionRecord(configuration: FunctionConfiguration): FunctionRecord {
  const name = required(configuration.FunctionName, 'FunctionName in a ListFunctions item');
  const vpcConfig = configuration.VpcConfig;
  return {
    FunctionName: name,
    FunctionArn: required(configuration.FunctionArn, `FunctionArn for ${name}`),
    Version: required(configuration.Version, `Version for ${name}`),
    Runtime: configuration.Runtime,
    MemorySize: required(configuration.MemorySize, `MemorySize for ${name}`),
    Role: required(configuration.Role, `Role for ${name}`),
    PackageType: configuration.PackageType,
    Architectures: configuration.Architectures,
    LastModified: configuration.LastModified,
    VpcConfig:
      vpcConfig === undefined
        ? undefined
        : {
            SubnetIds: vpcConfig.SubnetIds ?? [],
            SecurityGroupIds: vpcConfig.SecurityGroupIds ?? [],
            VpcId: vpcConfig.VpcId,
            Ipv6AllowedForDualStack: vpcConfig.Ipv6AllowedForDualStack,
          },
    CapacityProviderConfig: capacityProviderConfigOf(configuration, name),
  };
}

function capacityProviderConfigOf(
  configuration: FunctionConfiguration,
  name: string,
): FunctionRecord['CapacityProviderConfig'] {
  const managed = configuration.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig;
  if (managed === undefined) return undefined;
  return {
    LambdaManagedInstancesCapacityProviderConfig: {
      CapacityProviderArn: required(managed.CapacityProviderArn, `CapacityProviderArn for ${name}`),
    },
  };
}

/**
 * Every function and every published version (`FunctionVersion: 'ALL'`: versions hold ENIs too). `onPage`
 * gets each page's records as it arrives, so work on them can start while later pages are still read.
 */
export function collectFunctions(
  lambda: LambdaClient,
  context: CollectorContext,
  onPage?: (records: readonly FunctionRecord[]) => void,
): Promise<FunctionRecord[] | null> {
  const api = 'lambda:ListFunctions';
  return attempt(context.recorder, { part: 'functions', api }, async () => {
    const pages = paginateListFunctions(
      { client: lambda, pageSize: LIST_FUNCTIONS_PAGE_SIZE, stopOnSameToken: true },
      { FunctionVersion: 'ALL' },
    );
    const recordsOf = (page: { Functions?: FunctionConfiguration[] }) => {
      const records = (page.Functions ?? []).map(toFunctionRecord);
      onPage?.(records);
      return records;
    };
    // A version's ARN is qualified, but some endpoints give every version the function's ARN: name and version.
    return collectPages(api, ['FunctionName', 'Version'], pages, recordsOf, context.onProgress);
  });
}

export function toFunctionDetail(functionName: string, response: GetFunctionResponse): FunctionDetail {
  const configuration = response.Configuration;
  const detail: FunctionDetail = {
    FunctionName: functionName,
    State: configuration?.State,
    StateReasonCode: configuration?.StateReasonCode,
    StateReason: configuration?.StateReason,
    LastUpdateStatus: configuration?.LastUpdateStatus,
    LastUpdateStatusReasonCode: configuration?.LastUpdateStatusReasonCode,
    LastUpdateStatusReason: configuration?.LastUpdateStatusReason,
    Tags: response.Tags ?? (response.TagsError === undefined ? {} : null),
  };
  const reserved = response.Concurrency?.ReservedConcurrentExecutions;
  if (reserved !== undefined) detail.ReservedConcurrentExecutions = reserved;
  return detail;
}

type DetailOutcome =
  | { name: string; detail: FunctionDetail; tagsError?: unknown }
  | { name: string; error: unknown };

/** GetFunction's `TagsError` ({ ErrorCode, Message }) as an error, so it becomes a gap like any other. */
function tagsErrorAsError(tagsError: {
  ErrorCode?: string | undefined;
  Message?: string | undefined;
}): Error {
  const error = new Error(tagsError.Message ?? 'GetFunction returned no tags.');
  error.name = tagsError.ErrorCode ?? 'TagsError';
  return error;
}

type FunctionFailure = { name: string; error: unknown };

/** Records one gap without a resource when all failed alike, else one gap naming each function. */
function recordFunctionFailures(
  context: CollectorContext,
  api: string,
  failures: readonly FunctionFailure[],
  total: number,
): void {
  const [first] = failures;
  if (first !== undefined && failedAlikeForAll(failures, total)) {
    context.recorder.recordError({ part: 'functionDetails', api }, first.error);
    return;
  }
  for (const failure of failures) {
    context.recorder.recordError({ part: 'functionDetails', api, resource: failure.name }, failure.error);
  }
}

/** Each name once, in the order first seen; a name repeats when it comes from a stream of records. */
async function* once(names: Iterable<string> | AsyncIterable<string>): AsyncGenerator<string> {
  const seen = new Set<string>();
  for await (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    yield name;
  }
}

/**
 * GetFunction once per VPC-enabled function name. A failure for one function is a gap naming that
 * function, and the others are kept. When every call (more than one) is denied alike the permission
 * is simply missing: the part is null with one gap. Refused tags (`TagsError`: no `lambda:ListTags`) keep the detail,
 * with `Tags: {}`, and a `lambda:ListTags` gap (one for all functions when all were refused alike).
 * `functionNames` may be a stream (names as ListFunctions pages arrive): calls start with the first name.
 */
export async function collectFunctionDetails(
  lambda: LambdaClient,
  functionNames: Iterable<string> | AsyncIterable<string>,
  context: CollectorContext,
  limits: GetFunctionLimits = DEFAULT_GET_FUNCTION_LIMITS,
): Promise<Record<string, FunctionDetail> | null> {
  const api = 'lambda:GetFunction';
  const countCall = callCounter(api, context.onProgress);
  const unsorted = await mapWithConcurrency(
    once(functionNames),
    limits.concurrency,
    async (name): Promise<DetailOutcome> => {
      try {
        const response = await lambda.send(new GetFunctionCommand({ FunctionName: name }));
        const detail = toFunctionDetail(name, response);
        return response.TagsError === undefined
          ? { name, detail }
          : { name, detail, tagsError: tagsErrorAsError(response.TagsError) };
      } catch (error) {
        return { name, error };
      } finally {
        countCall();
      }
    },
  );
  // By name, whatever order the names came in: the same account gives the same snapshot.
  const outcomes = unsorted.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const failures = outcomes.flatMap((outcome) => ('error' in outcome ? [outcome] : []));
  recordFunctionFailures(context, api, failures, outcomes.length);
  // Every call denied alike: the permission is missing and not one detail was read.
  if (failedAlikeForAll(failures, outcomes.length) && isAccessDeniedCode(errorCodeOf(failures[0]?.error)))
    return null;

  const details: Record<string, FunctionDetail> = {};
  const refusedTags: FunctionFailure[] = [];
  for (const outcome of outcomes) {
    if (!('detail' in outcome)) continue;
    details[outcome.name] = outcome.detail;
    if (outcome.tagsError !== undefined) refusedTags.push({ name: outcome.name, error: outcome.tagsError });
  }
  recordFunctionFailures(context, 'lambda:ListTags', refusedTags, Object.keys(details).length);
  return details;
}

export function collectAccountSettings(
  lambda: LambdaClient,
  context: CollectorContext,
): Promise<AccountSettings | null> {
  const api = 'lambda:GetAccountSettings';
  return attempt(context.recorder, { part: 'accountSettings', api }, async () => {
    const response = await lambda.send(new GetAccountSettingsCommand({}));
    callCounter(api, context.onProgress)();
    const limit = required(response.AccountLimit, 'AccountLimit');
    return {
      ConcurrentExecutions: required(limit.ConcurrentExecutions, 'AccountLimit.ConcurrentExecutions'),
      UnreservedConcurrentExecutions: required(
        limit.UnreservedConcurrentExecutions,
        'AccountLimit.UnreservedConcurrentExecutions',
      ),
    };
  });
}

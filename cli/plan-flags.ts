import { providerName } from '../lib/analyze/capacity-providers.js';
import { ConfigError } from '../lib/errors.js';
import { capacityProviderArnOf } from '../lib/model/function-networking.js';
import type { ProposedFunction } from '../lib/model/plan.js';
import type { Snapshot } from '../lib/model/snapshot.js';
import { parseOrThrow } from '../lib/model/validation.js';
import {
  ConcurrencySchema,
  FunctionNameSchema,
  MemoryMbSchema,
  SecurityGroupIdsSchema,
  SubnetIdsSchema,
  TemplateParameterSchema,
} from '../lib/settings/plan.js';

/** `plan`'s proposal flags: the change they describe, validated; a new function's name when none is given. */

export interface ProposalFlags {
  function?: string;
  memory?: string;
  concurrency?: string;
  subnets?: string;
  securityGroups?: string;
  dualStack?: boolean;
  capacityProvider?: string;
  template?: string;
  parameter?: string[];
}

export const NEW_FUNCTION_NAME = 'new-function';

const FLAGS_TEMPLATE_DESCRIBES = [
  'function',
  'memory',
  'subnets',
  'securityGroups',
  'dualStack',
  'capacityProvider',
] as const;
const FLAG_NAMES: Record<(typeof FLAGS_TEMPLATE_DESCRIBES)[number], string> = {
  function: '--function',
  memory: '--memory',
  subnets: '--subnets',
  securityGroups: '--security-groups',
  dualStack: '--dual-stack',
  capacityProvider: '--capacity-provider',
};

/** What a capacity provider decides for the functions on it: their network is its. */
const FLAGS_PROVIDER_DECIDES = ['subnets', 'securityGroups', 'dualStack'] as const;

/** Refuses flags that contradict each other, before anything is read. */
export function checkProposalFlags(flags: ProposalFlags): void {
  if (flags.template !== undefined) {
    const clashing = FLAGS_TEMPLATE_DESCRIBES.filter((key) => flags[key] !== undefined).map(
      (key) => FLAG_NAMES[key],
    );
    if (clashing.length > 0)
      throw new ConfigError(
        `--template describes the functions: it cannot be combined with ${clashing.join(', ')}.`,
      );
  } else if ((flags.parameter ?? []).length > 0) {
    throw new ConfigError('--parameter gives a template parameter: it needs --template.');
  }
  if (flags.capacityProvider !== undefined) {
    const clashing = FLAGS_PROVIDER_DECIDES.filter((key) => flags[key] !== undefined).map(
      (key) => FLAG_NAMES[key],
    );
    if (clashing.length > 0)
      throw new ConfigError(
        `--capacity-provider runs the function on the provider's subnets and security groups: it cannot be combined with ${clashing.join(', ')}.`,
      );
    if (flags.capacityProvider.trim() === '')
      throw new ConfigError('--capacity-provider needs the name (or ARN) of a capacity provider.');
  }
  if (flags.function !== undefined) parseOrThrow(FunctionNameSchema, flags.function, '--function');
}

/** The concurrency given for every planned function, if any. */
export function concurrencyOf(flags: ProposalFlags): number | null {
  return flags.concurrency === undefined
    ? null
    : parseOrThrow(ConcurrencySchema, flags.concurrency, '--concurrency');
}

export function templateParameters(flags: ProposalFlags): Map<string, string> {
  return new Map(
    (flags.parameter ?? []).map((text) => parseOrThrow(TemplateParameterSchema, text, '--parameter')),
  );
}

/**
 * The ARN of the capacity provider `--capacity-provider` names (by name or ARN), and what cannot be told when
 * the providers were not collected; a provider the account does not have is a usage error naming those it has.
 */
function providerOf(given: string, snapshot: Snapshot): { arn: string; unresolved: string[] } {
  const { accountId, region } = snapshot.meta;
  const name = given.slice(given.lastIndexOf(':') + 1);
  const providers = snapshot.capacityProviders;
  if (providers === null)
    return {
      arn: given.startsWith('arn:')
        ? given
        : `arn:aws:lambda:${region}:${accountId}:capacity-provider:${name}`,
      unresolved: [`the capacity providers were not collected: whether ${name} exists is unknown`],
    };
  const found = providers.find(
    (p) => p.CapacityProviderArn === given || providerName(p.CapacityProviderArn) === given,
  );
  if (found !== undefined) return { arn: found.CapacityProviderArn, unresolved: [] };
  const names = providers.map((p) => providerName(p.CapacityProviderArn)).sort();
  throw new ConfigError(
    `No capacity provider ${given} in account ${accountId} ${region}: ${names.length === 0 ? 'it has none' : `it has ${names.join(', ')}`} (--capacity-provider).`,
  );
}

/** The proposal the flags describe, against the account's functions. */
export function proposalFromFlags(flags: ProposalFlags, snapshot: Snapshot): ProposedFunction {
  const name = flags.function ?? NEW_FUNCTION_NAME;
  const records = snapshot.functions;
  const current = records?.find((r) => r.FunctionName === name && r.Version === '$LATEST');
  if (flags.function !== undefined && records !== null && current === undefined)
    throw new ConfigError(
      `No function ${name} in account ${snapshot.meta.accountId} ${snapshot.meta.region}: leave --function out to plan a new one.`,
    );
  const subnetIds =
    flags.subnets === undefined ? null : parseOrThrow(SubnetIdsSchema, flags.subnets, '--subnets');
  const securityGroupIds =
    flags.securityGroups === undefined
      ? null
      : parseOrThrow(SecurityGroupIdsSchema, flags.securityGroups, '--security-groups');
  const provider = flags.capacityProvider === undefined ? null : providerOf(flags.capacityProvider, snapshot);
  const inVpc =
    (current?.VpcConfig?.SubnetIds.length ?? 0) > 0 ||
    (current !== undefined && capacityProviderArnOf(current) !== undefined);
  if (provider === null && !inVpc && (subnetIds === null || securityGroupIds === null) && records !== null)
    throw new ConfigError(
      `${flags.function === undefined ? 'A new function' : `${name} is not in a VPC: it`} needs --subnets and --security-groups (or --capacity-provider).`,
    );
  return {
    name,
    existing: current !== undefined,
    origin: 'flags',
    memoryMb: flags.memory === undefined ? null : parseOrThrow(MemoryMbSchema, flags.memory, '--memory'),
    concurrency: concurrencyOf(flags),
    reservedConcurrency: null,
    subnetIds,
    securityGroupIds,
    dualStack: flags.dualStack === true ? true : null,
    capacityProviderArn: provider?.arn ?? null,
    unresolved: [
      ...(records === null && flags.function !== undefined
        ? [`the function list was not collected: whether ${name} exists is unknown`]
        : []),
      ...(provider?.unresolved ?? []),
    ],
  };
}

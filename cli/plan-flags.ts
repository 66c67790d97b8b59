import { ConfigError } from '../lib/errors.js';
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
  template?: string;
  parameter?: string[];
}

export const NEW_FUNCTION_NAME = 'new-function';

const FLAGS_TEMPLATE_DESCRIBES = ['function', 'memory', 'subnets', 'securityGroups', 'dualStack'] as const;
const FLAG_NAMES: Record<(typeof FLAGS_TEMPLATE_DESCRIBES)[number], string> = {
  function: '--function',
  memory: '--memory',
  subnets: '--subnets',
  securityGroups: '--security-groups',
  dualStack: '--dual-stack',
};

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
  const inVpc = (current?.VpcConfig?.SubnetIds.length ?? 0) > 0;
  if (!inVpc && (subnetIds === null || securityGroupIds === null) && records !== null)
    throw new ConfigError(
      `${flags.function === undefined ? 'A new function' : `${name} is not in a VPC: it`} needs --subnets and --security-groups.`,
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
    unresolved:
      records === null && flags.function !== undefined
        ? [`the function list was not collected: whether ${name} exists is unknown`]
        : [],
  };
}

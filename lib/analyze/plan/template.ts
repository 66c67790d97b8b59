import { ConfigError } from '../../errors.js';
import type { ProposedFunction } from '../../model/plan.js';

/**
 * The VPC functions (and the functions on a capacity provider) of a synthesized CloudFormation template (CDK's cdk.out/*.template.json, SAM's
 * .aws-sam/build/template.yaml), as proposals. Values are resolved offline: literals, `Ref` to a parameter
 * (given with --parameter, else its Default), and `Fn::Select`/`Fn::Split`/`Fn::Join` over those. What needs a
 * deployed stack (`Fn::ImportValue`, `Fn::GetAtt`, a `Ref` to a resource of the template, pseudo parameters) is
 * reported unresolved, never guessed. Pure.
 */

const FUNCTION_TYPES = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function']);

type Resolved = { ok: true; value: unknown } | { ok: false; why: string };

interface Context {
  parameters: ReadonlyMap<string, string>;
  declared: Record<string, unknown>;
  resources: Record<string, unknown>;
  usedDefaults: Set<string>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function parameterValue(name: string, ctx: Context): Resolved {
  const given = ctx.parameters.get(name);
  const declared = ctx.declared[name];
  const type = isObject(declared) && typeof declared.Type === 'string' ? declared.Type : '';
  const list = type.startsWith('List<') || type === 'CommaDelimitedList';
  const text =
    given ?? (isObject(declared) && declared.Default !== undefined ? String(declared.Default) : undefined);
  if (text === undefined) {
    return {
      ok: false,
      why: isObject(declared)
        ? `Ref ${name}: a parameter without a value (give --parameter ${name}=...)`
        : `Ref ${name}: not a parameter of the template`,
    };
  }
  if (given === undefined) ctx.usedDefaults.add(name);
  return { ok: true, value: list ? text.split(',').map((part) => part.trim()) : text };
}

function resolve(value: unknown, ctx: Context): Resolved {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return { ok: true, value };
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const resolved = resolve(item, ctx);
      if (!resolved.ok) return resolved;
      items.push(resolved.value);
    }
    return { ok: true, value: items };
  }
  if (!isObject(value)) return { ok: false, why: describe(value) };
  const [key] = Object.keys(value);
  const argument = key === undefined ? undefined : value[key];
  switch (key) {
    case 'Ref': {
      const name = String(argument);
      if (name.startsWith('AWS::'))
        return { ok: false, why: `Ref ${name}: a pseudo parameter, known at deploy time` };
      if (ctx.resources[name] !== undefined) {
        const resource = ctx.resources[name];
        const type = isObject(resource) ? String(resource.Type) : 'resource';
        return {
          ok: false,
          why: `Ref ${name}: a ${type} this template creates, whose id exists only once deployed`,
        };
      }
      return parameterValue(name, ctx);
    }
    case 'Fn::Select': {
      const [index, list] = Array.isArray(argument) ? argument : [];
      const resolvedIndex = resolve(index, ctx);
      const resolvedList = resolve(list, ctx);
      if (!resolvedIndex.ok) return resolvedIndex;
      if (!resolvedList.ok) return resolvedList;
      const items = Array.isArray(resolvedList.value) ? resolvedList.value : [];
      const item = items[Number(resolvedIndex.value)];
      return item === undefined
        ? { ok: false, why: `Fn::Select ${describe(argument)}: out of range` }
        : { ok: true, value: item };
    }
    case 'Fn::Split': {
      const [separator, text] = Array.isArray(argument) ? argument : [];
      const resolved = resolve(text, ctx);
      if (!resolved.ok) return resolved;
      return { ok: true, value: String(resolved.value).split(String(separator)) };
    }
    case 'Fn::Join': {
      const [separator, list] = Array.isArray(argument) ? argument : [];
      const resolved = resolve(list, ctx);
      if (!resolved.ok) return resolved;
      return {
        ok: true,
        value: (Array.isArray(resolved.value) ? resolved.value : []).join(String(separator)),
      };
    }
    case 'Fn::ImportValue':
      return {
        ok: false,
        why: `Fn::ImportValue ${describe(argument)}: another stack's export, known once deployed`,
      };
    case 'Fn::GetAtt':
      return {
        ok: false,
        why: `Fn::GetAtt ${describe(argument)}: an attribute of a resource this template creates`,
      };
    default:
      return { ok: false, why: `${key ?? 'an empty object'}: not resolvable offline` };
  }
}

/** A list of ids (SubnetIds, SecurityGroupIds), each item resolved; unresolved items are reported by position. */
function idList(value: unknown, field: string, ctx: Context, unresolved: string[]): string[] | null {
  if (value === undefined) return null;
  const whole = resolve(value, ctx);
  if (whole.ok && Array.isArray(whole.value))
    return whole.value
      .map(String)
      .flatMap((id) => id.split(','))
      .map((id) => id.trim());
  if (whole.ok)
    return String(whole.value)
      .split(',')
      .map((id) => id.trim());
  if (!Array.isArray(value)) {
    unresolved.push(`${field}: ${whole.why}`);
    return null;
  }
  const ids: string[] = [];
  value.forEach((item, i) => {
    const resolved = resolve(item, ctx);
    if (resolved.ok) ids.push(String(resolved.value));
    else unresolved.push(`${field}[${i}]: ${resolved.why}`);
  });
  return ids;
}

function numberOf(value: unknown, field: string, ctx: Context, unresolved: string[]): number | null {
  if (value === undefined) return null;
  const resolved = resolve(value, ctx);
  const n = resolved.ok ? Number(resolved.value) : Number.NaN;
  if (!resolved.ok) unresolved.push(`${field}: ${resolved.why}`);
  else if (!Number.isFinite(n)) unresolved.push(`${field}: ${describe(resolved.value)} is not a number`);
  return Number.isFinite(n) ? n : null;
}

/**
 * A function's capacity provider (Lambda Managed Instances), as the template gives it (maybe an intrinsic), and
 * where: CloudFormation's
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-function-capacityproviderconfig.html
 * or SAM's `CapacityProviderConfig.Arn`
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-capacityproviderconfig.html
 */
function capacityProviderArnIn(
  properties: Record<string, unknown>,
  type: string,
): { value: unknown; field: string } | undefined {
  const config = properties.CapacityProviderConfig;
  if (!isObject(config)) return undefined;
  if (type === 'AWS::Serverless::Function' && config.Arn !== undefined)
    return { value: config.Arn, field: 'CapacityProviderConfig.Arn' };
  const managed = config.LambdaManagedInstancesCapacityProviderConfig;
  if (!isObject(managed) || managed.CapacityProviderArn === undefined) return undefined;
  return {
    value: managed.CapacityProviderArn,
    field: 'CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig.CapacityProviderArn',
  };
}

/** SAM's `Globals.Function` under each function's own properties (a function's own value wins). */
function withGlobals(
  properties: Record<string, unknown>,
  type: string,
  globals: unknown,
): Record<string, unknown> {
  if (type !== 'AWS::Serverless::Function' || !isObject(globals) || !isObject(globals.Function))
    return properties;
  return { ...globals.Function, ...properties };
}

export interface TemplateProposals {
  proposals: ProposedFunction[];
  notes: string[];
}

/**
 * The template's functions with a VPC configuration, as proposals; `existing` names the account's functions
 * (null when they were not collected) so a function whose literal FunctionName exists is planned as a change.
 */
export function proposalsFromTemplate(
  template: unknown,
  parameters: ReadonlyMap<string, string>,
  existing: ReadonlySet<string> | null,
  source: string,
): TemplateProposals {
  if (!isObject(template) || !isObject(template.Resources))
    throw new ConfigError(`${source} is not a CloudFormation template: it has no Resources.`);
  const declared = isObject(template.Parameters) ? template.Parameters : {};
  const unknownParameters = [...parameters.keys()].filter((name) => declared[name] === undefined);
  if (unknownParameters.length > 0)
    throw new ConfigError(`${source} declares no parameter ${unknownParameters.join(', ')} (--parameter).`);
  const ctx: Context = { parameters, declared, resources: template.Resources, usedDefaults: new Set() };
  const proposals: ProposedFunction[] = [];
  const outsideVpc: string[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (!isObject(resource) || !FUNCTION_TYPES.has(String(resource.Type))) continue;
    const properties = withGlobals(
      isObject(resource.Properties) ? resource.Properties : {},
      String(resource.Type),
      template.Globals,
    );
    const vpc = properties.VpcConfig;
    const providerArn = capacityProviderArnIn(properties, String(resource.Type));
    if (vpc === undefined && providerArn === undefined) {
      outsideVpc.push(logicalId);
      continue;
    }
    const unresolved: string[] = [];
    const provider = providerArn === undefined ? null : resolve(providerArn.value, ctx);
    if (provider !== null && !provider.ok) unresolved.push(`${providerArn?.field}: ${provider.why}`);
    const name = resolve(properties.FunctionName, ctx);
    const functionName = properties.FunctionName !== undefined && name.ok ? String(name.value) : logicalId;
    const config = isObject(vpc) ? vpc : {};
    const dualStack = resolve(config.Ipv6AllowedForDualStack, ctx);
    proposals.push({
      name: functionName,
      existing: existing?.has(functionName) ?? false,
      origin: `template resource ${logicalId}`,
      memoryMb: numberOf(properties.MemorySize, 'MemorySize', ctx, unresolved),
      concurrency: null,
      reservedConcurrency: numberOf(
        properties.ReservedConcurrentExecutions,
        'ReservedConcurrentExecutions',
        ctx,
        unresolved,
      ),
      subnetIds: idList(config.SubnetIds, 'VpcConfig.SubnetIds', ctx, unresolved),
      securityGroupIds: idList(config.SecurityGroupIds, 'VpcConfig.SecurityGroupIds', ctx, unresolved),
      dualStack: dualStack.ok ? String(dualStack.value) === 'true' : null,
      capacityProviderArn: provider?.ok === true ? String(provider.value) : null,
      unresolved: unresolved.map((what) => `${logicalId} ${what}`),
    });
  }
  const notes = [
    ...(outsideVpc.length > 0 ? [`Not in a VPC, nothing to plan: ${outsideVpc.join(', ')}.`] : []),
    ...(ctx.usedDefaults.size > 0
      ? [`Parameters at their template defaults: ${[...ctx.usedDefaults].sort().join(', ')}.`]
      : []),
  ];
  if (proposals.length === 0)
    notes.push(`${source} has no Lambda function with a VpcConfig or a capacity provider.`);
  return { proposals, notes };
}

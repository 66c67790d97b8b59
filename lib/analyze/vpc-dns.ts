import type { RuleResult } from '../model/finding.js';
import type { VpcAttributes } from '../model/snapshot.js';
import { functionResult } from './function-result.js';
import type { RuleContext } from './rule.js';
import { functionVpcIds } from './snapshot-index.js';

/** The DNS attribute a rule checks and how a finding names it. */
export interface DnsAttribute {
  key: keyof VpcAttributes;
  /** `enableDnsSupport`, as the console and ModifyVpcAttribute call it. */
  name: string;
  /** What an invocation loses when it is off. */
  consequence: string;
}

/** One result per VPC function: fail when the attribute is off in one of its VPCs, unknown when it was not read. */
export function judgeDnsAttribute(ctx: RuleContext, attribute: DnsAttribute): RuleResult[] {
  const attributes = ctx.snapshot.vpcAttributes ?? {};
  return ctx.index.vpcFunctions.map((fn): RuleResult => {
    const vpcs = functionVpcIds(fn, ctx.index).map((vpcId) => ({
      vpcId,
      value: attributes[vpcId]?.[attribute.key],
    }));
    const evidence = {
      attribute: attribute.name,
      vpcs: vpcs.map((v) => ({ vpcId: v.vpcId, enabled: v.value ?? null })),
    };
    const off = vpcs.filter((v) => v.value === false).map((v) => v.vpcId);
    if (off.length > 0) {
      return functionResult(fn, {
        status: 'fail',
        message: `${fn.name}'s VPC ${off.join(', ')} has ${attribute.name} off: ${attribute.consequence}`,
        evidence,
      });
    }
    // Lambda keeps a configuration's subnets in one VPC, so one resolved subnet is enough to know it.
    const missing = vpcs.filter((v) => v.value === undefined).map((v) => v.vpcId);
    if (vpcs.length === 0 || missing.length > 0) {
      const why =
        missing.length > 0
          ? `${attribute.name} was not read for ${missing.join(', ')}`
          : 'none of its subnets was found';
      return functionResult(fn, {
        status: 'unknown',
        message: `Cannot tell ${attribute.name} for ${fn.name}'s VPC: ${why}.`,
        evidence,
      });
    }
    return functionResult(fn, {
      status: 'pass',
      message: `${fn.name}'s VPC has ${attribute.name} on.`,
      evidence,
    });
  });
}

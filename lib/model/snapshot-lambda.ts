import * as z from 'zod/mini';
import { optBool, optStr, str, strList } from './snapshot-fields.js';

/** The Lambda parts of a snapshot: functions and versions, their details, the account's concurrency settings. */

export const VpcConfigSchema = z.object({
  SubnetIds: strList,
  SecurityGroupIds: strList,
  VpcId: optStr,
  Ipv6AllowedForDualStack: optBool,
});

/**
 * A version on a capacity provider (Lambda Managed Instances) runs on the provider's instances, in the provider's
 * subnets: its own VpcConfig does not decide where its traffic goes.
 */
export const CapacityProviderConfigSchema = z.object({
  LambdaManagedInstancesCapacityProviderConfig: z.object({ CapacityProviderArn: str }),
});

/** One ListFunctions item: `$LATEST` or a published version. */
export const FunctionRecordSchema = z.object({
  FunctionName: str,
  FunctionArn: str,
  Version: str,
  Runtime: optStr,
  MemorySize: z.number(),
  Role: str,
  PackageType: optStr,
  Architectures: z.optional(strList),
  LastModified: optStr,
  VpcConfig: z.optional(VpcConfigSchema),
  CapacityProviderConfig: z.optional(CapacityProviderConfigSchema),
});

/** GetFunction for one VPC-enabled function (by name, so `$LATEST`'s state; concurrency and tags are per function). */
export const FunctionDetailSchema = z.object({
  FunctionName: str,
  State: optStr,
  StateReasonCode: optStr,
  StateReason: optStr,
  LastUpdateStatus: optStr,
  LastUpdateStatusReasonCode: optStr,
  LastUpdateStatusReason: optStr,
  /** Absent when no reserved concurrency is configured. */
  ReservedConcurrentExecutions: z.optional(z.number()),
  /** Null when GetFunction refused the tags (no `lambda:ListTags`): unknown, which is not "no tags". */
  Tags: z.nullable(z.record(z.string(), z.string())),
});

export const AccountSettingsSchema = z.object({
  ConcurrentExecutions: z.number(),
  UnreservedConcurrentExecutions: z.number(),
});

export type VpcConfig = z.infer<typeof VpcConfigSchema>;
export type FunctionRecord = z.infer<typeof FunctionRecordSchema>;
export type FunctionDetail = z.infer<typeof FunctionDetailSchema>;
export type AccountSettings = z.infer<typeof AccountSettingsSchema>;

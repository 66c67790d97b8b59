import * as z from 'zod/mini';
import { optStr, str, strList } from './snapshot-fields.js';

/**
 * Lambda compute that puts network interfaces in a VPC besides a function's own VpcConfig: capacity providers
 * (Lambda Managed Instances) and the function versions on them, and the ENIs Lambda operates for them and for
 * network connectors. Shapes follow the Lambda API reference (2025-11-30):
 * https://docs.aws.amazon.com/lambda/latest/api/API_ListCapacityProviders.html
 */

/** CapacityProviderVpcConfig: 1-16 subnets, 0-5 security groups (both required in the API). */
export const CapacityProviderVpcConfigSchema = z.object({
  SubnetIds: strList,
  SecurityGroupIds: strList,
});

/** InstanceRequirements: every member optional; no AllowedInstanceTypes means "all compatible types". */
export const InstanceRequirementsSchema = z.object({
  Architectures: z.optional(strList),
  AllowedInstanceTypes: z.optional(strList),
  ExcludedInstanceTypes: z.optional(strList),
});

/** CapacityProviderScalingConfig: MaxVCpuCount 2-15,000, optional (no documented default). */
export const CapacityProviderScalingConfigSchema = z.object({
  MaxVCpuCount: z.optional(z.number()),
  ScalingMode: optStr,
});

/** One CapacityProvider as ListCapacityProviders returns it (the same shape GetCapacityProvider returns). */
export const CapacityProviderSchema = z.object({
  CapacityProviderArn: str,
  /** Pending | Active | Failed | Deleting. */
  State: str,
  VpcConfig: CapacityProviderVpcConfigSchema,
  PermissionsConfig: z.object({ CapacityProviderOperatorRoleArn: str }),
  InstanceRequirements: z.optional(InstanceRequirementsSchema),
  CapacityProviderScalingConfig: z.optional(CapacityProviderScalingConfigSchema),
  LastModified: optStr,
});

/**
 * One ListFunctionVersionsByCapacityProvider item. The reason fields come from GetFunction on that qualified
 * version, read only for a version whose State is Failed (the list gives the state without its reason).
 */
export const CapacityProviderFunctionVersionSchema = z.object({
  FunctionArn: str,
  /** Pending | Active | Inactive | Failed | Deactivating | Deactivated | ActiveNonInvocable | Deleting. */
  State: str,
  StateReasonCode: optStr,
  StateReason: optStr,
  LastUpdateStatus: optStr,
  LastUpdateStatusReasonCode: optStr,
  LastUpdateStatusReason: optStr,
});

/** Keyed by capacity provider ARN; a provider missing here had its versions fail to list (see coverage). */
export const CapacityProviderVersionsSchema = z.record(
  z.string(),
  z.array(CapacityProviderFunctionVersionSchema),
);

export const LAMBDA_OPERATED_KINDS = ['managed-instance', 'network-connector'] as const;

/**
 * An ENI Lambda operates that is not a function's Hyperplane ENI: one of a managed instance's, or one a network
 * connector provisioned. Never an orphan candidate, never deleted by cleanup; its addresses are used.
 */
export const LambdaOperatedNetworkInterfaceSchema = z.object({
  NetworkInterfaceId: str,
  Kind: z.enum(LAMBDA_OPERATED_KINDS),
  InterfaceType: optStr,
  Status: optStr,
  SubnetId: optStr,
  VpcId: optStr,
  AvailabilityZone: optStr,
  /** Addresses it holds in its subnet: the primary and every secondary private IPv4 address. */
  PrivateIpAddressCount: z.number(),
  Groups: z.array(z.object({ GroupId: optStr })),
  /** `Operator.Principal` as EC2 reports it, when EC2 reports the ENI as managed. */
  OperatorPrincipal: optStr,
  /** The `aws:lambda:networkConnectorId` (or `...Name`) tag of a network connector's ENI. */
  NetworkConnector: optStr,
  /** The instance it is attached to (a managed instance's). */
  InstanceId: optStr,
});

export type CapacityProvider = z.infer<typeof CapacityProviderSchema>;
export type CapacityProviderFunctionVersion = z.infer<typeof CapacityProviderFunctionVersionSchema>;
export type CapacityProviderVersions = z.infer<typeof CapacityProviderVersionsSchema>;
export type LambdaOperatedNetworkInterface = z.infer<typeof LambdaOperatedNetworkInterfaceSchema>;
export type LambdaOperatedKind = (typeof LAMBDA_OPERATED_KINDS)[number];

/**
 * The publishing clients most runs never use, imported on first use (lib/publish/clients.ts). Re-exported from
 * here, not imported from the packages themselves: a dynamic import of a whole package keeps every command
 * in the bundle, a named re-export only the client.
 */
export { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
export { SecurityHubClient } from '@aws-sdk/client-securityhub';
export { SSMClient } from '@aws-sdk/client-ssm';

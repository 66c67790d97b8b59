/**
 * The IAM actions publishing needs, beside the code that calls them (as the collectors declare theirs), for
 * the README and the CDK stack. Each group says what resource it applies to.
 */

/** On `arn:<partition>:s3:::<bucket>/<prefix>/*`: the run's objects and `latest.json`. */
export const S3_OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject'] as const;

/**
 * On the bucket itself (best with an `s3:prefix` condition): without ListBucket S3 answers a missing
 * `latest.json` with AccessDenied instead of NoSuchKey, and the first run could never tell "no previous
 * report" from "not allowed", so it would never become the baseline.
 */
export const S3_BUCKET_ACTIONS = ['s3:ListBucket'] as const;

/** On the topic ARN. */
export const SNS_ACTIONS = ['sns:Publish'] as const;

/**
 * On the report key (SSE-KMS: PutObject generates a data key, GetObject of `latest.json` decrypts) and on
 * the topic's key when the topic is encrypted with a customer managed key.
 */
export const KMS_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'] as const;

/** On the webhook secret or SecureString parameter (plus kms:Decrypt on its key if customer managed). */
export const SECRETS_MANAGER_ACTIONS = ['secretsmanager:GetSecretValue'] as const;
export const SSM_ACTIONS = ['ssm:GetParameter'] as const;

/** On `arn:<partition>:securityhub:<region>:<account>:product/<account>/default`; only with the export on. */
export const SECURITY_HUB_ACTIONS = ['securityhub:BatchImportFindings'] as const;

/** Every action publishing may call, sorted, once each. */
export const PUBLISH_ACTIONS: readonly string[] = [
  ...new Set<string>([
    ...S3_OBJECT_ACTIONS,
    ...S3_BUCKET_ACTIONS,
    ...SNS_ACTIONS,
    ...KMS_ACTIONS,
    ...SECRETS_MANAGER_ACTIONS,
    ...SSM_ACTIONS,
    ...SECURITY_HUB_ACTIONS,
  ]),
].sort();

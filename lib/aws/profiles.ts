import { loadSharedConfigFiles } from '@smithy/core/config';

/**
 * Why a named profile gave no credentials. The SDK says "Could not load credentials from any providers" both
 * for a profile that is not in the shared config files and for one that has no usable credentials; this tells
 * them apart, reading the files the SDK reads (`~/.aws/config` and `~/.aws/credentials`, or `AWS_CONFIG_FILE`
 * and `AWS_SHARED_CREDENTIALS_FILE`) with the SDK's own parser.
 */
export async function describeProfileProblem(profile: string): Promise<string> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  // Sections of other kinds come prefixed ("sso-session.corp", "services.local"); profiles do not.
  const names = [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)])]
    .filter((name) => !/^(sso-session|services)\./.test(name))
    .sort();
  if (!names.includes(profile)) {
    const known = names.length === 0 ? 'they define no profile' : `profiles there: ${names.join(', ')}`;
    return (
      `Profile "${profile}" is not in the AWS shared config files (~/.aws/config, ~/.aws/credentials, or ` +
      `AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE); ${known}. Create it ("aws configure --profile ` +
      `${profile}" or "aws configure sso"), or name another one.`
    );
  }
  return (
    `Profile "${profile}" gave no credentials: sign in again if it uses SSO ("aws sso login --profile ` +
    `${profile}"), or check its keys, role_arn and source_profile.`
  );
}

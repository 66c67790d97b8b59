// Tests must never reach real AWS: dummy credentials, a fixed region, no instance metadata.
process.env.AWS_ACCESS_KEY_ID = 'AKIATESTTESTTESTTEST';
process.env.AWS_SECRET_ACCESS_KEY = 'test-secret-key';
process.env.AWS_REGION = 'eu-west-1';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.POWERTOOLS_TRACE_ENABLED = 'false';
process.env.POWERTOOLS_DEV = 'false';
delete process.env.AWS_PROFILE;
delete process.env.AWS_ENDPOINT_URL;

// Tests must never reach real AWS: dummy credentials, a fixed region, no instance metadata.
process.env.AWS_ACCESS_KEY_ID = 'AKIATESTTESTTESTTEST';
process.env.AWS_SECRET_ACCESS_KEY = 'test-secret-key';
process.env.AWS_REGION = 'eu-west-1';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.POWERTOOLS_TRACE_ENABLED = 'false';
process.env.POWERTOOLS_DEV = 'false';
delete process.env.AWS_PROFILE;
delete process.env.AWS_ENDPOINT_URL;

// The SDK warns once per process that releases after early 2027 need node 22: true, but printed by every test
// worker and child it is half of the test output. Silenced for the test run only (children inherit it); the
// product still prints what the SDK says.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

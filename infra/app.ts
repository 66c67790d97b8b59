import { App } from 'aws-cdk-lib';

// The deployable stack (function, schedule, bucket, topic, alarms) is added by the infrastructure work;
// until then `cdk synth` produces an empty cloud assembly.
const app = new App();
app.synth();

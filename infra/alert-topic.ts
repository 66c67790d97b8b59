import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { SlackChannelConfiguration } from 'aws-cdk-lib/aws-chatbot';
import { Effect, ManagedPolicy, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/**
 * The alert topic: encrypted with a customer managed key (the AWS managed aws/sns key cannot let CloudWatch
 * alarms publish), TLS only, open to this stack's alarms, with optional email subscriptions and an optional
 * AWS Chatbot Slack channel.
 */
export interface AlertTopicProps {
  emails: readonly string[];
  /** Alarm names start with this; only those alarms may publish. */
  alarmNamePrefix: string;
  chatbot?: { workspaceId: string; channelId: string };
}

export class AlertTopic extends Construct {
  readonly key: Key;
  readonly topic: Topic;
  readonly chatbot?: SlackChannelConfiguration;
  /** Caps what the Chatbot channel can do: nothing but receive notifications. */
  readonly chatbotGuardrail?: ManagedPolicy;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Encrypts the lambda-vpc-auditor alert topic',
      enableKeyRotation: true,
      // Only the topic uses it; the reports are SSE-S3, so nothing kept needs the key after the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch alarms publish through SNS, which asks KMS on the alarm service's behalf (AWS re:Post
    // "cloudwatch-configure-alarm-sns"); the topic policy below decides which alarms may publish at all.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.topic = new Topic(this, 'Topic', {
      displayName: 'Lambda VPC audit',
      masterKey: this.key,
      enforceSSL: true,
    });
    // A topic policy replaces SNS's default one, which let the account's services (and so its alarms) publish.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowThisStacksAlarms',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        // The alarm ARN names this account and region, so no other account's alarm matches (AWS re:Post
        // "cloudwatch-receive-sns-for-alarm-trigger" scopes it with aws:SourceArn the same way).
        conditions: {
          ArnLike: {
            'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${props.alarmNamePrefix}*`,
          },
        },
      }),
    );
    for (const email of props.emails) this.topic.addSubscription(new EmailSubscription(email));

    if (props.chatbot) {
      this.chatbotGuardrail = new ManagedPolicy(this, 'ChatbotGuardrail', {
        description:
          'Notifications only: channel members cannot run AWS commands through the auditor channel',
        statements: [new PolicyStatement({ effect: Effect.DENY, actions: ['*'], resources: ['*'] })],
      });
      this.chatbot = new SlackChannelConfiguration(this, 'Slack', {
        slackChannelConfigurationName: `${props.alarmNamePrefix}slack`.slice(0, 128),
        slackWorkspaceId: props.chatbot.workspaceId,
        slackChannelId: props.chatbot.channelId,
        notificationTopics: [this.topic],
        guardrailPolicies: [this.chatbotGuardrail],
      });
    }
  }
}

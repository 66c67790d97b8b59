import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { PublishError } from '../errors.js';
import type { SnsAlert } from '../report/render/alert/sns-message.js';
import { describeError } from './describe-error.js';

/** Publishes the run's one alert; returns SNS's message id. */
export async function publishAlert(sns: SNSClient, topicArn: string, alert: SnsAlert): Promise<string> {
  try {
    const response = await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: alert.subject,
        Message: alert.message,
        MessageStructure: 'json',
      }),
    );
    return response.MessageId ?? '';
  } catch (error) {
    throw new PublishError(`Cannot publish to ${topicArn}: ${describeError(error)}`, { cause: error });
  }
}

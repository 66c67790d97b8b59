import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Function as LambdaFn } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from './environment.js';

/**
 * Alarms to the alert topic. The audit's own metrics are the EMF metrics the handler emits through Powertools
 * (lib/lambda/metrics.ts), dimension `service`; a test checks the handler still emits these names.
 */
export const AUDIT_METRICS = {
  incomplete: 'IncompleteRuns',
  orphanedEnis: 'OrphanedEnis',
} as const;

export interface AuditAlarmsProps {
  fn: LambdaFn;
  deadLetterQueue: IQueue;
  topic: ITopic;
  /** Every alarm name starts with it (the topic lets only these alarms publish). */
  namePrefix: string;
}

const HOUR = Duration.hours(1);

export class AuditAlarms extends Construct {
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: AuditAlarmsProps) {
    super(scope, id);
    const auditMetric = (metricName: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: SERVICE_NAME },
        statistic: 'Maximum',
        period: HOUR,
      });
    const atLeastOne = {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    };

    this.alarms = [
      new Alarm(this, 'Errors', {
        alarmName: `${props.namePrefix}function-errors`,
        alarmDescription: 'The audit function failed (an error or a timeout): no report for that run.',
        metric: props.fn.metricErrors({ period: HOUR, statistic: 'Sum' }),
        ...atLeastOne,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, 'FailedRuns', {
        alarmName: `${props.namePrefix}failed-runs`,
        alarmDescription:
          'A scheduled run failed every attempt; its event waits in the failed-runs queue (14 days).',
        metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: HOUR,
          statistic: 'Maximum',
        }),
        ...atLeastOne,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      // The audit metrics come once a run: without data the alarm keeps its state, so it says "incomplete" (or
      // "orphans") until a run says otherwise, and notifies once per episode rather than every night.
      new Alarm(this, 'Incomplete', {
        alarmName: `${props.namePrefix}incomplete-audit`,
        alarmDescription:
          'The last audit reported itself incomplete (time budget or collection failures): some resources were not checked.',
        metric: auditMetric(AUDIT_METRICS.incomplete),
        ...atLeastOne,
        treatMissingData: TreatMissingData.IGNORE,
      }),
      new Alarm(this, 'OrphanedEnis', {
        alarmName: `${props.namePrefix}orphaned-enis`,
        alarmDescription:
          'The last audit found orphaned Lambda ENIs (they block subnet and security group deletion).',
        metric: auditMetric(AUDIT_METRICS.orphanedEnis),
        ...atLeastOne,
        treatMissingData: TreatMissingData.IGNORE,
      }),
    ];
    const action = new SnsAction(props.topic);
    for (const alarm of this.alarms) alarm.addAlarmAction(action);
  }
}

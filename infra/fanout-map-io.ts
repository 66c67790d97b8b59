import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ResultWriterV2,
  type ResultWriterV2Props,
  type S3FileItemReaderProps,
  S3JsonItemReader,
} from 'aws-cdk-lib/aws-stepfunctions';

/**
 * Where the fan-out's Distributed Map reads its items and writes its results, each granting the state machine
 * only the objects it needs: CDK's own grants cover every object of the bucket.
 */

/**
 * The Distributed Map's item reader, granting the state machine GetObject on the runs' targets objects only
 * (`<prefix>/rollup/runs/<run-id>/targets.json`): CDK's own grant is every object of the bucket, since the key
 * is a JSONPath. Step Functions' guidance: scope the policy to the keys the path resolves to at run time.
 */
export class TargetsItemReader extends S3JsonItemReader {
  private readonly objects: string;

  constructor(props: S3FileItemReaderProps & { objects: string }) {
    const { objects, ...reader } = props;
    super(reader);
    this.objects = objects;
  }

  override providePolicyStatements(): PolicyStatement[] {
    return [new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.objects] })];
  }
}

/**
 * The Distributed Map's result writer, granting the state machine CDK's actions (PutObject, GetObject and the
 * multipart ones) under its results prefix only (`<prefix>/rollup/map-results/*`), not on every object of the
 * bucket: the per-target reports and baselines beside them stay out of the state machine's reach.
 */
export class MapResultsWriter extends ResultWriterV2 {
  private readonly objects: string;

  constructor(props: ResultWriterV2Props & { objects: string }) {
    const { objects, ...writer } = props;
    super(writer);
    this.objects = objects;
  }

  override providePolicyStatements(): PolicyStatement[] {
    return [
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
        resources: [this.objects],
      }),
    ];
  }
}

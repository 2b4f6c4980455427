/**
 * Static rules of an `alarm:` block, as CloudWatch PutMetricAlarm enforces them, so a bad
 * alarm is refused at validate instead of failing half-way through a deploy.
 */
import { at, type IssueCollector } from './issues.ts';
import type { ParsedAlarm } from './schema.ts';

/** SageMaker instance metrics: published in `/aws/sagemaker/Endpoints`, summed over cores. */
const INSTANCE_METRICS = new Set([
  'CPUUtilization',
  'MemoryUtilization',
  'GPUUtilization',
  'GPUMemoryUtilization',
  'DiskUtilization',
]);

/** SageMaker invocation metrics: published in `AWS/SageMaker`. */
const INVOCATION_METRICS = new Set([
  'Invocations',
  'InvocationsPerInstance',
  'InvocationsPerCopy',
  'Invocation4XXErrors',
  'Invocation5XXErrors',
  'InvocationModelErrors',
  'ModelLatency',
  'OverheadLatency',
  'ModelSetupTime',
  'ConcurrentRequestsPerModel',
  'ConcurrentRequestsPerCopy',
]);

const INVOCATION_NAMESPACE = 'AWS/SageMaker';
const INSTANCE_NAMESPACE = '/aws/sagemaker/Endpoints';

/** CloudWatch statistics, or a percentile p0..p100 with up to two decimals (p99, p99.9). */
const STATISTIC = /^(SampleCount|Average|Sum|Minimum|Maximum|p(\d{1,2}(\.\d{1,2})?|100(\.0{1,2})?))$/;

const ONE_DAY = 86_400;
const SEVEN_DAYS = 604_800;
const ONE_HOUR = 3_600;

/** What PutMetricAlarm checks of an alarm's evaluation: its period and datapoints. */
export interface EvaluationFields {
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm?: number | undefined;
}

/** PutMetricAlarm: Period is 10, 20, 30 or a multiple of 60 seconds. */
function checkPeriod(alarm: EvaluationFields, path: string, issues: IssueCollector): void {
  const { period } = alarm;
  if (!(period === 10 || period === 20 || period === 30 || (period > 0 && period % 60 === 0))) {
    issues.error(at(path, 'period'), `must be 10, 20, 30 or a multiple of 60 seconds (found ${period})`);
  }
}

/**
 * PutMetricAlarm: EvaluationPeriods >= 1; DatapointsToAlarm between 1 and EvaluationPeriods;
 * Period × EvaluationPeriods at most one day when the period is under an hour, seven days
 * otherwise.
 */
function checkEvaluation(alarm: EvaluationFields, path: string, issues: IssueCollector): void {
  const { period, evaluationPeriods } = alarm;
  const datapoints = alarm.datapointsToAlarm ?? evaluationPeriods;
  if (evaluationPeriods < 1) {
    issues.error(at(path, 'evaluationPeriods'), `must be at least 1 (found ${evaluationPeriods})`);
    return;
  }
  if (datapoints < 1 || datapoints > evaluationPeriods) {
    issues.error(
      at(path, 'datapointsToAlarm'),
      `must be between 1 and evaluationPeriods ${evaluationPeriods} (found ${datapoints})`,
    );
  }
  const limit = period < ONE_HOUR ? ONE_DAY : SEVEN_DAYS;
  const total = period * evaluationPeriods;
  if (period > 0 && total > limit) {
    const why = period < ONE_HOUR ? 'one day, for a period under an hour' : 'seven days';
    issues.error(
      at(path, 'evaluationPeriods'),
      `period × evaluationPeriods must be at most ${limit} s (${why}) (found ${period} × ${evaluationPeriods} = ${total})`,
    );
  }
}

/** Every PutMetricAlarm rule of an alarm's period and datapoints, at `path`. */
export function checkAlarmEvaluation(alarm: EvaluationFields, path: string, issues: IssueCollector): void {
  checkPeriod(alarm, path, issues);
  checkEvaluation(alarm, path, issues);
}

/**
 * Why a SageMaker metric would never get data in `namespace`, or undefined. CloudWatch accepts any
 * namespace, but SageMaker publishes its instance metrics (CPU, memory, GPU, disk) only in
 * `/aws/sagemaker/Endpoints` and its invocation metrics only in `AWS/SageMaker`
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html). On the variant's
 * own dimensions (EndpointName, VariantName) the metric can only be SageMaker's, so any other
 * namespace is wrong; with dimensions of the user's own, only SageMaker's other namespace is.
 */
export function namespaceProblem(
  metricName: string,
  namespace: string,
  variantDimensions: boolean,
): string | undefined {
  const elsewhere = variantDimensions || namespace === INVOCATION_NAMESPACE;
  if (INSTANCE_METRICS.has(metricName) && namespace !== INSTANCE_NAMESPACE && elsewhere) {
    return `${metricName} is an instance metric, published in ${INSTANCE_NAMESPACE}, not ${namespace}: the alarm would never get data`;
  }
  if (INVOCATION_METRICS.has(metricName) && namespace === INSTANCE_NAMESPACE) {
    return `${metricName} is an invocation metric, published in ${INVOCATION_NAMESPACE}, not ${namespace}: the alarm would never get data`;
  }
  return undefined;
}

/** A metric in the wrong SageMaker namespace is legal for CloudWatch but never gets data: an error. */
function checkNamespace(alarm: ParsedAlarm, path: string, issues: IssueCollector): void {
  // An `alarm:` block always watches the variant's own EndpointName and VariantName.
  const problem = namespaceProblem(alarm.metricName, alarm.namespace, true);
  if (problem !== undefined) issues.error(at(path, 'namespace'), problem);
}

/** Every static rule of one `alarm:` block at `path`. */
export function checkAlarm(alarm: ParsedAlarm, path: string, issues: IssueCollector): void {
  if (!STATISTIC.test(alarm.statistic)) {
    issues.error(
      at(path, 'statistic'),
      `expected one of SampleCount, Average, Sum, Minimum, Maximum or a percentile such as p99 or p99.9 (found '${alarm.statistic}')`,
    );
  }
  checkAlarmEvaluation(alarm, path, issues);
  checkNamespace(alarm, path, issues);
}

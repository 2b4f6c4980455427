/**
 * The shape of scaling.yml, level by level. Each level keeps the lists below it as `unknown[]`
 * so that validation can parse every target, policy and scheduled action on its own and report
 * the problems of all of them at once, instead of one broken step hiding every other error.
 *
 * Schemas check types and fill AAS defaults only; value rules (ranges, intervals, coherence)
 * live in the `*-rules.ts` modules, where they can say which AWS rule they implement.
 * Objects are strict: an unknown field is an error, never silently dropped.
 *
 * `zod/mini`, not classic zod: the functions validate this document again at every cold start,
 * and mini's functional schemas bundle to a quarter of the size and build about three times
 * faster (bench/bundle.bench.ts).
 */
import * as z from 'zod/mini';
import { parseInstant } from './instant.ts';
import { expectedFound } from './issues.ts';

/**
 * AAS and CloudWatch take whole numbers for capacities, seconds and counts. The own message:
 * zod would say "expected a number" for a string, though only an integer will do.
 */
const integer = z.int({ error: (issue) => expectedFound('an integer', issue.input) });

/** The document: only `targets`, each target parsed on its own. */
export const rootSchema = z.strictObject({
  targets: z.array(z.unknown()),
});

/** A scalable target, without its policies and scheduled actions (parsed one by one). */
export const targetSchema = z.strictObject({
  endpointName: z.string(),
  variantName: z.string(),
  minCapacity: integer,
  maxCapacity: integer,
  mode: z._default(z.enum(['active', 'shadow']), 'active'),
  // prefault: an absent block is parsed as {}, so each flag gets its own AAS default (false).
  suspendedState: z.prefault(
    z.strictObject({
      dynamicScalingInSuspended: z._default(z.boolean(), false),
      dynamicScalingOutSuspended: z._default(z.boolean(), false),
      scheduledScalingSuspended: z._default(z.boolean(), false),
    }),
    {},
  ),
  stepPolicies: z._default(z.array(z.unknown()), []),
  targetTrackingPolicies: z._default(z.array(z.unknown()), []),
  predictivePolicies: z._default(z.array(z.unknown()), []),
  scheduledActions: z._default(z.array(z.unknown()), []),
});

/** A bound is an offset from the threshold; null (an empty YAML value) means "no bound", as in the AAS API. */
const bound = z.pipe(
  z.nullish(
    z.number({
      error: (issue) =>
        typeof issue.input === 'number' && !Number.isNaN(issue.input)
          ? expectedFound('a finite number (leave the bound out for infinity)', issue.input)
          : expectedFound('a number', issue.input),
    }),
  ),
  z.transform((value: number | null | undefined) => value ?? undefined),
);

const stepAdjustmentSchema = z.strictObject({
  metricIntervalLowerBound: bound,
  metricIntervalUpperBound: bound,
  // Any number here; step-rules checks it is an integer so that 0.2 gets its own hint.
  scalingAdjustment: z.number(),
});

/** The CloudWatch alarm the scaler creates at deploy; dimensions EndpointName/VariantName are implied. */
export const alarmSchema = z.strictObject({
  // CloudWatch PutMetricAlarm: MetricName and Namespace are 1..255 characters.
  metricName: z.string().check(z.minLength(1), z.maxLength(255)),
  namespace: z._default(z.string().check(z.minLength(1), z.maxLength(255)), 'AWS/SageMaker'),
  statistic: z.string(),
  period: integer,
  evaluationPeriods: integer,
  /** Defaults to evaluationPeriods (an "N out of N" alarm), as CloudWatch does. */
  datapointsToAlarm: z.optional(integer),
  threshold: z.number(),
  comparisonOperator: z.enum([
    'GreaterThanOrEqualToThreshold',
    'GreaterThanThreshold',
    'LessThanThreshold',
    'LessThanOrEqualToThreshold',
  ]),
  treatMissingData: z._default(z.enum(['breaching', 'notBreaching', 'ignore', 'missing']), 'missing'),
});

/** A step scaling policy with AAS defaults: cooldown 300 s, metricAggregationType Average. */
export const stepPolicySchema = z.strictObject({
  // AAS PutScalingPolicy: PolicyName is 1..256 characters; CloudWatch AlarmName 1..255.
  policyName: z.string().check(z.minLength(1), z.maxLength(256)),
  alarmName: z.string().check(z.minLength(1), z.maxLength(255)),
  alarm: z.optional(alarmSchema),
  adjustmentType: z.enum(['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity']),
  metricAggregationType: z._default(z.enum(['Average', 'Minimum', 'Maximum']), 'Average'),
  cooldown: z._default(integer, 300),
  minAdjustmentMagnitude: z.optional(integer),
  stepAdjustments: z.array(stepAdjustmentSchema),
});

/** A CloudWatch dimension, as AAS writes it in a customized metric. */
const dimensionSchema = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(255)),
  value: z.string().check(z.minLength(1), z.maxLength(1024)),
});

/** AAS `MetricStatistic`: the statistics a customized target tracking metric may use. */
const metricStatisticSchema = z.enum(['Average', 'Minimum', 'Maximum', 'SampleCount', 'Sum']);

/** One query of a metric-math customized metric (AAS `TargetTrackingMetricDataQuery`). */
const metricMathQuerySchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(255)),
  expression: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  label: z.optional(z.string()),
  metricStat: z.optional(
    z.strictObject({
      metric: z.strictObject({
        metricName: z.string().check(z.minLength(1), z.maxLength(255)),
        namespace: z.string().check(z.minLength(1), z.maxLength(255)),
        dimensions: z.optional(z.array(dimensionSchema)),
      }),
      stat: z.string().check(z.minLength(1)),
      unit: z.optional(z.string()),
    }),
  ),
  returnData: z.optional(z.boolean()),
});

/** Our overrides of a tracking alarm's evaluation (what `scaler import` copies from native alarms). */
const trackingAlarmSchema = z.strictObject({
  period: z.optional(integer),
  evaluationPeriods: z.optional(integer),
  datapointsToAlarm: z.optional(integer),
});

/** A target tracking policy with AAS defaults: cooldowns 300 s each way, scale-in enabled. */
export const targetTrackingPolicySchema = z.strictObject({
  policyName: z.string().check(z.minLength(1), z.maxLength(256)),
  targetValue: z.number(),
  predefinedMetricSpecification: z.optional(
    z.strictObject({ predefinedMetricType: z.string().check(z.minLength(1)) }),
  ),
  customizedMetricSpecification: z.optional(
    z.strictObject({
      metricName: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
      namespace: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
      dimensions: z.optional(z.array(dimensionSchema)),
      statistic: z.optional(metricStatisticSchema),
      unit: z.optional(z.string()),
      metrics: z.optional(z.array(metricMathQuerySchema)),
    }),
  ),
  scaleOutCooldown: z._default(integer, 300),
  scaleInCooldown: z._default(integer, 300),
  disableScaleIn: z._default(z.boolean(), false),
  highAlarm: z.optional(trackingAlarmSchema),
  lowAlarm: z.optional(trackingAlarmSchema),
});

/** A predictive scaling policy with the defaults of EC2 Auto Scaling's predictive scaling. */
export const predictivePolicySchema = z.strictObject({
  policyName: z.string().check(z.minLength(1), z.maxLength(256)),
  targetValue: z.number(),
  predefinedLoadMetricSpecification: z.optional(
    z.strictObject({ predefinedMetricType: z.string().check(z.minLength(1)) }),
  ),
  customizedLoadMetricSpecification: z.optional(
    z.strictObject({
      metricName: z.string().check(z.minLength(1), z.maxLength(255)),
      namespace: z.string().check(z.minLength(1), z.maxLength(255)),
      statistic: z.enum(['Sum', 'SampleCount']),
      dimensions: z.optional(z.array(dimensionSchema)),
    }),
  ),
  mode: z._default(z.enum(['ForecastOnly', 'ForecastAndScale']), 'ForecastOnly'),
  schedulingBufferTime: z._default(integer, 300),
  maxCapacityBreachBehavior: z._default(
    z.enum(['HonorMaxCapacity', 'IncreaseMaxCapacity']),
    'HonorMaxCapacity',
  ),
  maxCapacityBuffer: z.optional(integer),
});

/** An instant: an ISO-8601 string with its zone, or a YAML timestamp; becomes epoch ms. */
const instant = z.transform((value: unknown, ctx) => {
  const parsed = parseInstant(value);
  if (typeof parsed === 'number') return parsed;
  ctx.issues.push({ code: 'custom', message: parsed, input: value });
  return z.NEVER;
});

/** A scheduled action with the AAS default time zone, UTC. */
export const scheduledActionSchema = z.strictObject({
  // AAS PutScheduledAction: ScheduledActionName is 1..256 characters.
  scheduledActionName: z.string().check(z.minLength(1), z.maxLength(256)),
  schedule: z.string(),
  timezone: z._default(z.string(), 'UTC'),
  startTime: z.optional(instant),
  endTime: z.optional(instant),
  scalableTargetAction: z.strictObject({
    minCapacity: z.optional(integer),
    maxCapacity: z.optional(integer),
  }),
});

export type ParsedTarget = z.output<typeof targetSchema>;
export type ParsedStepPolicy = z.output<typeof stepPolicySchema>;
export type ParsedAlarm = z.output<typeof alarmSchema>;
export type ParsedScheduledAction = z.output<typeof scheduledActionSchema>;
export type ParsedTargetTrackingPolicy = z.output<typeof targetTrackingPolicySchema>;
export type ParsedPredictivePolicy = z.output<typeof predictivePolicySchema>;

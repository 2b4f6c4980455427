/**
 * The shape of scaling.yml, level by level. Each level keeps the lists below it as `unknown[]`
 * so that validation can parse every target, policy and scheduled action on its own and report
 * the problems of all of them at once, instead of one broken step hiding every other error.
 *
 * Schemas check types and fill AAS defaults only; value rules (ranges, intervals, coherence)
 * live in the `*-rules.ts` modules, where they can say which AWS rule they implement.
 * Objects are strict: an unknown field is an error, never silently dropped.
 */
import * as z from 'zod';
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
  mode: z.enum(['active', 'shadow']).default('active'),
  // prefault: an absent block is parsed as {}, so each flag gets its own AAS default (false).
  suspendedState: z
    .strictObject({
      dynamicScalingInSuspended: z.boolean().default(false),
      dynamicScalingOutSuspended: z.boolean().default(false),
      scheduledScalingSuspended: z.boolean().default(false),
    })
    .prefault({}),
  stepPolicies: z.array(z.unknown()).default([]),
  scheduledActions: z.array(z.unknown()).default([]),
});

/** A bound is an offset from the threshold; null (an empty YAML value) means "no bound", as in the AAS API. */
const bound = z
  .number({
    error: (issue) =>
      typeof issue.input === 'number' && !Number.isNaN(issue.input)
        ? expectedFound('a finite number (leave the bound out for infinity)', issue.input)
        : expectedFound('a number', issue.input),
  })
  .nullish()
  .transform((value) => value ?? undefined);

const stepAdjustmentSchema = z.strictObject({
  metricIntervalLowerBound: bound,
  metricIntervalUpperBound: bound,
  // Any number here; step-rules checks it is an integer so that 0.2 gets its own hint.
  scalingAdjustment: z.number(),
});

/** The CloudWatch alarm the scaler creates at deploy; dimensions EndpointName/VariantName are implied. */
export const alarmSchema = z.strictObject({
  // CloudWatch PutMetricAlarm: MetricName and Namespace are 1..255 characters.
  metricName: z.string().min(1).max(255),
  namespace: z.string().min(1).max(255).default('AWS/SageMaker'),
  statistic: z.string(),
  period: integer,
  evaluationPeriods: integer,
  /** Defaults to evaluationPeriods (an "N out of N" alarm), as CloudWatch does. */
  datapointsToAlarm: integer.optional(),
  threshold: z.number(),
  comparisonOperator: z.enum([
    'GreaterThanOrEqualToThreshold',
    'GreaterThanThreshold',
    'LessThanThreshold',
    'LessThanOrEqualToThreshold',
  ]),
  treatMissingData: z.enum(['breaching', 'notBreaching', 'ignore', 'missing']).default('missing'),
});

/** A step scaling policy with AAS defaults: cooldown 300 s, metricAggregationType Average. */
export const stepPolicySchema = z.strictObject({
  // AAS PutScalingPolicy: PolicyName is 1..256 characters; CloudWatch AlarmName 1..255.
  policyName: z.string().min(1).max(256),
  alarmName: z.string().min(1).max(255),
  alarm: alarmSchema.optional(),
  adjustmentType: z.enum(['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity']),
  metricAggregationType: z.enum(['Average', 'Minimum', 'Maximum']).default('Average'),
  cooldown: integer.default(300),
  minAdjustmentMagnitude: integer.optional(),
  stepAdjustments: z.array(stepAdjustmentSchema),
});

/** An instant: an ISO-8601 string with its zone, or a YAML timestamp; becomes epoch ms. */
const instant = z.unknown().transform((value, ctx) => {
  const parsed = parseInstant(value);
  if (typeof parsed === 'number') return parsed;
  ctx.issues.push({ code: 'custom', message: parsed, input: value });
  return z.NEVER;
});

/** A scheduled action with the AAS default time zone, UTC. */
export const scheduledActionSchema = z.strictObject({
  // AAS PutScheduledAction: ScheduledActionName is 1..256 characters.
  scheduledActionName: z.string().min(1).max(256),
  schedule: z.string(),
  timezone: z.string().default('UTC'),
  startTime: instant.optional(),
  endTime: instant.optional(),
  scalableTargetAction: z.strictObject({
    minCapacity: integer.optional(),
    maxCapacity: integer.optional(),
  }),
});

export type ParsedTarget = z.output<typeof targetSchema>;
export type ParsedStepPolicy = z.output<typeof stepPolicySchema>;
export type ParsedAlarm = z.output<typeof alarmSchema>;
export type ParsedScheduledAction = z.output<typeof scheduledActionSchema>;

/**
 * The policy families the tuner searches, each a parameter space and the scaling.yml policies a
 * point of it stands for: target tracking (target value, cooldowns), step policies (thresholds,
 * steps, datapoints, cooldowns), target tracking with a step policy for bursts, and predictive
 * scaling (a ForecastAndScale floor) alone, with a step policy to scale in above the floor, or
 * with target tracking. Loads are
 * InvocationsPerInstance per minute, expressed against the capacity one instance serves, so the
 * spaces fit any `--capacity-per-instance`.
 */
import type { TargetConfig } from '../domain/model.ts';
import { forecastFloor, scaleInPolicy, scaleOutPolicy, TUNED, tracking } from './policy-builders.ts';
import type { Dimension, Parameters } from './space.ts';

export { TUNED } from './policy-builders.ts';

/** The families, by name. */
export type FamilyName =
  | 'target-tracking'
  | 'step'
  | 'target-tracking+step'
  | 'predictive'
  | 'target-tracking+predictive';

/** The policies of one candidate, to lay over the user's target. */
export type CandidatePolicies = Pick<
  TargetConfig,
  'stepPolicies' | 'targetTrackingPolicies' | 'predictivePolicies'
>;

export interface Family {
  name: FamilyName;
  /** What it is, for the report. */
  description: string;
  dimensions: Dimension[];
  policies(parameters: Parameters, target: TargetConfig): CandidatePolicies;
  /** Where each parameter lands in the target's scaling.yml (for the tuned file's comments). */
  places: readonly Place[];
}

/** A parameter's value in the written policies: the path under the target, and the parameter. */
export interface Place {
  path: readonly (string | number)[];
  parameter: string;
}

/** The families for a fleet whose instances serve `capacity` requests a minute. */
export function families(capacity: number): Family[] {
  const step = Math.max(1, Math.round(capacity / 100));
  const load = (name: string, from: number, to: number): Dimension => ({
    name,
    kind: 'range',
    min: Math.round(from * capacity),
    max: Math.round(to * capacity),
    step,
  });
  return [
    {
      name: 'target-tracking',
      description: 'target tracking on InvocationsPerInstance: target value and cooldowns',
      dimensions: [
        load('targetValue', 0.3, 0.98),
        { name: 'scaleOutCooldown', kind: 'choice', values: [0, 60, 120, 300] },
        { name: 'scaleInCooldown', kind: 'choice', values: [120, 300, 600, 900] },
      ],
      policies: (p) => ({
        stepPolicies: [],
        targetTrackingPolicies: [
          tracking(p.targetValue as number, p.scaleOutCooldown as number, p.scaleInCooldown as number),
        ],
        predictivePolicies: [],
      }),
      places: [
        { path: ['targetTrackingPolicies', 0, 'targetValue'], parameter: 'targetValue' },
        { path: ['targetTrackingPolicies', 0, 'scaleOutCooldown'], parameter: 'scaleOutCooldown' },
        { path: ['targetTrackingPolicies', 0, 'scaleInCooldown'], parameter: 'scaleInCooldown' },
      ],
    },
    {
      name: 'step',
      description: 'a scale-out and a scale-in step policy on InvocationsPerInstance alarms',
      dimensions: [
        load('outThreshold', 0.4, 0.98),
        { name: 'outPeriods', kind: 'choice', values: [1, 2, 3] },
        { name: 'outSmall', kind: 'choice', values: [1, 2] },
        { name: 'outBig', kind: 'choice', values: [2, 3, 4, 6] },
        load('outBigFrom', 0.05, 0.6),
        { name: 'outCooldown', kind: 'choice', values: [60, 120, 300] },
        { name: 'inRatio', kind: 'range', min: 0.3, max: 0.85, step: 0.01 },
        { name: 'inPeriods', kind: 'choice', values: [5, 10, 15] },
        { name: 'inStep', kind: 'choice', values: [-1, -2] },
        { name: 'inCooldown', kind: 'choice', values: [120, 300, 600] },
      ],
      policies: (p, target) => {
        const outThreshold = p.outThreshold as number;
        return {
          stepPolicies: [
            scaleOutPolicy(target, TUNED.scaleOut, {
              threshold: outThreshold,
              periods: p.outPeriods as number,
              small: p.outSmall as number,
              big: Math.max(p.outBig as number, p.outSmall as number),
              bigFrom: p.outBigFrom as number,
              cooldown: p.outCooldown as number,
            }),
            scaleInPolicy(target, {
              threshold: Math.round((p.inRatio as number) * outThreshold),
              periods: p.inPeriods as number,
              step: p.inStep as number,
              cooldown: p.inCooldown as number,
            }),
          ],
          targetTrackingPolicies: [],
          predictivePolicies: [],
        };
      },
      places: [
        { path: ['stepPolicies', 0, 'alarm', 'threshold'], parameter: 'outThreshold' },
        { path: ['stepPolicies', 0, 'alarm', 'evaluationPeriods'], parameter: 'outPeriods' },
        { path: ['stepPolicies', 0, 'cooldown'], parameter: 'outCooldown' },
        {
          path: ['stepPolicies', 0, 'stepAdjustments', 0, 'metricIntervalUpperBound'],
          parameter: 'outBigFrom',
        },
        { path: ['stepPolicies', 0, 'stepAdjustments', 0, 'scalingAdjustment'], parameter: 'outSmall' },
        { path: ['stepPolicies', 0, 'stepAdjustments', 1, 'scalingAdjustment'], parameter: 'outBig' },
        { path: ['stepPolicies', 1, 'alarm', 'threshold'], parameter: 'inRatio' },
        { path: ['stepPolicies', 1, 'alarm', 'evaluationPeriods'], parameter: 'inPeriods' },
        { path: ['stepPolicies', 1, 'cooldown'], parameter: 'inCooldown' },
        { path: ['stepPolicies', 1, 'stepAdjustments', 0, 'scalingAdjustment'], parameter: 'inStep' },
      ],
    },
    {
      name: 'target-tracking+step',
      description:
        'target tracking, with a step policy adding instances at once in a burst well above the target',
      dimensions: [
        load('targetValue', 0.3, 0.98),
        { name: 'scaleInCooldown', kind: 'choice', values: [120, 300, 600, 900] },
        { name: 'burstRatio', kind: 'range', min: 1.1, max: 1.8, step: 0.05 },
        { name: 'burstPeriods', kind: 'choice', values: [1, 2] },
        { name: 'burstStep', kind: 'choice', values: [2, 3, 4, 6] },
      ],
      policies: (p, target) => {
        const targetValue = p.targetValue as number;
        return {
          stepPolicies: [
            scaleOutPolicy(target, TUNED.burst, {
              threshold: Math.round((p.burstRatio as number) * targetValue),
              periods: p.burstPeriods as number,
              small: p.burstStep as number,
              big: p.burstStep as number,
              bigFrom: targetValue,
              cooldown: 300,
            }),
          ],
          targetTrackingPolicies: [tracking(targetValue, 300, p.scaleInCooldown as number)],
          predictivePolicies: [],
        };
      },
      places: [
        { path: ['stepPolicies', 0, 'alarm', 'threshold'], parameter: 'burstRatio' },
        { path: ['stepPolicies', 0, 'alarm', 'evaluationPeriods'], parameter: 'burstPeriods' },
        { path: ['stepPolicies', 0, 'stepAdjustments', 0, 'scalingAdjustment'], parameter: 'burstStep' },
        { path: ['targetTrackingPolicies', 0, 'targetValue'], parameter: 'targetValue' },
        { path: ['targetTrackingPolicies', 0, 'scaleInCooldown'], parameter: 'scaleInCooldown' },
      ],
    },
    {
      name: 'predictive',
      description:
        'predictive scaling alone: a ForecastAndScale floor raises capacity ahead of each hour, a step policy scales in above it',
      dimensions: [
        load('forecastTarget', 0.3, 0.98),
        { name: 'schedulingBufferTime', kind: 'choice', values: [0, 300, 600, 900] },
        load('inThreshold', 0.15, 0.8),
        { name: 'inPeriods', kind: 'choice', values: [5, 10, 15] },
        { name: 'inCooldown', kind: 'choice', values: [120, 300, 600] },
      ],
      policies: (p, target) => ({
        stepPolicies: [
          scaleInPolicy(target, {
            threshold: p.inThreshold as number,
            periods: p.inPeriods as number,
            step: -1,
            cooldown: p.inCooldown as number,
          }),
        ],
        targetTrackingPolicies: [],
        predictivePolicies: [forecastFloor(p.forecastTarget as number, p.schedulingBufferTime as number)],
      }),
      places: [
        { path: ['predictivePolicies', 0, 'targetValue'], parameter: 'forecastTarget' },
        { path: ['predictivePolicies', 0, 'schedulingBufferTime'], parameter: 'schedulingBufferTime' },
        { path: ['stepPolicies', 0, 'alarm', 'threshold'], parameter: 'inThreshold' },
        { path: ['stepPolicies', 0, 'alarm', 'evaluationPeriods'], parameter: 'inPeriods' },
        { path: ['stepPolicies', 0, 'cooldown'], parameter: 'inCooldown' },
      ],
    },
    {
      name: 'target-tracking+predictive',
      description:
        'target tracking above a ForecastAndScale floor: the forecast readies capacity before each hour, tracking follows what it missed',
      dimensions: [
        load('targetValue', 0.3, 0.98),
        { name: 'scaleInCooldown', kind: 'choice', values: [120, 300, 600, 900] },
        load('forecastTarget', 0.3, 0.98),
        { name: 'schedulingBufferTime', kind: 'choice', values: [0, 300, 600, 900] },
      ],
      policies: (p) => ({
        stepPolicies: [],
        targetTrackingPolicies: [tracking(p.targetValue as number, 300, p.scaleInCooldown as number)],
        predictivePolicies: [forecastFloor(p.forecastTarget as number, p.schedulingBufferTime as number)],
      }),
      places: [
        { path: ['targetTrackingPolicies', 0, 'targetValue'], parameter: 'targetValue' },
        { path: ['targetTrackingPolicies', 0, 'scaleInCooldown'], parameter: 'scaleInCooldown' },
        { path: ['predictivePolicies', 0, 'targetValue'], parameter: 'forecastTarget' },
        { path: ['predictivePolicies', 0, 'schedulingBufferTime'], parameter: 'schedulingBufferTime' },
      ],
    },
  ];
}

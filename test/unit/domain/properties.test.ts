import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideOnAlarms } from '../../../shared/domain/alarm-decision.ts';
import type { AlarmTrigger, StepAdjustment, TargetConfig } from '../../../shared/domain/model.ts';
import { targetKey } from '../../../shared/domain/model.ts';
import { acceptChange } from '../../../shared/domain/settle.ts';
import { handleAlarm } from '../../../shared/usecases/handle-alarm.ts';
import { inMemoryPorts } from '../../../shared/usecases/replay.ts';
import { MINUTE, policy, stateOf, T0, target } from '../../support/builders.ts';

/** Steps cutting the real line at sorted points, each with a random integer adjustment. */
const stepsArbitrary = fc
  .uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 4 })
  .chain((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    return fc
      .array(fc.integer({ min: -5, max: 5 }), { minLength: sorted.length + 1, maxLength: sorted.length + 1 })
      .map((adjustments): StepAdjustment[] =>
        adjustments.map((scalingAdjustment, i) => ({
          metricIntervalLowerBound: i === 0 ? undefined : sorted[i - 1],
          metricIntervalUpperBound: i === sorted.length ? undefined : sorted[i],
          scalingAdjustment,
        })),
      );
  });

const targetArbitrary = fc
  .record({
    min: fc.integer({ min: 1, max: 5 }),
    span: fc.integer({ min: 0, max: 20 }),
    type: fc.constantFrom(
      'ChangeInCapacity' as const,
      'PercentChangeInCapacity' as const,
      'ExactCapacity' as const,
    ),
    steps: stepsArbitrary,
    cooldown: fc.integer({ min: 0, max: 600 }),
  })
  .map(({ min, span, type, steps, cooldown }): TargetConfig => {
    const fixed =
      type === 'ExactCapacity'
        ? steps.map((s) => ({ ...s, scalingAdjustment: Math.abs(s.scalingAdjustment) }))
        : steps;
    const scaled =
      type === 'PercentChangeInCapacity'
        ? fixed.map((s) => ({ ...s, scalingAdjustment: s.scalingAdjustment * 10 }))
        : fixed;
    return target({
      minCapacity: min,
      maxCapacity: min + span,
      stepPolicies: [policy({ adjustmentType: type, stepAdjustments: scaled, cooldown })],
    });
  });

const triggersArbitrary = fc.array(
  fc.record({
    gapMinutes: fc.integer({ min: 0, max: 10 }),
    value: fc.double({ min: -100, max: 200, noNaN: true }),
    state: fc.constantFrom('ALARM' as const, 'ALARM' as const, 'OK' as const, 'INSUFFICIENT_DATA' as const),
  }),
  { minLength: 1, maxLength: 40 },
);

describe('engine properties', () => {
  it('never sets capacity outside [min, max] when it starts inside', () => {
    fc.assert(
      fc.property(targetArbitrary, triggersArbitrary, fc.nat(), (config, inputs, startOffset) => {
        let state = stateOf(config);
        let capacity = config.minCapacity + (startOffset % (config.maxCapacity - config.minCapacity + 1));
        let now = T0;
        for (const input of inputs) {
          now += input.gapMinutes * MINUTE;
          const trigger: AlarmTrigger = {
            kind: 'alarm',
            eventId: `e${now}`,
            eventTime: now,
            alarmName: 'high',
            state: input.state,
            stateTimestamp: now,
            datapoints: [input.value],
            threshold: 50,
            reevaluation: false,
          };
          const decision = decideOnAlarms(config, state, [trigger], { now, currentCapacity: capacity });
          state = decision.action === 'none' ? decision.state : acceptChange(decision.state, decision, now);
          capacity = decision.toCapacity;
          expect(capacity).toBeGreaterThanOrEqual(config.minCapacity);
          expect(capacity).toBeLessThanOrEqual(config.maxCapacity);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('changes nothing the second time the same event id is replayed', async () => {
    await fc.assert(
      fc.asyncProperty(targetArbitrary, triggersArbitrary, fc.nat(), async (config, inputs, pick) => {
        const ports = inMemoryPorts({ targets: [config] }, config.minCapacity);
        let now = T0;
        const events: AlarmTrigger[] = [];
        for (const [i, input] of inputs.entries()) {
          now += input.gapMinutes * MINUTE;
          const event: AlarmTrigger = {
            kind: 'alarm',
            eventId: `evt-${i}`,
            eventTime: now,
            alarmName: 'high',
            state: input.state,
            stateTimestamp: now,
            datapoints: [input.value],
            threshold: 50,
            reevaluation: false,
          };
          events.push(event);
          await handleAlarm(ports, event, now);
        }
        const replayed = events[pick % events.length] as AlarmTrigger;
        const before = await ports.endpoints.describeVariant(config.endpointName, config.variantName);
        const historyBefore = await (
          ports.store as unknown as { listActivities(k: string): Promise<unknown[]> }
        ).listActivities(targetKey(config));
        const [again] = await handleAlarm(ports, replayed, now + MINUTE);
        const after = await ports.endpoints.describeVariant(config.endpointName, config.variantName);
        const historyAfter = await (
          ports.store as unknown as { listActivities(k: string): Promise<unknown[]> }
        ).listActivities(targetKey(config));
        expect(again?.reasonCode).toBe('DuplicateEvent');
        expect(after.desiredInstanceCount).toBe(before.desiredInstanceCount);
        expect(historyAfter).toEqual(historyBefore);
      }),
      { numRuns: 100 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import type {
  AlarmStateValue,
  ComparisonOperator,
  TreatMissingData,
} from '../../../../shared/domain/model.ts';
import {
  type AlarmRule,
  aggregatePeriod,
  breaches,
  evaluateAlarmRange,
} from '../../../../shared/sim/cloudwatch/alarm-evaluation.ts';

const X = 100; // breaches a threshold of 50 (GreaterThanThreshold)
const O = 10; // does not
const _ = Number.NaN; // missing

function rule(overrides: Partial<AlarmRule> = {}): AlarmRule {
  return {
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    threshold: 50,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'missing',
    ...overrides,
  };
}

function stateOf(range: number[], overrides: Partial<AlarmRule> = {}, current: AlarmStateValue = 'OK') {
  return evaluateAlarmRange(range, rule(overrides), current).state;
}

describe('CloudWatch alarm evaluation', () => {
  it('goes to ALARM when M of the last N datapoints breach, not necessarily consecutive', () => {
    const twoOfThree = { datapointsToAlarm: 2 };
    expect(stateOf([O, X, O, X], twoOfThree)).toBe('ALARM');
    expect(stateOf([X, X, O, O], twoOfThree)).toBe('OK');
    expect(stateOf([O, X, X, X])).toBe('ALARM');
    expect(stateOf([X, X, X, O])).toBe('OK');
  });

  it.each<[ComparisonOperator, number, boolean]>([
    ['GreaterThanOrEqualToThreshold', 50, true],
    ['GreaterThanOrEqualToThreshold', 49.9, false],
    ['GreaterThanThreshold', 50, false],
    ['GreaterThanThreshold', 50.1, true],
    ['LessThanThreshold', 50, false],
    ['LessThanThreshold', 49.9, true],
    ['LessThanOrEqualToThreshold', 50, true],
    ['LessThanOrEqualToThreshold', 50.1, false],
  ])('%s with %d against 50 breaches: %s', (operator, value, expected) => {
    expect(breaches(value, 50, operator)).toBe(expected);
    expect(stateOf([value, value, value], { comparisonOperator: operator })).toBe(expected ? 'ALARM' : 'OK');
  });

  // AWS's example table (N = M = 3, evaluation range of 5): rows and the state per TreatMissingData.
  it.each<[string, number[], Record<TreatMissingData, AlarmStateValue | 'keep'>]>([
    ['0 - X - X', [O, _, X, _, X], { missing: 'OK', ignore: 'OK', breaching: 'OK', notBreaching: 'OK' }],
    ['0 - - - -', [O, _, _, _, _], { missing: 'OK', ignore: 'OK', breaching: 'OK', notBreaching: 'OK' }],
    [
      '- - - - -',
      [_, _, _, _, _],
      { missing: 'INSUFFICIENT_DATA', ignore: 'keep', breaching: 'ALARM', notBreaching: 'OK' },
    ],
    [
      '0 X X - X',
      [O, X, X, _, X],
      { missing: 'ALARM', ignore: 'ALARM', breaching: 'ALARM', notBreaching: 'ALARM' },
    ],
    [
      '- - X - -',
      [_, _, X, _, _],
      { missing: 'ALARM', ignore: 'keep', breaching: 'ALARM', notBreaching: 'OK' },
    ],
  ])('evaluates %s as AWS documents for each treatMissingData', (_row, range, expected) => {
    for (const treatment of ['missing', 'ignore', 'breaching', 'notBreaching'] as const) {
      for (const current of ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const) {
        const want = expected[treatment] === 'keep' ? current : expected[treatment];
        expect(stateOf(range, { treatMissingData: treatment }, current), `${treatment} from ${current}`).toBe(
          want,
        );
      }
    }
  });

  it('uses older real datapoints of the evaluation range before filling missing ones', () => {
    // Four real datapoints in the range: the newest three decide, treatMissingData plays no part.
    const evaluation = evaluateAlarmRange([X, X, X, _, O], rule({ treatMissingData: 'breaching' }), 'OK');
    expect(evaluation).toEqual({ state: 'OK', used: 3, breaching: 2, filled: 0 });
  });

  it('fills only as many missing datapoints as N needs, and says how many', () => {
    const evaluation = evaluateAlarmRange([_, _, _, X, X], rule({ treatMissingData: 'breaching' }), 'OK');
    expect(evaluation).toEqual({ state: 'ALARM', used: 2, breaching: 2, filled: 1 });
  });

  it('aggregates per-minute values of a longer period by its statistic', () => {
    const values = [4, _, 1, 7, 3];
    expect(aggregatePeriod(values, 0, 5, 'Sum')).toBe(15);
    expect(aggregatePeriod(values, 0, 5, 'Average')).toBe(3.75);
    expect(aggregatePeriod(values, 0, 5, 'Minimum')).toBe(1);
    expect(aggregatePeriod(values, 0, 5, 'Maximum')).toBe(7);
    expect(aggregatePeriod(values, 0, 5, 'SampleCount')).toBe(4);
    expect(aggregatePeriod(values, 0, 5, 'p50')).toBe(3);
    expect(aggregatePeriod(values, 0, 5, 'p99')).toBe(7);
    expect(aggregatePeriod([_, _], 0, 2, 'Sum')).toBeNaN();
  });

  it('gives a one-minute period its value for any statistic but SampleCount', () => {
    expect(aggregatePeriod([5, 9], 1, 1, 'Sum')).toBe(9);
    expect(aggregatePeriod([5, 9], 1, 1, 'Average')).toBe(9);
    expect(aggregatePeriod([5, 9], 1, 1, 'SampleCount')).toBe(1);
    expect(aggregatePeriod([5, 9], 2, 1, 'Sum')).toBeNaN();
  });
});

import { describe, expect, it } from 'vitest';
import { InvalidEventError, parseAlarmEvent } from '../../../shared/events/index.ts';
import { failureOf, loadEvent, withValue } from './fixtures.ts';

const HIGH_ALARM = 'alarm/invocations-high-alarm.json';

function issuesOf(act: () => unknown): string[] {
  const error = failureOf(act);
  expect(error).toBeInstanceOf(InvalidEventError);
  return (error as InvalidEventError).issues;
}

describe('parseAlarmEvent', () => {
  it('maps an OK -> ALARM state change to an alarm trigger with its datapoints and threshold', () => {
    // Prepare
    const event = loadEvent(HIGH_ALARM);

    // Act
    const trigger = parseAlarmEvent(event);

    // Assess
    expect(trigger).toEqual({
      kind: 'alarm',
      eventId: '5f1c7a2e-3b8d-4c9e-a1f0-6d2b9e8c4a17',
      eventTime: Date.parse('2026-11-23T10:03:10Z'),
      alarmName: 'fraud-detector-invocations-high',
      state: 'ALARM',
      previousState: 'OK',
      stateTimestamp: Date.parse('2026-11-23T10:03:10.121Z'),
      datapoints: [912.5, 880, 850],
      threshold: 800,
      latestDatapoint: 850,
      reevaluation: false,
    });
  });

  it('takes the latest datapoint by timestamp from evaluatedDatapoints, whatever their order, skipping missing ones', () => {
    // Prepare
    const reasonData = JSON.stringify({
      recentDatapoints: [1, 2, 3],
      threshold: 800,
      evaluatedDatapoints: [
        { timestamp: '2026-11-23T10:01:00.000+0000', value: 880 },
        { timestamp: '2026-11-23T10:03:00.000+0000' },
        { timestamp: '2026-11-23T10:02:00.000+0000', value: 850 },
        { timestamp: '2026-11-23T10:00:00.000+0000', value: 912.5 },
      ],
    });
    const event = withValue(loadEvent(HIGH_ALARM), ['detail', 'state', 'reasonData'], reasonData);

    // Act
    const trigger = parseAlarmEvent(event);

    // Assess
    expect(trigger.latestDatapoint).toBe(850);
  });

  it('takes the last of recentDatapoints (oldest to newest) as the latest when no evaluatedDatapoints are given', () => {
    // Prepare
    const reasonData = '{"recentDatapoints":[900.0,910.0,1200.0],"threshold":800.0}';
    const event = withValue(loadEvent(HIGH_ALARM), ['detail', 'state', 'reasonData'], reasonData);

    // Act
    const trigger = parseAlarmEvent(event);

    // Assess
    expect(trigger.latestDatapoint).toBe(1200);
  });

  it.each([
    ['2026-11-23T10:03:10.121+0000'],
    ['2026-11-23T10:03:10.121Z'],
    ['2026-11-23T10:03:10.121+00:00'],
  ])('reads the state timestamp %s as the same instant', (timestamp) => {
    // Prepare
    const event = withValue(loadEvent(HIGH_ALARM), ['detail', 'state', 'timestamp'], timestamp);

    // Act
    const trigger = parseAlarmEvent(event);

    // Assess
    expect(trigger.stateTimestamp).toBe(Date.UTC(2026, 10, 23, 10, 3, 10, 121));
  });

  it('gives no datapoints for INSUFFICIENT_DATA, whose recentDatapoints is empty', () => {
    // Prepare
    const event = loadEvent('alarm/invocations-high-insufficient-data.json');

    // Act
    const trigger = parseAlarmEvent(event);

    // Assess
    expect(trigger).toMatchObject({ state: 'INSUFFICIENT_DATA', datapoints: [], threshold: 800 });
  });

  it('gives no datapoints when reasonData has no recentDatapoints at all', () => {
    // Prepare
    const event = withValue(loadEvent(HIGH_ALARM), ['detail', 'state', 'reasonData'], '{"version":"1.0"}');

    // Act
    const trigger = parseAlarmEvent(event);

    // Assess
    expect(trigger.datapoints).toEqual([]);
    expect(trigger.threshold).toBeUndefined();
  });

  it('accepts a metric-math alarm whose expression entry has no metricStat', () => {
    // Prepare
    const event = loadEvent('alarm/metric-math-alarm.json');

    // Act
    const trigger = parseAlarmEvent(event);

    // Assess
    expect(trigger).toMatchObject({
      alarmName: 'fraud-detector-error-rate-high',
      state: 'ALARM',
      datapoints: [6.2, 7.9],
      threshold: 5,
    });
  });

  it('accepts a state without reasonData, with no datapoints and no threshold', () => {
    // Prepare
    const event = withValue(
      withValue(loadEvent(HIGH_ALARM), ['detail', 'state', 'reasonData'], undefined),
      ['detail', 'previousState'],
      {
        value: 'INSUFFICIENT_DATA',
        reason: 'Unchecked: Initial alarm creation',
        timestamp: '2026-11-23T09:00:00.000+0000',
      },
    );

    // Act
    const trigger = parseAlarmEvent(event);

    // Assess
    expect(trigger).toMatchObject({
      datapoints: [],
      threshold: undefined,
      previousState: 'INSUFFICIENT_DATA',
    });
  });

  it('ignores fields it does not know, in the envelope, the detail and reasonData', () => {
    // Prepare
    let event = withValue(loadEvent(HIGH_ALARM), ['replay-name'], 'replay-1');
    event = withValue(event, ['detail', 'alarmTags'], { team: 'fraud' });
    event = withValue(event, ['detail', 'state', 'actionsSuppressedBy'], 'WaitPeriod');
    event = withValue(
      event,
      ['detail', 'state', 'reasonData'],
      '{"recentDatapoints":[900.0],"threshold":800.0,"unit":"None","newField":{"nested":true}}',
    );

    // Act
    const trigger = parseAlarmEvent(event);

    // Assess
    expect(trigger).toMatchObject({ datapoints: [900], threshold: 800 });
    expect(Object.keys(trigger).sort()).toEqual(
      [
        'alarmName',
        'datapoints',
        'eventId',
        'eventTime',
        'kind',
        'latestDatapoint',
        'previousState',
        'reevaluation',
        'state',
        'stateTimestamp',
        'threshold',
      ].sort(),
    );
  });

  it('marks an unchanged state as a re-evaluation', () => {
    // Prepare
    const event = withValue(loadEvent(HIGH_ALARM), ['detail', 'previousState', 'value'], 'ALARM');

    // Act
    const trigger = parseAlarmEvent(event);

    // Assess
    expect(trigger.reevaluation).toBe(true);
  });

  it('does not mark an event without previousState as a re-evaluation', () => {
    // Prepare
    const event = withValue(loadEvent(HIGH_ALARM), ['detail', 'previousState'], undefined);

    // Act
    const trigger = parseAlarmEvent(event);

    // Assess
    expect(trigger).toMatchObject({ previousState: undefined, reevaluation: false });
  });

  it('rejects a reasonData that is not valid JSON, naming the path and the JSON error', () => {
    // Prepare
    const event = withValue(
      loadEvent(HIGH_ALARM),
      ['detail', 'state', 'reasonData'],
      '{"recentDatapoints":[912.5,',
    );

    // Act
    const issues = issuesOf(() => parseAlarmEvent(event));

    // Assess
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(
      /^detail\.state\.reasonData: expected a JSON string, found invalid JSON \(.+\)$/,
    );
  });

  it('rejects a reasonData sent as an object instead of a JSON string', () => {
    // Prepare
    const event = withValue(loadEvent(HIGH_ALARM), ['detail', 'state', 'reasonData'], {
      recentDatapoints: [1],
    });

    // Act
    const issues = issuesOf(() => parseAlarmEvent(event));

    // Assess
    expect(issues).toEqual(['detail.state.reasonData: expected a JSON string, found an object']);
  });

  it('rejects recentDatapoints that are not numbers, at their path inside reasonData', () => {
    // Prepare
    const event = withValue(
      loadEvent(HIGH_ALARM),
      ['detail', 'state', 'reasonData'],
      '{"recentDatapoints":["912.5"]}',
    );

    // Act
    const issues = issuesOf(() => parseAlarmEvent(event));

    // Assess
    expect(issues).toEqual(['detail.state.reasonData.recentDatapoints[0]: expected a number, found "912.5"']);
  });

  it('rejects an event without detail.state', () => {
    // Prepare
    const event = withValue(loadEvent(HIGH_ALARM), ['detail', 'state'], undefined);

    // Act
    const issues = issuesOf(() => parseAlarmEvent(event));

    // Assess
    expect(issues).toEqual(['detail.state: expected an object, found nothing (the field is missing)']);
  });

  it('rejects a state timestamp that is not a timestamp, showing the expected form', () => {
    // Prepare
    const event = withValue(loadEvent(HIGH_ALARM), ['detail', 'state', 'timestamp'], 'yesterday');

    // Act
    const issues = issuesOf(() => parseAlarmEvent(event));

    // Assess
    expect(issues).toEqual([
      'detail.state.timestamp: expected a timestamp like 2019-10-02T17:04:40.989+0000, found "yesterday"',
    ]);
  });

  it('lists every wrong type in one error, each at its own path', () => {
    // Prepare
    let event = withValue(loadEvent(HIGH_ALARM), ['time'], 1_700_000_000_000);
    event = withValue(event, ['detail', 'alarmName'], 42);
    event = withValue(event, ['detail', 'state', 'value'], 'WARNING');
    event = withValue(event, ['detail', 'configuration', 'metrics', 0, 'metricStat', 'period'], '60');

    // Act
    const error = failureOf(() => parseAlarmEvent(event));

    // Assess
    expect(error).toBeInstanceOf(InvalidEventError);
    const { issues, message, cause } = error as InvalidEventError;
    expect(issues).toEqual([
      'time: expected a timestamp like 2019-10-02T17:04:40Z, found 1700000000000',
      'detail.alarmName: expected a string, found 42',
      'detail.state.value: expected one of "OK", "ALARM", "INSUFFICIENT_DATA", found "WARNING"',
      'detail.configuration.metrics[0].metricStat.period: expected a number, found "60"',
    ]);
    for (const issue of issues) expect(message).toContain(issue);
    expect(cause).toBeDefined();
  });

  it('rejects a metric entry that has neither metricStat nor expression', () => {
    // Prepare
    const event = withValue(
      loadEvent(HIGH_ALARM),
      ['detail', 'configuration', 'metrics', 0, 'metricStat'],
      undefined,
    );

    // Act
    const issues = issuesOf(() => parseAlarmEvent(event));

    // Assess
    expect(issues).toEqual([
      'detail.configuration.metrics[0]: expected either metricStat (a metric) or expression (metric math), found neither',
    ]);
  });

  it('rejects an event from another source even with the alarm detail-type', () => {
    // Prepare
    const event = withValue(loadEvent(HIGH_ALARM), ['source'], 'aws.events');

    // Act
    const issues = issuesOf(() => parseAlarmEvent(event));

    // Assess
    expect(issues).toEqual(['source: expected "aws.cloudwatch", found "aws.events"']);
  });

  it('rejects a scheduled-action event', () => {
    // Prepare
    const event = loadEvent('scheduled/weekend-peak.json');

    // Act
    const issues = issuesOf(() => parseAlarmEvent(event));

    // Assess
    expect(issues).toContain(
      'detail-type: expected "CloudWatch Alarm State Change", found "Scheduled Scaling Action"',
    );
  });
});

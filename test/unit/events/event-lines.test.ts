import { describe, expect, it } from 'vitest';
import { EventFileError, InvalidEventError, parseEventLines } from '../../../shared/events/index.ts';
import { failureOf, loadEvent, readEventFile, withValue } from './fixtures.ts';

const alarmLine = JSON.stringify(loadEvent('alarm/invocations-high-alarm.json'));
const scheduledLine = JSON.stringify(loadEvent('scheduled/weekend-peak.json'));

describe('parseEventLines', () => {
  it('parses one event per line, in file order, skipping blank lines', () => {
    // Prepare
    const text = `\n${alarmLine}\n   \n${scheduledLine}\r\n\n`;

    // Act
    const triggers = parseEventLines(text);

    // Assess
    expect(triggers.map((trigger) => trigger.kind)).toEqual(['alarm', 'scheduled']);
  });

  it('gives no triggers for an empty file', () => {
    // Act
    const triggers = parseEventLines('');

    // Assess
    expect(triggers).toEqual([]);
  });

  it('reports the 1-based line number of a line that is not JSON', () => {
    // Prepare
    const text = [alarmLine, '', '{"version":"0",', scheduledLine].join('\n');

    // Act
    const error = failureOf(() => parseEventLines(text));

    // Assess
    expect(error).toBeInstanceOf(EventFileError);
    const { line, reason, message, cause } = error as EventFileError;
    expect(line).toBe(3);
    expect(reason).toMatch(/^not valid JSON \(.+\)$/);
    expect(message).toBe(`line 3: ${reason}`);
    expect(cause).toBeInstanceOf(SyntaxError);
  });

  it('reports the line number and the path of the first event that fails its schema', () => {
    // Prepare
    const bad = JSON.stringify(
      withValue(
        loadEvent('alarm/invocations-high-alarm.json'),
        ['detail', 'state', 'timestamp'],
        'yesterday',
      ),
    );
    const text = [scheduledLine, alarmLine, bad, '{not json'].join('\n');

    // Act
    const error = failureOf(() => parseEventLines(text));

    // Assess
    expect(error).toBeInstanceOf(EventFileError);
    const { line, reason, cause } = error as EventFileError;
    expect(line).toBe(3);
    expect(reason).toBe(
      'detail.state.timestamp: expected a timestamp like 2019-10-02T17:04:40.989+0000, found "yesterday"',
    );
    expect(cause).toBeInstanceOf(InvalidEventError);
  });

  it('replays the worked example as four alarm evaluations, ten minutes apart', () => {
    // Prepare
    const text = readEventFile('replay/worked-example.jsonl');

    // Act
    const triggers = parseEventLines(text);

    // Assess
    const start = Date.UTC(2026, 10, 23, 10, 0, 0);
    const alarms = triggers.filter((trigger) => trigger.kind === 'alarm');
    expect(alarms).toHaveLength(4);
    expect(
      alarms.map((a) => [
        a.alarmName,
        a.datapoints[0],
        a.threshold,
        a.reevaluation,
        a.eventTime,
        a.stateTimestamp,
      ]),
    ).toEqual([
      ['worked-example-high', 60, 50, false, start, start],
      ['worked-example-high', 70, 50, true, start + 600_000, start + 600_000],
      ['worked-example-low', 40, 50, false, start + 1_200_000, start + 1_200_000],
      ['worked-example-low', 30, 50, true, start + 1_800_000, start + 1_800_000],
    ]);
    for (const alarm of alarms) expect(new Set(alarm.datapoints).size).toBe(1);
    expect(new Set(alarms.map((alarm) => alarm.eventId)).size).toBe(4);
  });
});

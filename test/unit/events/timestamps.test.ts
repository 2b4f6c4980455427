import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../../shared/events/index.ts';

describe('parseInstant', () => {
  const instant = Date.UTC(2019, 9, 2, 17, 4, 40, 989);

  it.each([
    ['2019-10-02T17:04:40.989+0000', 'CloudWatch offset without a colon'],
    ['2019-10-02T17:04:40.989Z', 'Z'],
    ['2019-10-02T17:04:40.989+00:00', 'offset with a colon'],
    ['2019-10-02T19:04:40.989+0200', 'a non-zero offset'],
    ['2019-10-02T14:34:40.989-02:30', 'a negative offset with minutes'],
  ])('reads %s (%s) as the same instant', (text) => {
    // Act
    const result = parseInstant(text);

    // Assess
    expect(result).toBe(instant);
  });

  it('reads the EventBridge envelope form without fractional seconds', () => {
    // Act
    const result = parseInstant('2019-10-02T17:04:40Z');

    // Assess
    expect(result).toBe(Date.UTC(2019, 9, 2, 17, 4, 40));
  });

  it('keeps whole milliseconds of a longer fraction and pads a shorter one', () => {
    // Act
    const long = parseInstant('2019-10-02T17:04:40.98912345Z');
    const short = parseInstant('2019-10-02T17:04:40.9Z');

    // Assess
    expect(long).toBe(instant);
    expect(short).toBe(Date.UTC(2019, 9, 2, 17, 4, 40, 900));
  });

  it.each([
    ['yesterday'],
    [''],
    ['2019-10-02'],
    ['2019-10-02T17:04:40'],
    ['2019-10-02 17:04:40Z'],
    ['2019-10-02T17:04Z'],
    ['2019-02-30T00:00:00Z'],
    ['2019-10-02T24:00:00Z'],
    ['2019-10-02T17:04:60Z'],
    ['2019-10-02T17:04:40+2400'],
    ['2019-10-02T17:04:40+0060'],
    ['1570035880989'],
  ])('rejects %j instead of guessing an instant', (text) => {
    // Act
    const result = parseInstant(text);

    // Assess
    expect(result).toBeUndefined();
  });
});

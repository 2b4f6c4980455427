import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant, parseInstantByPattern } from '../../../shared/events/timestamps.ts';

/** Digits, separators and zones in the shapes instants take, with the odd wrong one. */
const instantLike = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1995, 2024, 2026)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.constantFrom('', '.', '.9', '.98', '.989', '.9891', '.98912345', '.x89', '.989123456789'),
    zone: fc.constantFrom(
      'Z',
      'z',
      '+0000',
      '-0000',
      '+00:00',
      '+0200',
      '-02:30',
      '+2400',
      '+0060',
      '+02',
      '',
    ),
    separator: fc.constantFrom('T', 'T', 'T', ' ', 't'),
    yearDigits: fc.constantFrom(4, 4, 4, 3, 5),
  })
  .map(({ year, month, day, hour, minute, second, fraction, zone, separator, yearDigits }) => {
    const two = (value: number) => String(value).padStart(2, '0');
    const yearText = String(year).padStart(yearDigits, '0').slice(-yearDigits);
    return `${yearText}-${two(month)}-${two(day)}${separator}${two(hour)}:${two(minute)}:${two(second)}${fraction}${zone}`;
  });

describe('parseInstant on the common forms', () => {
  it('reads every text exactly as the general pattern does', () => {
    fc.assert(
      fc.property(instantLike, (text) => {
        expect(parseInstant(text)).toBe(parseInstantByPattern(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with the pattern on one-character changes of the forms it reads itself', () => {
    const forms = ['2019-10-02T17:04:40Z', '2019-10-02T17:04:40.989Z', '2019-10-02T17:04:40.989+0000'];
    const characters = '0123456789-:.+TZ x';
    for (const form of forms) {
      for (let index = 0; index <= form.length; index++) {
        for (const character of characters) {
          const replaced = form.slice(0, index) + character + form.slice(index + 1);
          const inserted = form.slice(0, index) + character + form.slice(index);
          expect(parseInstant(replaced)).toBe(parseInstantByPattern(replaced));
          expect(parseInstant(inserted)).toBe(parseInstantByPattern(inserted));
        }
      }
    }
  });

  it('reads leap days only in leap years, and years before 100 not at all (Date.UTC would read 19xx)', () => {
    expect(parseInstant('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseInstant('2023-02-29T00:00:00Z')).toBeUndefined();
    expect(parseInstant('1900-02-29T00:00:00Z')).toBeUndefined();
    expect(parseInstant('2000-02-29T00:00:00.000+0000')).toBe(Date.UTC(2000, 1, 29));
    expect(parseInstant('0099-01-01T00:00:00Z')).toBeUndefined();
  });
});

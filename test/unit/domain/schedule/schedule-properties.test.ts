import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fireTimesBetween, nextFireTime } from '../../../../shared/domain/schedule/index.ts';
import { localTimeAt } from '../../../../shared/domain/schedule/time-zone.ts';
import { parse, parseCronText } from './schedule-helpers.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const YEAR_2026 = Date.UTC(2026, 0, 1);

const zones = fc.constantFrom(
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
);
const cronText = fc
  .record({
    minutes: fc.constantFrom('0', '*/15', '5,35', '10-50/20', '30'),
    hours: fc.constantFrom('*', '9', '0-23/6', '2', '1-3'),
    days: fc.constantFrom('* ?', 'L ?', '15W ?', '? MON-FRI', '? 6#2', '? 5L', '1,15 ?', 'LW ?', '? L'),
    months: fc.constantFrom('*', 'JAN/3', '3,10,11'),
    years: fc.constantFrom('*', '2026-2027'),
  })
  .map(({ minutes, hours, days, months, years }) => {
    const [dayOfMonth, dayOfWeek] = days.split(' ');
    return `cron(${minutes} ${hours} ${dayOfMonth} ${months} ${dayOfWeek} ${years})`;
  });
// Around both 2026 daylight saving changes in each hemisphere, and anywhere in the year.
const instants = fc.oneof(
  fc.integer({ min: YEAR_2026, max: YEAR_2026 + 365 * DAY }),
  fc.integer({ min: Date.UTC(2026, 2, 27), max: Date.UTC(2026, 3, 6) }),
  fc.integer({ min: Date.UTC(2026, 9, 2), max: Date.UTC(2026, 10, 3) }),
);

describe('schedule properties', () => {
  it('lists cron firings sorted, unique, inside [from, to), on whole minutes, each the next after the one before', () => {
    fc.assert(
      fc.property(
        cronText,
        zones,
        instants,
        fc.integer({ min: 0, max: 3 * DAY }),
        (text, timezone, from, span) => {
          const expression = parse(text);
          const window = { timezone };
          const times = fireTimesBetween(expression, window, from, from + span);
          let previous = from - 1;
          for (const instant of times) {
            expect(instant).toBe(nextFireTime(expression, window, previous));
            expect(instant % MINUTE).toBe(0);
            expect(instant).toBeGreaterThanOrEqual(from);
            expect(instant).toBeLessThan(from + span);
            previous = instant;
          }
          const after = nextFireTime(expression, window, previous);
          expect(after === undefined || after >= from + span).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fires a cron only at wall-clock times its minute and hour fields name', () => {
    fc.assert(
      fc.property(cronText, zones, instants, (text, timezone, from) => {
        const cron = parseCronText(text);
        for (const instant of fireTimesBetween(cron, { timezone }, from, from + 2 * DAY)) {
          const local = localTimeAt(timezone, instant);
          expect(cron.minutes).toContain(local.minute);
          expect(cron.hours).toContain(local.hour);
          expect(cron.months).toContain(local.month);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('spaces rate firings one period apart, counted from the anchor, within the window', () => {
    const rate = fc.constantFrom('rate(1 minute)', 'rate(7 minutes)', 'rate(2 hours)', 'rate(1 day)');
    fc.assert(
      fc.property(rate, instants, instants, instants, (text, anchor, startTime, from) => {
        const expression = parse(text);
        if (expression.kind !== 'rate') throw new Error('not a rate');
        const window = { timezone: 'Europe/Berlin', rateAnchor: anchor, startTime };
        const times = fireTimesBetween(expression, window, from, from + DAY);
        for (const instant of times) {
          expect((instant - anchor) % expression.periodMs).toBe(0);
          expect(instant).toBeGreaterThanOrEqual(Math.max(anchor, startTime, from));
        }
        for (let i = 1; i < times.length; i++) {
          expect(times[i]).toBe(nextFireTime(expression, window, times[i - 1] as number));
        }
      }),
      { numRuns: 100 },
    );
  });
});

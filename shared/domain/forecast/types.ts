/** One measured period of load: the requests that arrived in [time, time + the history's period). */
export interface LoadPoint {
  /** Start of the period, epoch ms UTC. */
  time: number;
  /** Requests in the period (>= 0). */
  requests: number;
}

/**
 * A load history: per-period request counts. Periods with no point are missing (no data), not
 * zero: a trace's `gap` minutes, a metric CloudWatch no longer keeps.
 */
export interface LoadHistory {
  /** Length of every period, ms; it must divide an hour (one minute, five minutes, an hour). */
  periodMs: number;
  points: readonly LoadPoint[];
}

/** The history a forecast learned from. */
export interface HistoryWindow {
  /** First hour used, epoch ms (inclusive). */
  from: number;
  /** End of the last hour used: the forecast's origin, epoch ms (exclusive). */
  to: number;
  /** Whole hours in the window. */
  hours: number;
  /** Hours with data (at least half of the hour measured). */
  hoursWithData: number;
}

/** The forecast load of one interval. */
export interface ForecastInterval {
  /** Start, epoch ms (inclusive). */
  start: number;
  /** End, epoch ms (exclusive). */
  end: number;
  /** Requests forecast to arrive in the interval. */
  requests: number;
  /** The same load as a rate per minute (requests ÷ minutes in the interval): what targetValue is compared with. */
  requestsPerMinute: number;
}

/** A load forecast: hourly intervals from its origin, and the history it learned from. */
export interface LoadForecast {
  /** Start of the first interval: the whole hour the forecast was asked at. */
  origin: number;
  /** Length of every interval, ms (one hour). */
  intervalMs: number;
  intervals: ForecastInterval[];
  history: HistoryWindow;
}

/** What a forecast request gives: a forecast, or why there is none. */
export type ForecastOutcome =
  | { kind: 'forecast'; forecast: LoadForecast }
  | {
      kind: 'not-enough-history';
      /** What there was, in the window a forecast may use. */
      history: HistoryWindow;
      /** Hours with data needed. */
      neededHours: number;
      /** A sentence for activity history and CLI messages. */
      reason: string;
    };

/**
 * Running `scaler forecast` once its options are parsed: the forecast through the use case, over
 * a trace or CloudWatch, beside what happened after it, printed or written as a report.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ForecastOutcome,
  HOUR_MS,
  hourlyTotals,
  type LoadForecast,
} from '../../domain/forecast/index.ts';
import { type ForecastComparison, forecastJson, forecastTable } from '../../forecasting/forecast-view.ts';
import { forecastReportHtml } from '../../forecasting/report/html.ts';
import type { LoadHistoryReader, LoadTarget } from '../../ports/load-history.ts';
import { forecastTargetLoad } from '../../usecases/forecast/forecast-target-load.ts';
import { CliError } from '../errors.ts';
import { prepareOutputDirectory } from '../output-directory.ts';
import type { ForecastOptions } from './forecast-options.ts';

/** Hours of history the report draws before the forecast. */
const REPORT_HISTORY_HOURS = 168;

/** Where the history is read from, for the run. */
export interface ForecastSource {
  reader: LoadHistoryReader;
  target: LoadTarget;
  /** The name the output gives the forecast: the trace file, or endpoint/variant. */
  name: string;
  at: number;
  /** Nothing is known after this instant (the trace's end, or now). */
  knownUntil: number;
  /** Added to a "not enough history" message. */
  historyHint: string;
}

/** The forecast, or a usage error (exit 2) when the history is too short. */
function forecastOrFail(outcome: ForecastOutcome, source: ForecastSource): LoadForecast {
  if (outcome.kind === 'forecast') return outcome.forecast;
  throw new CliError(`${source.name}: ${outcome.reason}${source.historyHint}`, 2);
}

/** Hourly totals the source shows in [from, from + hours h), up to what it knows. */
async function hoursShown(
  source: ForecastSource,
  from: number,
  hours: number,
): Promise<(number | undefined)[]> {
  const to = Math.min(from + hours * HOUR_MS, Math.max(from, source.knownUntil));
  const history = await source.reader.readLoadHistory(source.target, { from, to });
  return hourlyTotals(history, from, from + hours * HOUR_MS);
}

/** Forecasts, then prints JSON or a table and, with --out, writes report.html. */
export async function runForecast(
  source: ForecastSource,
  options: ForecastOptions,
  write: (text: string) => void,
): Promise<void> {
  const outcome = await forecastTargetLoad(source.reader, {
    target: source.target,
    at: source.at,
    horizonHours: options.horizon,
  });
  const forecast = forecastOrFail(outcome, source);
  const actual = await hoursShown(source, forecast.origin, forecast.intervals.length);
  const comparison: ForecastComparison = { forecast, actual, source: source.name };
  if (options.out !== undefined) {
    const before = Math.min(REPORT_HISTORY_HOURS, forecast.history.hours);
    const shown = await hoursShown(source, forecast.origin - before * HOUR_MS, before);
    prepareOutputDirectory(options.out);
    const path = join(options.out, 'report.html');
    await writeFile(path, forecastReportHtml({ ...comparison, before: shown }), 'utf8');
    // stdout stays one JSON document under --json.
    (options.json ? process.stderr : process.stdout).write(`report: ${path}\n`);
  }
  write(`${options.json ? forecastJson(comparison) : forecastTable(comparison)}\n`);
}

/** The options of `scaler forecast` and their parsers. */
import { InvalidArgumentError } from 'commander';
import { FORECAST_RULES } from '../../domain/forecast/index.ts';
import type { LoadTarget } from '../../ports/load-history.ts';
import { CliError } from '../errors.ts';

/** The parsed options of `scaler forecast`. */
export interface ForecastOptions {
  trace?: string;
  fromCloudwatch?: boolean;
  target?: string;
  at?: number;
  horizon: number;
  json?: boolean;
  out?: string;
  stage: string;
  region?: string;
}

/** A commander parser of `--horizon`: whole hours from 1 to 168. */
export function horizonHours(value: string): number {
  const parsed = Number(value);
  if (
    value.trim() === '' ||
    !Number.isInteger(parsed) ||
    parsed < 1 ||
    parsed > FORECAST_RULES.maxHorizonHours
  ) {
    throw new InvalidArgumentError(
      `--horizon expects a whole number of hours from 1 to ${FORECAST_RULES.maxHorizonHours}, found '${value}'`,
    );
  }
  return parsed;
}

/** Where the history comes from, checked: exactly one of --trace and --from-cloudwatch. */
export type HistorySource =
  | { kind: 'trace'; path: string; at: number }
  | { kind: 'cloudwatch'; target: LoadTarget };

/** The history source the options name, or a usage error (exit 2) saying what is missing. */
export function historySource(options: ForecastOptions): HistorySource {
  if (options.trace !== undefined && options.fromCloudwatch) {
    throw new CliError('choose one history: --trace FILE or --from-cloudwatch, not both', 2);
  }
  if (options.trace !== undefined) {
    if (options.at === undefined) {
      throw new CliError(
        '--trace needs --at ISO: the instant to forecast from (the trace before it is the history)',
        2,
      );
    }
    return { kind: 'trace', path: options.trace, at: options.at };
  }
  if (!options.fromCloudwatch) {
    throw new CliError(
      'choose the history: --trace FILE --at ISO, or --from-cloudwatch --target endpoint/variant',
      2,
    );
  }
  const [endpointName, variantName, ...rest] = (options.target ?? '').split('/');
  if (!endpointName || !variantName || rest.length > 0) {
    throw new CliError(
      `--from-cloudwatch needs --target endpoint/variant, found ${options.target === undefined ? 'none' : `'${options.target}'`}`,
      2,
    );
  }
  return { kind: 'cloudwatch', target: { endpointName, variantName } };
}

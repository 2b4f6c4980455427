/**
 * The forecast function's use case: for every predictive policy, read the load history a forecast
 * may use (the 14 days before the hour), forecast the next 48 hours, store it for the floor, and
 * record in the target's history that it did (`ForecastUpdated`), or why not
 * (`NotEnoughHistory`: a forecast needs at least 24 hours with data).
 */

import { capacityFor } from '../../domain/forecast/forecast-capacity.ts';
import type { ForecastOutcome } from '../../domain/forecast/index.ts';
import type { PredictivePolicy, ScalingConfig, TargetConfig } from '../../domain/model.ts';
import { targetKey } from '../../domain/model.ts';
import type { StoredForecast } from '../../domain/predictive/floor.ts';
import type { ForecastStore } from '../../ports/forecast-store.ts';
import type { LoadHistoryReader, LoadTarget } from '../../ports/load-history.ts';
import type { IdGenerator, ScalingStateStore } from '../../ports/scaling-state-store.ts';
import { forecastTargetLoad, type TargetLoadForecaster } from '../forecast/forecast-target-load.ts';
import { activityOf, type EventOutcome, outcomeOf } from '../outcome.ts';
import { recordNotes } from '../record-notes.ts';

/** What the forecast function reads and writes. */
export interface ForecastPorts {
  config: ScalingConfig;
  loadHistory: LoadHistoryReader;
  forecasts: ForecastStore;
  store: ScalingStateStore;
  ids: IdGenerator;
  /** How a target's load is forecast; default {@link forecastTargetLoad}. */
  forecaster?: TargetLoadForecaster | undefined;
}

/** The variant and the metric a policy's forecast learns from. */
function loadTargetOf(target: TargetConfig, policy: PredictivePolicy): LoadTarget {
  const { loadMetric } = policy;
  return {
    endpointName: target.endpointName,
    variantName: target.variantName,
    metric: loadMetric.kind === 'customized' ? loadMetric : undefined,
  };
}

function grouped(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/** `forecast for 48 h from 14 days of history (336 hours with data): peak 41,000/min at 18:00 UTC (46 instances)`. */
function summary(forecast: StoredForecast, policy: PredictivePolicy): string {
  const { history, intervals } = forecast;
  const peak = intervals.reduce((best, interval) =>
    interval.requestsPerMinute > best.requestsPerMinute ? interval : best,
  );
  const days = Math.round((history.hours / 24) * 10) / 10;
  const at = new Date(peak.start).toISOString().slice(0, 16).replace('T', ' ');
  return `forecast for ${intervals.length} h from ${days} days of history (${history.hoursWithData} hours with data): peak ${grouped(peak.requestsPerMinute)}/min at ${at} UTC (${capacityFor(peak.requestsPerMinute, policy.targetValue)} instances at ${grouped(policy.targetValue)} per instance)`;
}

/** The forecast as stored: the load per interval, and what it learned from. */
function stored(
  outcome: Extract<ForecastOutcome, { kind: 'forecast' }>,
  policyName: string,
  now: number,
): StoredForecast {
  const { forecast } = outcome;
  return {
    policyName,
    createdAt: now,
    history: forecast.history,
    intervals: forecast.intervals.map(({ start, end, requestsPerMinute }) => ({
      start,
      end,
      requestsPerMinute,
    })),
  };
}

/**
 * Forecasts every predictive policy of the configuration at `now`, one after the other. A target
 * whose history cannot be read fails the invocation (the platform retries, and the previous
 * forecast keeps serving until it runs out).
 */
export async function refreshForecasts(
  ports: ForecastPorts,
  now: number,
  requestId: string,
): Promise<EventOutcome[]> {
  const outcomes: EventOutcome[] = [];
  const forecast = ports.forecaster ?? forecastTargetLoad;
  for (const target of ports.config.targets) {
    for (const policy of target.predictivePolicies) {
      const outcome = await forecast(ports.loadHistory, {
        target: loadTargetOf(target, policy),
        at: now,
      });
      const event = { eventId: requestId, eventKey: `forecast@${policy.policyName}@${now}`, now };
      let message = outcome.kind === 'forecast' ? '' : outcome.reason;
      if (outcome.kind === 'forecast') {
        const forecast = stored(outcome, policy.policyName, now);
        await ports.forecasts.saveForecast(targetKey(target), forecast);
        message = summary(forecast, policy);
      }
      const [record] = await recordNotes(ports, target, now, (state) => [
        activityOf(
          target,
          event,
          {
            action: 'none',
            fromCapacity: state.lastSetCapacity ?? 0,
            toCapacity: state.lastSetCapacity ?? 0,
            cause: `predictive policy ${policy.policyName} (${policy.mode})`,
            policyName: policy.policyName,
          },
          {
            activityId: ports.ids.nextId(),
            action: 'none',
            status: outcome.kind === 'forecast' ? 'Successful' : 'NotScaled',
            statusMessage: message,
            reasonCode: outcome.kind === 'forecast' ? 'ForecastUpdated' : 'NotEnoughHistory',
          },
        ),
      ]);
      if (record) outcomes.push(outcomeOf(record, now));
    }
  }
  return outcomes;
}

/**
 * The step a simulation plays at. CloudWatch evaluates an alarm whose period is 10 or 30 seconds
 * every 10 seconds ("If the alarm period is 10 seconds or 30 seconds, the alarm is evaluated every
 * 10 seconds", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html;
 * PutMetricAlarm also accepts 20), and every other alarm once a minute. So a run in which any alarm
 * has a sub-minute period steps every 10 s (fleet, metrics, alarms; 20- and 30-s periods aggregate
 * 10-s steps), and every other run steps every minute, exactly as the simulator always has.
 */
import type { ScalingConfig } from '../domain/model.ts';
import { targetTrackingAlarms } from '../domain/target-tracking/alarms.ts';
import type { RunResolution } from './timeline.ts';

/** The step of a run without sub-minute alarms. */
export const MINUTE_STEP_SECONDS = 60;

/** The step of a run with a 10-, 20- or 30-second alarm: CloudWatch's evaluation interval for them. */
export const HIGH_RESOLUTION_STEP_SECONDS = 10;

/** Which step a run plays at, and why. */
export interface SimulationResolution {
  stepSeconds: number;
  /** The first sub-minute alarm, e.g. `high-resolution alarm X (period 10 s)`; absent at one minute. */
  reason?: string | undefined;
}

/** The resolution `config`'s alarms need (pass the selected targets only). */
export function simulationResolution(config: ScalingConfig): SimulationResolution {
  for (const target of config.targets) {
    const periods = [
      ...target.stepPolicies.flatMap((policy) =>
        policy.alarm ? [{ alarmName: policy.alarmName, period: policy.alarm.period }] : [],
      ),
      ...targetTrackingAlarms(target).map((alarm) => ({ alarmName: alarm.alarmName, period: alarm.period })),
    ];
    const fine = periods.find((alarm) => alarm.period < MINUTE_STEP_SECONDS);
    if (fine) {
      return {
        stepSeconds: HIGH_RESOLUTION_STEP_SECONDS,
        reason: `high-resolution alarm ${fine.alarmName} (period ${fine.period} s)`,
      };
    }
  }
  return { stepSeconds: MINUTE_STEP_SECONDS };
}

/** Whether `time` (epoch ms) starts a minute: the tick and one-minute alarms run only then. */
export function isWholeMinute(time: number): boolean {
  return time % 60_000 === 0;
}

/** The sentence the summary and the report say it with: `resolution 10 s: high-resolution alarm X (period 10 s); the trace's 60-s rows spread evenly over six 10-s steps`. */
export function resolutionLine(resolution: RunResolution): string {
  const { stepSeconds, traceStepSeconds } = resolution;
  const parts = [`resolution ${stepSeconds} s: ${resolution.reason}`];
  if (traceStepSeconds > stepSeconds) {
    const share = traceStepSeconds / stepSeconds;
    parts.push(
      `the trace's ${traceStepSeconds}-s rows spread evenly over ${share === 6 ? 'six' : share} ${stepSeconds}-s steps each`,
    );
  } else if (traceStepSeconds < stepSeconds) {
    parts.push(`the trace's ${traceStepSeconds}-s rows summed into ${stepSeconds}-s steps`);
  }
  return parts.join('; ');
}

/**
 * `scaler why` for a target tracking decision, in one sentence:
 * "alarm ...-AlarmHigh was in ALARM; InvocationsPerInstance 1,500 against target 1,000 at 4
 * instances: ceil(4 x 1.5) = 6: scaled out 4 -> 6."
 */
import type { AlarmEvidence } from '../../domain/decision.ts';
import type { ActivityRecord } from '../../ports/activity.ts';
import { clockTime } from './clock-text.ts';
import { change, outcomeText, type SentenceContext, suspendedText } from './why-outcome.ts';

/** 1,500 and 0.45: grouped thousands, at most two decimals. */
function grouped(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Whether a tracking record came from the policy's high alarm (which only ever scales out). */
export function fromHighAlarm(record: ActivityRecord): boolean {
  return record.alarm?.alarmName.endsWith('-AlarmHigh') === true;
}

/** `InvocationsPerInstance 1,500 against target 1,000 at 4 instances: ceil(4 x 1.5) = 6`. */
function measured(evidence: AlarmEvidence): string {
  const { metricName = 'the metric', metricValue = 0, targetValue = 1 } = evidence;
  const seen = `${metricName} ${grouped(metricValue)} against target ${grouped(targetValue)}`;
  const { measuredFrom: from, requestedCapacity: asked } = evidence;
  if (from === undefined || asked === undefined) return seen;
  return `${seen} at ${from} instance${from === 1 ? '' : 's'}: ceil(${from} x ${grouped(metricValue / targetValue)}) = ${asked}`;
}

function cooldownText(record: ActivityRecord, evidence: AlarmEvidence, context: SentenceContext): string {
  const until =
    evidence.cooldownEndsAt === undefined ? '' : ` until ${clockTime(evidence.cooldownEndsAt, context.day)}`;
  const initiator = context.initiatorOf(record);
  const after = initiator
    ? ` after the ${initiator.action} at ${clockTime(initiator.startTime, context.day)} (${change(initiator)})`
    : '';
  if (fromHighAlarm(record)) {
    return `policy ${evidence.policyName}'s scale-out cooldown ran${until}${after} and already covered that`;
  }
  return `scale-in waits while any cooldown runs: one ran${until}${after}`;
}

/** The sentence for one activity of a target tracking policy whose alarm was in ALARM with a datapoint. */
export function trackingSentence(
  record: ActivityRecord,
  evidence: AlarmEvidence,
  context: SentenceContext,
): string {
  const still = record.eventId.startsWith('tick:') ? 'still ' : '';
  const seen = `alarm ${evidence.alarmName} was ${still}in ALARM; ${measured(evidence)}`;
  switch (record.reasonCode) {
    case 'CooldownInEffect':
      return `${seen}, but ${cooldownText(record, evidence, context)}: not scaled.`;
    case 'ScalingSuspended':
      return `${seen}, but ${suspendedText(record)}: not scaled.`;
    case 'OtherPolicyNotInAlarm': {
      const why = record.statusMessage.slice(record.statusMessage.indexOf(', but ') + 6);
      return `${seen}, but ${why}: not scaled.`;
    }
    case 'AlreadyAtMaxCapacity':
      return `${seen}, but ${record.fromCapacity} was already the max of the bounds in force: not scaled.`;
    case 'AlreadyAtMinCapacity':
      return `${seen}, but ${record.fromCapacity} was already the min of the bounds in force: not scaled.`;
    case 'AlreadyAtDesiredCapacity':
      return `${seen}, so capacity stays ${record.fromCapacity}: not scaled.`;
    default:
      return `${seen}: ${outcomeText(record)}.`;
  }
}

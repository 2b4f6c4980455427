/**
 * The parts every `scaler why` sentence shares, whatever policy made the decision: the change it
 * made and what became of it.
 */
import type { TargetConfig } from '../../domain/model.ts';
import type { ActivityRecord } from '../../ports/activity.ts';

/** What a sentence may refer to besides its own record. */
export interface SentenceContext {
  target: TargetConfig;
  /** The UTC day (`YYYY-MM-DD`) the explanation is about: other days are printed in full. */
  day: string;
  /** The scaling activity that started the cooldown a record ran into, if it was found. */
  initiatorOf(record: ActivityRecord): ActivityRecord | undefined;
}

/** `4 -> 6`. */
export function change(record: Pick<ActivityRecord, 'fromCapacity' | 'toCapacity'>): string {
  return `${record.fromCapacity} -> ${record.toCapacity}`;
}

/** Which direction was suspended, from the decision's message. */
export function suspendedText(record: ActivityRecord): string {
  const direction = /dynamic scale-(in|out)/.exec(record.statusMessage)?.[0] ?? 'dynamic scaling';
  return `${direction} was suspended (scaling.yml suspendedState or scaler pause)`;
}

/** What became of a decision, from its status. */
export function outcomeText(record: ActivityRecord): string {
  const shadow = record.shadow ? ' (shadow mode: recorded, not applied)' : '';
  switch (record.status) {
    case 'Successful':
      if (record.action === 'scale-out') return `scaled out ${change(record)}${shadow}`;
      if (record.action === 'scale-in') return `scaled in ${change(record)}${shadow}`;
      return record.statusMessage;
    case 'InProgress':
      return `${record.action} ${change(record)} accepted by SageMaker, in progress until the endpoint is InService at ${record.toCapacity}`;
    case 'Pending':
      return `${change(record)} decided but deferred (${record.reasonCode ?? 'waiting'}): retried by the tick once the endpoint is InService`;
    case 'Overridden':
      return `the deferred ${change(record)} was overridden by a newer decision`;
    case 'Failed':
      return `${change(record)} failed: ${record.statusMessage}`;
    default:
      return `not scaled (${record.reasonCode ?? 'no reason code'}): ${record.statusMessage}`;
  }
}

import { type Candidate, type DecisionContext, notScaled } from './decision.ts';
import { withChanges } from './objects.ts';

/**
 * Largest capacity wins. Only policies that matched a step compete (their alarm was in ALARM
 * with data); one of them that asks for no change still outranks another's scale-in.
 */
export function pickWinner(candidates: readonly Candidate[], context: DecisionContext): Candidate {
  const competing = candidates.filter((c) => c.alarm?.requestedCapacity !== undefined);
  const winner = competing.reduce<Candidate | undefined>(
    (best, candidate) => (best && best.toCapacity >= candidate.toCapacity ? best : candidate),
    undefined,
  );
  if (!winner) return candidates[0] ?? noTrigger(context);
  const overruled = competing.filter((c) => c !== winner && c.action !== 'none');
  if (overruled.length === 0) return winner;
  const names = overruled.map((c) => `${c.policyName} (${c.toCapacity})`).join(', ');
  return withChanges(winner, { reason: `${winner.reason}; the larger capacity wins over ${names}` });
}

function noTrigger(context: DecisionContext): Candidate {
  return notScaled(
    { fromCapacity: context.currentCapacity, cause: 'no alarm evaluation' },
    'no alarm was evaluated',
    'AlarmNotInAlarm',
  );
}

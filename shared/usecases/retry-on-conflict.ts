import { VersionConflictError } from '../ports/errors.ts';

/**
 * Optimistic-locking attempts before the event is failed back to the platform. Each lost race
 * means another writer made progress, so even 20 concurrent events for one variant settle
 * well within this; the jittered pause spreads the losers out.
 */
const MAX_ATTEMPTS = 30;

function pauseAfterConflict(attempt: number): Promise<void> {
  const ceilingMs = Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceilingMs));
}

/** Runs `attempt` again from fresh reads each time a conditional write loses a race. */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof VersionConflictError) || tries >= MAX_ATTEMPTS) throw error;
      await pauseAfterConflict(tries);
    }
  }
}

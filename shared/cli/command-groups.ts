/**
 * The `scaler` commands, grouped by the module that registers them, each group loaded only when
 * needed. `scaler simulate ...` loads and compiles the simulate command alone, not the operator
 * commands, the tuner or the local stack (with their Node modules): that was about a tenth of a
 * whole simulate run's start-up. Anything else (`scaler --help`, `scaler help simulate`, a
 * misspelt command, which commander answers from the full list) registers every group.
 */
import type { Command } from 'commander';

/** Commands one module registers, and how to load its registration. */
export interface CommandGroup {
  /** Command names, as `scaler <name>` is typed. */
  readonly names: readonly string[];
  readonly load: () => Promise<(program: Command) => void>;
  /**
   * The commands' actions return only once all their work is done (nothing left running in the
   * background), so `scaler` exits right then instead of first tearing down the heap: about 30 ms
   * after a 30-day simulation, whose heap is large.
   */
  readonly exitWhenDone?: boolean;
}

/** Every group, in the order `scaler --help` lists them. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { names: ['validate'], load: async () => (await import('./commands/validate.ts')).registerValidate },
  { names: ['replay'], load: async () => (await import('./commands/replay.ts')).registerReplay },
  {
    names: ['status', 'history', 'why', 'pause', 'resume', 'reset-marks', 'import', 'compare'],
    load: async () => {
      const { registerOperate } = await import('./commands/operate.ts');
      return (program) => registerOperate(program);
    },
  },
  {
    names: ['simulate'],
    load: async () => (await import('./commands/simulate.ts')).registerSimulate,
    exitWhenDone: true,
  },
  { names: ['tune'], load: async () => (await import('./commands/tune.ts')).registerTune },
  { names: ['forecast'], load: async () => (await import('./commands/forecast.ts')).registerForecast },
  { names: ['local'], load: async () => (await import('./commands/local.ts')).registerLocal },
  { names: ['demo'], load: async () => (await import('./commands/demo.ts')).registerDemo },
];

/**
 * Registers on `program` the group of the command `args` names first (`args` as the user typed
 * them, without node and the script), or every group when the first argument names none.
 *
 * @returns the group registered alone, or undefined when every group was.
 */
export async function registerCommands(
  program: Command,
  args: readonly string[],
): Promise<CommandGroup | undefined> {
  const named = COMMAND_GROUPS.find((group) => group.names.includes(args[0] ?? ''));
  const groups = named ? [named] : COMMAND_GROUPS;
  const registrations = await Promise.all(groups.map((group) => group.load()));
  for (const register of registrations) register(program);
  return named;
}

import { Command, type ErrorOptions, type Option } from 'commander';

/** Edits allowed between a misspelt flag and the one it resembles (dashes not counted). */
const MAX_EDITS = 3;

/**
 * The `scaler` program and every command under it (commander builds subcommands through
 * {@link ScalerCommand.createCommand}). It adds one thing to commander: a missing required option
 * names the misspelt flag the user did pass, if one resembles it. Commander suggests only for
 * unknown options, and it checks required options first, so `scaler simulate --trce x.csv` used
 * to say only that --trace was missing.
 */
export class ScalerCommand extends Command {
  override createCommand(name?: string): ScalerCommand {
    return new ScalerCommand(name);
  }

  override error(message: string, errorOptions?: ErrorOptions): never {
    if (errorOptions?.code === 'commander.missingMandatoryOptionValue') {
      const hint = misspeltFlagHint(this, message);
      if (hint) return super.error(`${message} (${hint})`, errorOptions);
    }
    return super.error(message, errorOptions);
  }
}

/**
 * `you passed --trce: did you mean --trace?` when one of the flags left over from parsing (in
 * `command.args`, where commander keeps what it did not recognise) is a near miss of a required
 * option still missing: the one the message names, else another (commander names only the first);
 * undefined when none is.
 */
function misspeltFlagHint(command: Command, message: string): string | undefined {
  const passed = command.args
    .filter((token) => token.startsWith('--'))
    .map((token) => token.split('=')[0] as string);
  const missing = command.options
    .filter((option: Option) => option.mandatory && option.long)
    .filter((option) => command.getOptionValue(option.attributeName()) === undefined)
    .sort((a, b) => Number(message.includes(`'${b.flags}'`)) - Number(message.includes(`'${a.flags}'`)));
  for (const option of missing) {
    const wanted = option.long as string;
    const near = passed.find((flag) => editDistance(bare(flag), bare(wanted)) <= allowedEdits(wanted));
    if (near) return `you passed ${near}: did you mean ${wanted}?`;
  }
  return undefined;
}

function bare(flag: string): string {
  return flag.replace(/^--/, '');
}

/** Short flags tolerate fewer edits, so `--to` is not offered for `--out`. */
function allowedEdits(flag: string): number {
  return Math.min(MAX_EDITS, Math.max(1, Math.floor(bare(flag).length / 3)));
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring characters each cost one (a swap is the commonest typo: `--evnets`).
 */
export function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] as number) + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

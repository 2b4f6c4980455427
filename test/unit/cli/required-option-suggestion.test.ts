import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { type Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../bin/compiled-cli.mjs';
import { registerDemo } from '../../../shared/cli/commands/demo.ts';
import { registerForecast } from '../../../shared/cli/commands/forecast.ts';
import { registerLocal } from '../../../shared/cli/commands/local.ts';
import { registerOperate } from '../../../shared/cli/commands/operate.ts';
import { registerReplay } from '../../../shared/cli/commands/replay.ts';
import { registerSimulate } from '../../../shared/cli/commands/simulate.ts';
import { registerTune } from '../../../shared/cli/commands/tune.ts';
import { registerValidate } from '../../../shared/cli/commands/validate.ts';
import { editDistance, ScalerCommand } from '../../../shared/cli/scaler-command.ts';

/** The commands as main.ts registers them, printing into `errors` instead of stderr. */
function program(errors: string[]): ScalerCommand {
  const scaler = new ScalerCommand('scaler')
    .exitOverride()
    .configureOutput({ writeErr: (text) => errors.push(text), writeOut: () => undefined });
  for (const register of [
    registerValidate,
    registerReplay,
    registerOperate,
    registerSimulate,
    registerTune,
    registerForecast,
    registerLocal,
    registerDemo,
  ]) {
    register(scaler);
  }
  return scaler;
}

function commandsOf(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...commandsOf(child)]);
}

function pathOf(command: Command): string[] {
  return command.parent?.parent ? [...pathOf(command.parent), command.name()] : [command.name()];
}

/** `--capacity-per-instance` -> `--acpacity-per-instance`: the first two letters swapped. */
function misspell(flag: string): string {
  return `--${flag[3]}${flag[2]}${flag.slice(4)}`;
}

describe('a missing required option', () => {
  const every = commandsOf(program([])).flatMap((command) =>
    command.options
      .filter((option) => option.mandatory)
      .map((option) => ({ command, path: pathOf(command), option: option.long as string })),
  );

  it('is looked for in every command that has one', () => {
    const commands = new Set(every.map(({ path }) => path.join(' ')));
    expect([...commands].sort()).toEqual(['import', 'pause', 'replay', 'simulate', 'tune']);
  });

  it.each(every.map((entry) => [`${entry.path.join(' ')} ${entry.option}`, entry] as const))(
    '%s: names the flag and the misspelling the user passed',
    async (_, { command, path, option }) => {
      const errors: string[] = [];
      const others = command.options
        .filter((other) => other.mandatory && other.long !== option)
        .flatMap((other) => [other.long as string, '1']);
      const typo = misspell(option);
      const run = program(errors).parseAsync([...path, ...others, `${typo}`, '1'], { from: 'user' });
      await expect(run).rejects.toBeInstanceOf(CommanderError);
      await expect(run).rejects.toMatchObject({ code: 'commander.missingMandatoryOptionValue' });
      expect(errors.join('')).toMatch(
        new RegExp(
          `^error: required option '${option} [^']+' not specified \\(you passed ${typo}: did you mean ${option}\\?\\)`,
        ),
      );
    },
  );

  it('keeps commander’s plain message when nothing passed resembles it', async () => {
    const errors: string[] = [];
    const run = program(errors).parseAsync(['simulate', '--capacity-per-instance', '3', '--json'], {
      from: 'user',
    });
    await expect(run).rejects.toBeInstanceOf(CommanderError);
    expect(errors.join('')).toMatch(/^error: required option '--trace <file>' not specified\n/);
  });

  it('suggests through the compiled CLI, exiting 2 (bad usage)', () => {
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/scaler.mjs'), 'simulate', '--trce', 'x.csv', '--capacity-per-instance', '3'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      "error: required option '--trace <file>' not specified (you passed --trce: did you mean --trace?)",
    );
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and neighbour swaps as one edit each', () => {
    expect(editDistance('trace', 'trace')).toBe(0);
    expect(editDistance('trce', 'trace')).toBe(1);
    expect(editDistance('traces', 'trace')).toBe(1);
    expect(editDistance('trade', 'trace')).toBe(1);
    expect(editDistance('evnets', 'events')).toBe(1);
    expect(editDistance('', 'out')).toBe(3);
    expect(editDistance('config', 'trace')).toBe(6);
  });
});

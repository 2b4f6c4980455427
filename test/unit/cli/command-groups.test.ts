import { describe, expect, it } from 'vitest';
import { COMMAND_GROUPS, registerCommands } from '../../../shared/cli/command-groups.ts';
import { ScalerCommand } from '../../../shared/cli/scaler-command.ts';

async function commandNames(args: readonly string[]): Promise<string[]> {
  const program = new ScalerCommand('scaler');
  await registerCommands(program, args);
  return program.commands.map((command) => command.name());
}

describe('scaler command groups', () => {
  it('name exactly the commands their modules register, in the order --help lists them', async () => {
    expect(await commandNames(['--help'])).toEqual(COMMAND_GROUPS.flatMap((group) => group.names));
  });

  it('register only the group of the command being run', async () => {
    for (const group of COMMAND_GROUPS) {
      for (const name of group.names) {
        expect(await commandNames([name, '--json'])).toEqual(group.names);
      }
    }
  });

  it('register every command for help, a misspelt command or no arguments', async () => {
    const every = COMMAND_GROUPS.flatMap((group) => group.names);
    for (const args of [[], ['help', 'simulate'], ['simulat'], ['--version'], ['--config', 'simulate']]) {
      expect(await commandNames(args)).toEqual(every);
    }
  });
});

import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerDemo } from '../../../shared/cli/commands/demo.ts';

function demoCommand(): Command {
  const program = new Command('scaler');
  registerDemo(program);
  return program.commands.find((command) => command.name() === 'demo') as Command;
}

describe('scaler demo --help', () => {
  it('shows the default slice as ISO instants, not epoch milliseconds or Date strings', () => {
    const help = demoCommand().helpInformation({ error: false }).replace(/\s+/g, ' ');
    expect(help).toContain('--from <iso> play from this instant (UTC) (default: 1995-07-13T12:00:00Z)');
    expect(help).toContain(
      '--to <iso> play until this instant (UTC, exclusive) (default: 1995-07-15T00:00:00Z)',
    );
    expect(help).not.toMatch(/default: \d{9,}/);
  });

  it('still hands the command epoch milliseconds, as a parsed --from would', () => {
    const demo = demoCommand();
    expect(demo.getOptionValue('from')).toBe(Date.parse('1995-07-13T12:00:00Z'));
    expect(demo.getOptionValue('to')).toBe(Date.parse('1995-07-15T00:00:00Z'));
  });
});

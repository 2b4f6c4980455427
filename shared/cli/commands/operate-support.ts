import { userInfo } from 'node:os';
import { type Command, InvalidArgumentError } from 'commander';
import type { ScalingConfig } from '../../domain/model.ts';
import type { OperateClients } from '../../operate/clients.ts';
import type { OperateContext } from '../../operate/context.ts';
import { describeFailure, EXIT_FAILURE } from '../../operate/failures.ts';
import { loadConfigOrFail } from '../config-loading.ts';
import { CliError } from '../errors.ts';

/** What the operate commands take from outside; tests and the demo script replace parts of it. */
export interface OperateDeps {
  env: NodeJS.ProcessEnv;
  /** The clock, read once per command at the edge. */
  now(): number;
  write(text: string): void;
  /** Builds the SDK clients for a region (default: the standard AWS chain). */
  clients(options: { region?: string | undefined }): OperateClients | Promise<OperateClients>;
  /** Who runs the command, recorded by pause and resume. */
  operator(): string | undefined;
}

/** The real world: process env, wall clock, stdout, the default credential chain. */
export const defaultOperateDeps: OperateDeps = {
  env: process.env,
  now: () => Date.now(),
  write: (text) => process.stdout.write(text),
  // The SDK loads when a command first needs it, not at start (`scaler --help` stays fast).
  clients: async (options) => (await import('../../operate/clients.ts')).createOperateClients(options),
  operator: () => {
    try {
      return userInfo().username;
    } catch {
      return undefined;
    }
  },
};

/** The options every command against a stage takes. */
export interface StageOptions {
  stage: string;
  region?: string;
  config: string;
  json?: boolean;
}

/** Adds `--stage`, `--region`, `--config` and `--json`. */
export function withStageOptions(command: Command): Command {
  return command
    .option(
      '--stage <stage>',
      'deployed stage: its table is sagemaker-scaler-<stage> unless SCALER_TABLE_NAME is set',
      'dev',
    )
    .option('--region <region>', 'AWS region (default: AWS_REGION or your profile)')
    .option('--config <file>', 'scaling configuration (the targets)', 'scaling.yml')
    .option('--json', 'print JSON instead of a table');
}

/** A commander parser for a whole number >= 1. */
export function positiveInteger(option: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) {
      throw new InvalidArgumentError(`${option} expects a whole number >= 1, found '${value}'`);
    }
    return parsed;
  };
}

/**
 * Runs a command's work against the stage: loads scaling.yml, builds the clients once, and turns
 * every known failure into a CliError with a sentence and an exit code (never a stack trace).
 */
export async function runAgainstStage(
  deps: OperateDeps,
  options: StageOptions,
  work: (context: OperateContext, config: ScalingConfig) => Promise<void>,
): Promise<void> {
  const config = loadConfigOrFail(options.config);
  await runWithClients(deps, options, (context) => work(context, config));
}

/** As {@link runAgainstStage}, without scaling.yml (for `scaler import`, which writes it). */
export async function runWithClients(
  deps: OperateDeps,
  options: { stage?: string; region?: string | undefined },
  work: (context: OperateContext) => Promise<void>,
): Promise<void> {
  const stage = options.stage ?? 'dev';
  const clients = await deps.clients({ region: options.region });
  const { createOperateContext, tableNameFor } = await import('../../operate/context.ts');
  const { resolvedRegion } = await import('../../operate/clients.ts');
  const context = createOperateContext({ stage, env: deps.env, clients });
  try {
    await work(context);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const region = options.region ?? (await resolvedRegion(clients));
    const known = describeFailure(error, { stage, tableName: tableNameFor(stage, deps.env), region });
    if (known) throw new CliError(known.message, known.exitCode, { cause: error });
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    throw new CliError(`${name}: ${message}`, EXIT_FAILURE, { cause: error });
  } finally {
    clients.destroy();
  }
}

import { InvalidArgumentError } from 'commander';

/** A commander parser for a whole number >= 0, naming the option in its error. */
export function parseWholeNumber(option: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) {
      throw new InvalidArgumentError(`${option} expects a whole number >= 0, found '${value}'`);
    }
    return parsed;
  };
}

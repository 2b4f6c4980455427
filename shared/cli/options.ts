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

/** A commander parser for a whole number in [min, max]; `unit` and `why` explain the bound. */
export function parseWholeNumberUpTo(
  option: string,
  range: { min: number; max: number; unit: string; why: string },
): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isInteger(parsed) || parsed < range.min || parsed > range.max) {
      throw new InvalidArgumentError(
        `${option} expects a whole number of ${range.unit} from ${range.min} to ${range.max} (${range.why}), found '${value}'`,
      );
    }
    return parsed;
  };
}

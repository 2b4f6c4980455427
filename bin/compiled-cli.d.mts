/** The repository root. */
export declare const ROOT: string;
/** Where the build writes the CLI (`SCALER_CLI_DIST` moves it). */
export declare const DIST: string;
/** The build record's file name. */
export declare const RECORD: string;
/** The compiled entry point's file name. */
export declare const ENTRY: string;
/** The compiled entry's path when it is there and current, else why not. */
export declare function compiledCli(
  dist?: string,
  root?: string,
): { entry: string } | { entry?: undefined; reason: string };

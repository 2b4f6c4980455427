/** Builds dist/cli; false when esbuild is not installed. */
export declare function buildCli(options?: { dist?: string; quiet?: boolean }): Promise<boolean>;

/** The endpoint is Updating (or otherwise busy): SageMaker rejected the update; try later. */
export class EndpointBusyError extends Error {
  override readonly name = 'EndpointBusyError';
}

/** The endpoint or the variant does not exist. */
export class EndpointNotFoundError extends Error {
  override readonly name = 'EndpointNotFoundError';
}

/** The variant exists but has no instance count to scale (serverless, inference components). */
export class UnsupportedVariantError extends Error {
  override readonly name = 'UnsupportedVariantError';
}

/** SageMaker refused the capacity itself (ResourceLimitExceeded): retrying will not help. */
export class CapacityRejectedError extends Error {
  override readonly name = 'CapacityRejectedError';
}

/** A conditional write lost a race: another writer changed the target's state first. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
}

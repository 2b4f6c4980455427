/** The endpoint is Updating (or otherwise busy): SageMaker rejected the update; try later. */
export class EndpointBusyError extends Error {
  override readonly name = 'EndpointBusyError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The endpoint or the variant does not exist. */
export class EndpointNotFoundError extends Error {
  override readonly name = 'EndpointNotFoundError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** SageMaker refused the capacity itself (ResourceLimitExceeded): retrying will not help. */
export class CapacityRejectedError extends Error {
  override readonly name = 'CapacityRejectedError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A conditional write lost a race: another writer changed the target's state first. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

// Runs one call of a storage service's SDK (S3, Azure Blob): a 404 answers null, any other failure
// becomes one safe line naming the service, the operation, the HTTP status and the service's error
// code. SDK errors carry requests, headers and signed URLs; none of that may reach a log or an answer.
export class StorageFailure extends Error {
  override readonly name = "StorageFailure";
  constructor(
    message: string,
    /** The HTTP status the service answered, when it answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * Precondition failed (412), or another conditional write on the key in progress (409): the condition is lost, null.
 */
export async function lostCondition<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof StorageFailure && (error.status === 412 || error.status === 409)) return null;
    throw error;
  }
}

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

const safeWord = (value: unknown) => (typeof value === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : null);

export async function sdkCall<T>(service: string, operation: string, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    const shape = (error ?? {}) as SdkErrorShape;
    const status = shape.$metadata?.httpStatusCode ?? shape.statusCode;
    if (status === 404) return null;
    const details = [typeof status === "number" ? String(status) : null, safeWord(shape.code) ?? safeWord(shape.name)]
      .filter(Boolean)
      .join(" ");
    throw new StorageFailure(
      `${service} ${operation} failed${details ? ` (${details})` : ""}`,
      typeof status === "number" ? status : undefined,
    );
  }
}

// Per-request values shared by the middleware and the routes.
import type { ErrorCode } from "../shared/errors.js";

export interface BackendEnvironment {
  Variables: {
    correlationId: string;
    errorCode?: ErrorCode;
  };
}

// Graceful shutdown. Every response is counted until its connection has sent it; once stopping, a
// new API request is refused with 503 shutting_down and its connection closed, so a client or a
// load balancer goes elsewhere, while storage URLs go on being served: Immersity still reads the
// inputs and writes the results of the jobs in progress through them.
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../problem.js";

/**
 * What a response says when it is done: Node's ServerResponse emits "close" once sent, or once its
 * connection is gone.
 */
export interface TrackedResponse {
  once(event: "close", listener: () => void): unknown;
}

export class Drain {
  private inProgress = 0;
  private stopping = false;
  private onIdle: (() => void) | null = null;

  /** For the API routes. */
  readonly middleware: MiddlewareHandler = (_c, next) => {
    if (this.stopping) {
      throw new ApiError("shutting_down", "The backend is shutting down; retry shortly.", {
        connection: "close",
        "retry-after": "5",
      });
    }
    return next();
  };

  track(response: TrackedResponse): void {
    this.inProgress++;
    response.once("close", () => {
      this.inProgress--;
      if (this.inProgress === 0) this.onIdle?.();
    });
  }

  /** Refuses new API requests from now on; true once no response is in progress, false if graceMs passed first. */
  stop(graceMs: number): Promise<boolean> {
    this.stopping = true;
    if (this.inProgress === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), graceMs);
      this.onIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  get requestsInProgress(): number {
    return this.inProgress;
  }
}

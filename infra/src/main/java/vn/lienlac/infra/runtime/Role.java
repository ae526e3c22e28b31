package vn.lienlac.infra.runtime;

/** Which verticles a process runs; scale out by starting more processes of a role. */
public enum Role {
  /** HTTP API, WebSocket and webhooks. */
  API,
  /** Directory sync, audience expansion, delivery and schedules. */
  WORKERS,
  /** Both, in one process (demo, small schools). */
  ALL;

  public boolean runsApi() {
    return this != WORKERS;
  }

  public boolean runsWorkers() {
    return this != API;
  }
}

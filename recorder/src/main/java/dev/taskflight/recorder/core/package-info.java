/**
 * The recorder's core, shared by the library's instrumented pools and the java agent's scheduler
 * adapters: a {@link dev.taskflight.recorder.core.PoolProbe} per pool, a
 * {@link dev.taskflight.recorder.core.WorkerProbe} per worker thread (the hot path: poll start and end,
 * park start and end), the {@link dev.taskflight.recorder.core.Watchdog} that finds long polls in
 * production mode, and the {@link dev.taskflight.recorder.core.PoolRegistry} that writes the periodic
 * samples. It is the surface instrumentations build on, not an API for applications: it changes with
 * Taskflight's versions.
 */
package dev.taskflight.recorder.core;

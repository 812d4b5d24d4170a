/**
 * Worker parks: the {@code taskflight.WorkerPark} handler and its aggregator (idle periods that ended with work queued).
 */
package dev.taskflight.analysis.park;

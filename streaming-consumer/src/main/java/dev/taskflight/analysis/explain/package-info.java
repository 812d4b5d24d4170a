/**
 * The second pass: what the JDK recorded on a worker thread during each long poll and idle park, with the share of the period each cause explains.
 */
package dev.taskflight.analysis.explain;

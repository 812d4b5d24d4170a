/**
 * The findings, one class each, with their thresholds as named constants beside them: plain data in, findings out, free of JFR types, shared by the CLI, the live stream and the JMC rules.
 */
package dev.taskflight.analysis.finding;

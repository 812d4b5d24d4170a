/**
 * The analysis result: immutable records of plain data (nanoseconds, instants, names), and the units the reports use.
 */
package dev.taskflight.analysis.report;

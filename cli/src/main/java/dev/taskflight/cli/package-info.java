/**
 * The {@code jfr-analyze} command line: one subcommand per file, exit codes in {@link dev.taskflight.cli.ExitCodes}.
 */
package dev.taskflight.cli;

/** The JSON output, documented in docs/jfr-analyze-json.md. */
package dev.taskflight.cli.json;

package dev.taskflight.cli;

/** The output formats. */
enum OutputFormat {
    /** Text for people. */
    text,
    /** JSON for programs, documented in docs/jfr-analyze-json.md. */
    json
}

package dev.taskflight.analysis.source;

/** Why a file cannot be analyzed. */
public enum RecordingProblem {
    /** No file at that path. */
    NOT_FOUND,
    /** The path is a directory. */
    DIRECTORY,
    /** The file exists but cannot be read. */
    UNREADABLE,
    /** The file is empty. */
    EMPTY,
    /** The file is not a JFR recording. */
    NOT_A_RECORDING,
    /** The file is a JFR recording of a format version this reader does not know. */
    UNSUPPORTED_VERSION,
    /** The file is a JFR recording, but damaged before anything could be read. */
    CORRUPT
}

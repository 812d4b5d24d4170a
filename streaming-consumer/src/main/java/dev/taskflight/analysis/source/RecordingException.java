package dev.taskflight.analysis.source;

import java.io.IOException;
import java.util.Objects;

/** A file that cannot be analyzed, with the reason as a {@link RecordingProblem} and one plain sentence. */
public final class RecordingException extends IOException {

    private static final long serialVersionUID = 1L;

    private final RecordingProblem problem;

    /**
     * Creates the exception.
     *
     * @param problem the reason, not {@code null}
     * @param message one sentence naming the file and the problem, not {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public RecordingException(RecordingProblem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * Returns the reason.
     *
     * @return the reason, not {@code null}
     */
    public RecordingProblem problem() {
        return problem;
    }
}

package dev.taskflight.cli.visual;

import java.io.IOException;

/** The output would be, or has become, larger than allowed; the message is one line that suggests a window. */
public final class OutputTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line, not {@code null}
     */
    public OutputTooLargeException(String message) {
        super(message);
    }
}

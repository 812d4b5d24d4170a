package dev.taskflight.analysis.explain;

/** Lets tests in other packages reach {@link PollInProgressHandler#innermostFrame}. */
public final class PollInProgressHandlerAccess {

    private PollInProgressHandlerAccess() {
    }

    public static String innermost(String stack) {
        return PollInProgressHandler.innermostFrame(stack);
    }
}

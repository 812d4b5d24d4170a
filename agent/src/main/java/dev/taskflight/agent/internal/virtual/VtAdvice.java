package dev.taskflight.agent.internal.virtual;

import dev.taskflight.recorder.core.WorkerProbe;
import net.bytebuddy.asm.Advice;

/** The advice woven into {@code java.lang.VirtualThread} (JDK 21 and later). */
public final class VtAdvice {

    private VtAdvice() {
    }

    /** On the constructor {@code VirtualThread(Executor, String, int, Runnable)}. */
    public static final class Constructed {
        private Constructed() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Thread vthread, @Advice.Argument(3) Runnable task) {
            VtHooks.created(vthread, task);
        }
    }

    /** On every {@code *submitRunContinuation*} method. */
    public static final class Submit {
        private Submit() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Thread vthread) {
            VtHooks.submitted(vthread);
        }
    }

    /** On {@code runContinuation()}: one mount, from mount to unmount. */
    public static final class RunContinuation {
        private RunContinuation() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static WorkerProbe enter(@Advice.This Thread vthread) {
            return VtHooks.mountStart(vthread);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter WorkerProbe w, @Advice.This Thread vthread) {
            VtHooks.mountEnd(w, vthread);
        }
    }
}

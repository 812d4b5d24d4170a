package dev.taskflight.agent.internal.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.taskflight.agent.internal.adapter.SchedulerAdapter;
import dev.taskflight.agent.internal.adapter.TypeShape;
import dev.taskflight.agent.internal.adapter.Weaver;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Netty's event loops and executors: in 4.2, {@code SingleThreadIoEventLoop} with the NIO, epoll or
 * io_uring {@code IoHandler}; in 4.1, {@code NioEventLoop} and {@code EpollEventLoop}; in both,
 * {@code DefaultEventExecutor}. An {@code EventLoopGroup} or {@code EventExecutorGroup} is one pool,
 * one worker per loop (see {@link NettyHooks}). 4.2 keeps the 4.1 loop classes' names for loops built
 * on {@code SingleThreadIoEventLoop}: those are recognised as such and woven through their handler.
 */
public final class NettyAdapter implements SchedulerAdapter {

    private static final String LOOP = "io.netty.channel.SingleThreadIoEventLoop";
    private static final String NIO = "io.netty.channel.nio.NioIoHandler";
    private static final String EPOLL = "io.netty.channel.epoll.EpollIoHandler";
    private static final String IO_URING = "io.netty.channel.uring.IoUringIoHandler";
    private static final String URING_SUBMISSIONS = "io.netty.channel.uring.SubmissionQueue";
    private static final String NIO_LOOP = "io.netty.channel.nio.NioEventLoop";
    private static final String EPOLL_LOOP = "io.netty.channel.epoll.EpollEventLoop";
    private static final String EPOLL_EVENTS = "io.netty.channel.epoll.EpollEventArray";
    private static final String CONTEXT = "io.netty.channel.IoHandlerContext";
    private static final String ABSTRACT_EXECUTOR = "io.netty.util.concurrent.AbstractEventExecutor";
    private static final String EXECUTOR = "io.netty.util.concurrent.SingleThreadEventExecutor";
    static final String DEFAULT_EXECUTOR = "io.netty.util.concurrent.DefaultEventExecutor";
    private static final String RUNNABLE = Runnable.class.getName();
    /** The waits of an epoll loop (4.1) or I/O handler (4.2) for ready events; not the non-blocking {@code epollWaitNow}. */
    private static final String[] EPOLL_WAITS = {"epollWaitNoTimerChange", "epollWaitTimeboxed", "epollBusyWait"};

    static final TypeShape LOOP_42 = TypeShape.of(LOOP).method("run");
    static final TypeShape NIO_42 = TypeShape.of(NIO).method("select", CONTEXT, "boolean")
            .method("processSelectedKeys").field("selectedKeys");
    static final TypeShape EPOLL_42 = epollShape(EPOLL).method("epollWait", CONTEXT, "long");
    static final TypeShape IO_URING_42 = TypeShape.of(IO_URING)
            .method("submitAndWaitWithTimeout", URING_SUBMISSIONS, "boolean", "long")
            .method("processCompletionsAndHandleOverflow", URING_SUBMISSIONS, "io.netty.channel.uring.CompletionQueue",
                    "io.netty.channel.uring.CompletionCallback");
    /** 4.2's {@code NioEventLoop}: a {@code SingleThreadIoEventLoop}, woven through {@link #LOOP_42} and {@link #NIO_42}. */
    static final TypeShape NIO_LOOP_42 = TypeShape.of(NIO_LOOP).extending(LOOP);
    static final TypeShape NIO_LOOP_41 = TypeShape.of(NIO_LOOP).method("run").method("select", "long")
            .method("processSelectedKeys").field("selectedKeys");
    /** 4.2's {@code EpollEventLoop}: a {@code SingleThreadIoEventLoop}, woven through {@link #LOOP_42} and {@link #EPOLL_42}. */
    static final TypeShape EPOLL_LOOP_42 = TypeShape.of(EPOLL_LOOP).extending(LOOP);
    static final TypeShape EPOLL_LOOP_41 = epollShape(EPOLL_LOOP).method("run").method("epollWait", "long");

    @Override
    public String family() {
        return "netty";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Weaver weaver) {
        AgentBuilder b = weaver.weave(builder, family(), LOOP_42,
                Weaver.advice(NettyAdvice.LoopRun.class, named("run").and(takesArguments(0))));
        b = weaver.weave(b, family(), NIO_42,
                Weaver.advice(NettyAdvice.Select.class, named("select").and(takesArguments(2))
                        .and(takesArgument(0, named(CONTEXT)))),
                Weaver.advice(NettyAdvice.ProcessSelectedKeys.class,
                        named("processSelectedKeys").and(takesArguments(0))));
        b = weaver.weave(b, family(), EPOLL_42,
                Weaver.advice(NettyAdvice.Select.class, epollWaits(CONTEXT, "long")),
                Weaver.advice(NettyAdvice.ProcessReady.class, processReady()));
        b = weaver.weave(b, family(), IO_URING_42,
                Weaver.advice(NettyAdvice.Select.class, named("submitAndWaitWithTimeout").and(takesArguments(3))
                        .and(takesArgument(0, named(URING_SUBMISSIONS)))),
                Weaver.advice(NettyAdvice.ProcessReady.class, named("processCompletionsAndHandleOverflow")
                        .and(takesArguments(3)).and(takesArgument(0, named(URING_SUBMISSIONS)))));
        b = weaver.weaveVersions(b, family(), Weaver.version(NIO_LOOP_42),
                Weaver.version(NIO_LOOP_41,
                        Weaver.advice(NettyAdvice.LoopRun.class, named("run").and(takesArguments(0))),
                        Weaver.advice(NettyAdvice.Select.class, named("select").and(takesArguments(long.class))),
                        Weaver.advice(NettyAdvice.ProcessSelectedKeys.class,
                                named("processSelectedKeys").and(takesArguments(0)))));
        b = weaver.weaveVersions(b, family(), Weaver.version(EPOLL_LOOP_42),
                Weaver.version(EPOLL_LOOP_41,
                        Weaver.advice(NettyAdvice.LoopRun.class, named("run").and(takesArguments(0))),
                        Weaver.advice(NettyAdvice.Select.class, epollWaits("long")),
                        Weaver.advice(NettyAdvice.ProcessReady.class, processReady())));
        b = weaver.weave(b, family(), TypeShape.of(ABSTRACT_EXECUTOR).method("runTask", RUNNABLE),
                Weaver.advice(NettyAdvice.RunTask.class, named("runTask").and(takesArguments(1))
                        .and(takesArgument(0, named(RUNNABLE)))));
        b = weaver.weave(b, family(), TypeShape.of(EXECUTOR).method("takeTask").method("execute", RUNNABLE)
                        .field("taskQueue"),
                // an executor running at an attach is reached anew only here: its run loop never returns
                Weaver.advice(weaver.attached() ? NettyAdvice.LateTakeTask.class : NettyAdvice.TakeTask.class,
                        named("takeTask").and(takesArguments(0))),
                Weaver.advice(NettyAdvice.Execute.class, named("execute").and(takesArguments(1))
                        .and(takesArgument(0, named(RUNNABLE)))));
        return weaver.weave(b, family(), TypeShape.of(DEFAULT_EXECUTOR).method("run"),
                Weaver.advice(NettyAdvice.ExecutorRun.class, named("run").and(takesArguments(0))));
    }

    /** What an epoll loop (4.1) or handler (4.2) has besides its main wait: the other waits and {@code processReady}. */
    private static TypeShape epollShape(String type) {
        TypeShape shape = TypeShape.of(type).method("processReady", EPOLL_EVENTS, "int");
        for (String wait : EPOLL_WAITS) {
            shape = shape.method(wait);
        }
        return shape;
    }

    /** The waits for ready events: {@code epollWait} with these parameters, and the others of {@link #EPOLL_WAITS}. */
    private static ElementMatcher<MethodDescription> epollWaits(String... epollWaitParameters) {
        ElementMatcher.Junction<MethodDescription> waits = named("epollWait").and(takesArguments(epollWaitParameters.length));
        for (int i = 0; i < epollWaitParameters.length; i++) {
            waits = waits.and(takesArgument(i, named(epollWaitParameters[i])));
        }
        for (String wait : EPOLL_WAITS) {
            waits = waits.or(named(wait).and(takesArguments(0)));
        }
        return waits;
    }

    private static ElementMatcher<MethodDescription> processReady() {
        return named("processReady").and(takesArguments(2)).and(takesArgument(0, named(EPOLL_EVENTS)));
    }
}

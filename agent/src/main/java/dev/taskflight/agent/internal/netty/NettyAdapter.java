package dev.taskflight.agent.internal.netty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.taskflight.agent.internal.adapter.SchedulerAdapter;
import dev.taskflight.agent.internal.adapter.TypeShape;
import dev.taskflight.agent.internal.adapter.Weaver;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Netty 4.2's event loops and executors: {@code SingleThreadIoEventLoop} with the NIO
 * {@code IoHandler}, and {@code DefaultEventExecutor}; an {@code EventLoopGroup} or
 * {@code EventExecutorGroup} is one pool, one worker per loop (see {@link NettyHooks}).
 */
public final class NettyAdapter implements SchedulerAdapter {

    private static final String LOOP = "io.netty.channel.SingleThreadIoEventLoop";
    private static final String NIO = "io.netty.channel.nio.NioIoHandler";
    private static final String CONTEXT = "io.netty.channel.IoHandlerContext";
    private static final String ABSTRACT_EXECUTOR = "io.netty.util.concurrent.AbstractEventExecutor";
    private static final String EXECUTOR = "io.netty.util.concurrent.SingleThreadEventExecutor";
    private static final String DEFAULT_EXECUTOR = "io.netty.util.concurrent.DefaultEventExecutor";
    private static final String RUNNABLE = Runnable.class.getName();

    @Override
    public String family() {
        return "netty";
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Weaver weaver) {
        AgentBuilder b = weaver.weave(builder, family(), TypeShape.of(LOOP).method("run"),
                Weaver.advice(NettyAdvice.LoopRun.class, named("run").and(takesArguments(0))));
        b = weaver.weave(b, family(), TypeShape.of(NIO).method("select", CONTEXT, "boolean")
                        .method("processSelectedKeys").field("selectedKeys"),
                Weaver.advice(NettyAdvice.Select.class, named("select").and(takesArguments(2))
                        .and(takesArgument(0, named(CONTEXT)))),
                Weaver.advice(NettyAdvice.ProcessSelectedKeys.class,
                        named("processSelectedKeys").and(takesArguments(0))));
        b = weaver.weave(b, family(), TypeShape.of(ABSTRACT_EXECUTOR).method("runTask", RUNNABLE),
                Weaver.advice(NettyAdvice.RunTask.class, named("runTask").and(takesArguments(1))
                        .and(takesArgument(0, named(RUNNABLE)))));
        b = weaver.weave(b, family(), TypeShape.of(EXECUTOR).method("takeTask").method("execute", RUNNABLE)
                        .field("taskQueue"),
                Weaver.advice(NettyAdvice.TakeTask.class, named("takeTask").and(takesArguments(0))),
                Weaver.advice(NettyAdvice.Execute.class, named("execute").and(takesArguments(1))
                        .and(takesArgument(0, named(RUNNABLE)))));
        return weaver.weave(b, family(), TypeShape.of(DEFAULT_EXECUTOR).method("run"),
                Weaver.advice(NettyAdvice.ExecutorRun.class, named("run").and(takesArguments(0))));
    }
}

package dev.taskflight.events.agent;

import dev.taskflight.events.EventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * The Taskflight java agent is attached: written at the start of every chunk, whether or not any
 * pool exists yet, so that a recording says the agent was there even when no pool ran a task, and
 * at its end, naming the families hooked during the chunk.
 */
@Name(EventNames.AGENT_INFO)
@Label("Agent Info")
@Category({EventNames.CATEGORY, "Agent"})
@Description("The Taskflight java agent is attached: its version, mode and the scheduler families it hooked")
@Enabled(true)
@Period("everyChunk")
@StackTrace(false)
public final class AgentInfoEvent extends Event {

    @Label("Taskflight Version")
    @Description("Version of the agent")
    public String taskflightVersion;

    @Label("Mode")
    @Description("The mode asked for: auto (follow the recordings' settings), production or trace")
    public String mode;

    @Label("Attached")
    @Description("Whether the agent was attached to a running JVM rather than started with -javaagent")
    public boolean attached;

    @Label("Adapters")
    @Description("Every scheduler family the agent has an adapter for, comma-separated")
    public String adapters;

    @Label("Hooked")
    @Description("The scheduler families whose classes the agent has instrumented so far, comma-separated")
    public String hooked;

    @Label("Skipped")
    @Description("Scheduler families the agent did not instrument, each with the reason, separated by '; '")
    public String skipped;
}

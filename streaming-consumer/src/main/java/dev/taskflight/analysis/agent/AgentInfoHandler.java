package dev.taskflight.analysis.agent;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.Fields;
import dev.taskflight.events.EventNames;
import jdk.jfr.consumer.RecordedEvent;

/** Reads {@code taskflight.AgentInfo}: the java agent was attached. */
public final class AgentInfoHandler implements EventHandler {

    private final AgentPresence presence;

    /** Creates a handler feeding {@code presence}. */
    public AgentInfoHandler(AgentPresence presence) {
        this.presence = presence;
    }

    @Override
    public String eventName() {
        return EventNames.AGENT_INFO;
    }

    @Override
    public void handle(RecordedEvent event) {
        presence.seen(Fields.getString(event, "taskflightVersion", ""), Fields.getString(event, "mode", ""),
                Fields.getString(event, "hooked", ""), Fields.getString(event, "skipped", ""));
    }
}

package dev.taskflight.analysis.agent;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.EventNames;
import dev.taskflight.events.FieldNames;

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
    public void handle(EventView event) {
        presence.seen(event.getString(FieldNames.TASKFLIGHT_VERSION, ""), event.getString(FieldNames.MODE, ""),
                event.getString(FieldNames.HOOKED, ""), event.getString(FieldNames.SKIPPED, ""));
    }
}

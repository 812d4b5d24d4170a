package dev.taskflight.analysis.explain;

import dev.taskflight.analysis.EventHandler;
import dev.taskflight.analysis.internal.JdkEventNames;
import dev.taskflight.analysis.read.EventView;
import dev.taskflight.events.FieldNames;
import java.util.Locale;

/**
 * Reads {@code jdk.ActiveSetting}: the sampling period, to turn sample counts into CPU time. The
 * setting names its event type by id ({@code jdk.jfr.consumer}) or by name (a parser that resolves it).
 */
final class ActiveSettingHandler implements EventHandler {

    private final Correlation c;

    ActiveSettingHandler(Correlation c) {
        this.c = c;
    }

    @Override
    public String eventName() {
        return JdkEventNames.ACTIVE_SETTING;
    }

    @Override
    public void handle(EventView event) {
        if (!"period".equals(event.getString(FieldNames.SETTING_NAME, null))) {
            return;
        }
        long nanos = parsePeriod(event.getString(FieldNames.SETTING_VALUE, ""));
        if (nanos > 0) {
            String typeName = event.getString(FieldNames.SETTING_ID, null);
            if (typeName != null) {
                c.periodsByTypeName.put(typeName, nanos);
            } else {
                c.periodsByTypeId.put(event.getLong(FieldNames.SETTING_ID, -1), nanos);
            }
        }
    }

    /** Parses a period setting such as {@code 10 ms} or {@code 20ms}; 0 if it is not one. */
    static long parsePeriod(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return 0;
        }
        long n;
        try {
            n = Long.parseLong(v.substring(0, i));
        } catch (NumberFormatException e) {
            return 0;
        }
        switch (v.substring(i).trim()) {
            case "ns": return n;
            case "us": return n * 1_000L;
            case "ms": return n * 1_000_000L;
            case "s": return n * 1_000_000_000L;
            case "m": return n * 60_000_000_000L;
            default: return 0;
        }
    }
}

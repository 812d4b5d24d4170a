package dev.taskflight.jmc.internal;

import java.util.Locale;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.util.LabeledIdentifier;
import org.openjdk.jmc.flightrecorder.JfrAttributes;
import org.openjdk.jmc.flightrecorder.jdk.JdkAttributes;
import org.openjdk.jmc.flightrecorder.jdk.JdkTypeIDs;

/** The sampling period of an event type, from the recording's settings ({@code jdk.ActiveSetting}). */
final class SamplingPeriod {

    private SamplingPeriod() {
    }

    /** Returns the latest {@code period} setting of the type, in nanoseconds, or {@code dflt}. */
    static long of(IItemCollection items, String typeId, long dflt) {
        long[] latest = {Long.MIN_VALUE, dflt};
        TaskflightReader.forEach(items, JdkTypeIDs.RECORDING_SETTING, (type, it) -> {
            IMemberAccessor<LabeledIdentifier, IItem> target = ItemFields.accessor(type, JdkAttributes.REC_SETTING_FOR);
            IMemberAccessor<String, IItem> name = ItemFields.accessor(type, JdkAttributes.REC_SETTING_NAME);
            IMemberAccessor<String, IItem> value = ItemFields.accessor(type, JdkAttributes.REC_SETTING_VALUE);
            IMemberAccessor<IQuantity, IItem> start = ItemFields.accessor(type, JfrAttributes.START_TIME);
            for (IItem item : it) {
                LabeledIdentifier id = ItemFields.get(target, item);
                if (id == null || !typeId.equals(id.getInterfaceId()) || !"period".equals(ItemFields.get(name, item))) {
                    continue;
                }
                long nanos = parse(ItemFields.get(value, item));
                long time = ItemFields.epochNanos(ItemFields.get(start, item), 0);
                if (nanos > 0 && time >= latest[0]) {
                    latest[0] = time;
                    latest[1] = nanos;
                }
            }
        });
        return latest[1];
    }

    /** Parses a period such as {@code 10 ms} or {@code 20ms}; 0 if it is not one. */
    static long parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 18) {
            return 0;
        }
        long n = Long.parseLong(v.substring(0, i));
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

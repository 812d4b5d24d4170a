package dev.taskflight.jmc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmc.common.IMCModule;
import org.openjdk.jmc.common.IMCPackage;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCThreadGroup;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IAttribute;
import org.openjdk.jmc.common.item.ICanonicalAccessorFactory;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.item.ItemCollectionToolkit;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.JfrAttributes;

/**
 * Item collections built by hand, as JMC's parser would build them from a recording: each item of a
 * type carries values for the type's attributes, keyed by identifier and content type. Lets a test
 * set durations, counters and content types exactly.
 */
final class SyntheticItems {

    /** The start of every synthetic recording, in nanoseconds since the epoch. */
    static final long T0 = 1_700_000_000_000_000_000L;

    private final Map<String, FakeType> types = new HashMap<>();
    private final List<IItem> items = new ArrayList<>();

    /**
     * Adds an event.
     *
     * @param type the event type's identifier, such as {@code taskflight.TaskPoll}
     * @param startNanos the start, in nanoseconds after {@link #T0}
     * @param durationNanos the duration
     * @param thread the event thread, or {@code null}
     * @param fields further attributes and their values
     * @return this
     */
    SyntheticItems event(String type, long startNanos, long durationNanos, IMCThread thread, Object... fields) {
        Map<IAttribute<?>, Object> values = new LinkedHashMap<>();
        values.put(JfrAttributes.START_TIME, UnitLookup.EPOCH_NS.quantity(T0 + startNanos));
        values.put(JfrAttributes.END_TIME, UnitLookup.EPOCH_NS.quantity(T0 + startNanos + durationNanos));
        values.put(JfrAttributes.DURATION, UnitLookup.NANOSECOND.quantity(durationNanos));
        if (thread != null) {
            values.put(JfrAttributes.EVENT_THREAD, thread);
        }
        for (int i = 0; i < fields.length; i += 2) {
            values.put((IAttribute<?>) fields[i], fields[i + 1]);
        }
        FakeType t = types.computeIfAbsent(type, FakeType::new);
        values.keySet().forEach(t::add);
        Map<IAccessorKey<?>, Object> byKey = new HashMap<>();
        values.forEach((a, v) -> byKey.put(a.getKey(), v));
        items.add(new FakeItem(t, byKey));
        return this;
    }

    IItemCollection build() {
        return ItemCollectionToolkit.build(new ArrayList<>(items).stream());
    }

    static IQuantity ms(double millis) {
        return UnitLookup.MILLISECOND.quantity(millis);
    }

    static IQuantity number(long n) {
        return UnitLookup.NUMBER_UNITY.quantity(n);
    }

    static IMCThread thread(long id, String name) {
        return new IMCThread() {
            @Override
            public Long getThreadId() {
                return id;
            }

            @Override
            public String getThreadName() {
                return name;
            }

            @Override
            public IMCThreadGroup getThreadGroup() {
                return null;
            }
        };
    }

    static IMCType type(String packageName, String simpleName) {
        IMCPackage pkg = new IMCPackage() {
            @Override
            public String getName() {
                return packageName;
            }

            @Override
            public IMCModule getModule() {
                return null;
            }

            @Override
            public Boolean isExported() {
                return Boolean.TRUE;
            }
        };
        return new IMCType() {
            @Override
            public String getTypeName() {
                return simpleName;
            }

            @Override
            public IMCPackage getPackage() {
                return pkg;
            }

            @Override
            public String getFullName() {
                return packageName + "." + simpleName;
            }
        };
    }

    private record FakeItem(FakeType type, Map<IAccessorKey<?>, Object> values) implements IItem {
        @Override
        public IType<?> getType() {
            return type;
        }
    }

    private static final class FakeType implements IType<IItem> {
        private final String id;
        private final Map<IAccessorKey<?>, IAttribute<?>> attributes = new LinkedHashMap<>();

        FakeType(String id) {
            this.id = id;
        }

        void add(IAttribute<?> a) {
            attributes.putIfAbsent(a.getKey(), a);
        }

        @Override
        public String getIdentifier() {
            return id;
        }

        @Override
        public String getName() {
            return id;
        }

        @Override
        public String getDescription() {
            return id;
        }

        @Override
        public List<IAttribute<?>> getAttributes() {
            return new ArrayList<>(attributes.values());
        }

        @Override
        public Map<IAccessorKey<?>, ? extends org.openjdk.jmc.common.IDescribable> getAccessorKeys() {
            return attributes;
        }

        @Override
        public boolean hasAttribute(ICanonicalAccessorFactory<?> attribute) {
            return attributes.containsKey(attribute.getKey());
        }

        @Override
        @SuppressWarnings("unchecked")
        public <M> IMemberAccessor<M, IItem> getAccessor(IAccessorKey<M> key) {
            if (!attributes.containsKey(key)) {
                return null;
            }
            return item -> (M) ((FakeItem) item).values().get(key);
        }
    }
}

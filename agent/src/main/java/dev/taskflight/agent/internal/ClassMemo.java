package dev.taskflight.agent.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A value per class, for hooks that run on application threads, read without a lock. It stands
 * where a {@link ClassValue} would: {@code ClassValue.get} takes a monitor on a class's first sight
 * (and on a collision in its per-class cache), and two pool workers meeting a new task class at the
 * same moment were seen waiting 11 ms there on a busy machine (JDK 25).
 *
 * <p>Reads probe an open-addressed table of entries whose keys are held weakly, with plain
 * acquiring reads; a miss computes the value on the calling thread, outside any lock, and claims an
 * empty or cleared slot with a compare-and-set. Two threads missing the same class may both compute
 * it, so the computation must give equal answers and have no side effect. The table grows when half
 * full, or when a class finds no free slot near its home, up to {@link #MAX_CAPACITY} slots; past
 * that, a class not yet in it is computed on each call.
 *
 * <p>An entry holds its value strongly. A value that refers to its class (a handle on one of its
 * fields or methods) would keep the class, and its class loader, from ever being unloaded; such a
 * value, for a hidden class or a class of any loader but the boot, platform and system ones, is kept
 * instead by a {@code ClassValue}, which lives as long as its class (and takes its monitor on first
 * sight). The constructor's {@code pins} says which values refer to classes.
 *
 * @param <V> the value type; {@code null} values are allowed
 */
public final class ClassMemo<V> {

    /** The most slots a table grows to. */
    static final int MAX_CAPACITY = 1 << 16;

    private static final int INITIAL_CAPACITY = 64;

    /** The most slots a read or a store looks at from a class's home slot. */
    private static final int MAX_PROBES = 32;

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Entry[].class);
    private static final VarHandle TABLE;
    private static final VarHandle USED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TABLE = lookup.findVarHandle(ClassMemo.class, "table", Table.class);
            USED = lookup.findVarHandle(Table.class, "used", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
    private static final ClassLoader SYSTEM = ClassLoader.getSystemClassLoader();

    /** The value of an entry whose class's value is kept by {@link #lifetime}. */
    private static final Object IN_CLASS_VALUE = new Object();

    /** A class, held weakly, and its value or {@link #IN_CLASS_VALUE}. */
    private static final class Entry<V> extends WeakReference<Class<?>> {
        final Object value;

        Entry(Class<?> type, Object value) {
            super(type);
            this.value = value;
        }
    }

    /** The slots, how many of them have ever been claimed, and whether it is full at its largest. */
    private static final class Table<V> {
        final Entry<V>[] slots;
        volatile int used;
        volatile boolean full;

        @SuppressWarnings("unchecked")
        Table(int capacity) {
            this.slots = new Entry[capacity];
        }
    }

    private final Function<Class<?>, V> compute;
    private final Predicate<? super V> pins;
    private final ClassValue<V> lifetime;
    private volatile Table<V> table = new Table<>(INITIAL_CAPACITY);

    /**
     * Creates a memo whose values never refer to a class that could be unloaded.
     *
     * @param compute the value of a class; called outside any lock, perhaps more than once per class
     */
    public ClassMemo(Function<Class<?>, V> compute) {
        this(compute, NEVER);
    }

    /**
     * No value refers to a class. Not a lambda: the lambda factory's hook ({@code LambdaNames}) makes
     * a memo in its own initialization, where spinning a lambda would call it again.
     */
    private static final Predicate<Object> NEVER = new Predicate<>() {
        @Override
        public boolean test(Object value) {
            return false;
        }
    };

    /**
     * Creates a memo some of whose values refer to their class.
     *
     * @param compute the value of a class; called outside any lock, perhaps more than once per class
     * @param pins whether a value refers to its class (or to its class's loader)
     */
    public ClassMemo(Function<Class<?>, V> compute, Predicate<? super V> pins) {
        this.compute = compute;
        this.pins = pins;
        this.lifetime = new ClassValue<>() {
            @Override
            protected V computeValue(Class<?> type) {
                return compute.apply(type);
            }
        };
    }

    /**
     * Returns the value of a class, computing it on a first sight.
     *
     * @param type the class, not {@code null}
     * @return its value
     */
    public V get(Class<?> type) {
        Entry<V>[] slots = table.slots;
        int mask = slots.length - 1;
        for (int i = home(type, mask), probes = 0; probes < MAX_PROBES; i = (i + 1) & mask, probes++) {
            @SuppressWarnings("unchecked")
            Entry<V> e = (Entry<V>) SLOTS.getAcquire(slots, i);
            if (e == null) {
                break;
            }
            if (e.refersTo(type)) {
                return e.value == IN_CLASS_VALUE ? lifetime.get(type) : value(e);
            }
        }
        V value = compute.apply(type);
        if (pins.test(value) && !permanent(type)) {
            store(new Entry<>(type, IN_CLASS_VALUE));
            return lifetime.get(type);
        }
        store(new Entry<>(type, value));
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <V> V value(Entry<V> e) {
        return (V) e.value;
    }

    /**
     * Sets the value of a class, as a first sight would have computed it, if it has none yet.
     *
     * @param type the class, not {@code null}
     * @param value its value, which must not refer to the class
     */
    public void putIfAbsent(Class<?> type, V value) {
        store(new Entry<>(type, value));
    }

    /**
     * Stores an entry in the current table, again in each table a resize put in its place meanwhile,
     * whether or not the replaced one had room for it. A table with no free slot within
     * {@link #MAX_PROBES} of the entry's home is grown first, unless it is full at its largest. Ends
     * once the table it stored in, or found full, is still the current one: tables are replaced only
     * as the memo grows, up to {@link #MAX_CAPACITY}, so other threads' resizes end too.
     */
    private void store(Entry<V> entry) {
        for (;;) {
            Table<V> t = table;
            if (!insert(t, entry) && !t.full && entry.get() != null && table == t) {
                resize(t, true); // replaces t, or marks it full; either way the next turn ends
                continue;
            }
            if (table == t) {
                return;
            }
        }
    }

    /**
     * Puts an entry in a table: in the first empty slot, or one whose class was unloaded, within
     * {@link #MAX_PROBES} of its class's home; not at all if its class is there already.
     *
     * @return {@code false} if there was no room
     */
    private boolean insert(Table<V> t, Entry<V> entry) {
        Class<?> type = entry.get();
        if (type == null) {
            return false;
        }
        Entry<V>[] slots = t.slots;
        int mask = slots.length - 1;
        for (int i = home(type, mask), probes = 0; probes < MAX_PROBES; i = (i + 1) & mask, probes++) {
            @SuppressWarnings("unchecked")
            Entry<V> e = (Entry<V>) SLOTS.getAcquire(slots, i);
            if (e == null) {
                if (SLOTS.compareAndSet(slots, i, null, entry)) {
                    int used = (int) USED.getAndAdd(t, 1) + 1;
                    if (used * 2 > slots.length && !t.full) {
                        resize(t, false);
                    }
                    return true;
                }
                e = (Entry<V>) SLOTS.getAcquire(slots, i);
            }
            if (e.refersTo(type)) {
                return true;
            }
            if (e.refersTo(null) && SLOTS.compareAndSet(slots, i, e, entry)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces a table more than half used, or crowded around some class's home, by one holding its
     * live entries with room for three times as many again, up to {@link #MAX_CAPACITY}; marks it full
     * if even that has no room. A crowded table is replaced by a larger one.
     *
     * <p>Entries stored in the old table while it is copied are stored again, in whatever table is
     * current by then: the thread that stored one checks the table after storing and stores again if
     * it sees the new one, and this second pass covers a thread that checked before the replacement.
     * The second pass stores as {@link #store} does, since the new table may itself have been replaced
     * meanwhile.
     */
    private void resize(Table<V> t, boolean crowded) {
        Entry<V>[] slots = t.slots;
        int live = 0;
        for (int i = 0; i < slots.length; i++) {
            @SuppressWarnings("unchecked")
            Entry<V> e = (Entry<V>) SLOTS.getAcquire(slots, i);
            if (e != null && !e.refersTo(null)) {
                live++;
            }
        }
        int capacity = slots.length;
        while (live * 4 > capacity && capacity < MAX_CAPACITY) {
            capacity *= 2;
        }
        if (crowded && capacity == slots.length && capacity < MAX_CAPACITY) {
            capacity *= 2;
        }
        if (live * 2 > capacity || (crowded && capacity == slots.length)) {
            t.full = true; // new classes go in free slots near their home, or are computed on each call
            return;
        }
        Table<V> grown = copy(slots, capacity);
        if (TABLE.compareAndSet(this, t, grown)) {
            for (int i = 0; i < slots.length; i++) {
                @SuppressWarnings("unchecked")
                Entry<V> e = (Entry<V>) SLOTS.getVolatile(slots, i);
                if (e != null && !e.refersTo(null)) {
                    store(e);
                }
            }
        }
    }

    /**
     * A table no other thread sees yet, holding a table's live entries each within {@link #MAX_PROBES}
     * of its home: of the given capacity, or larger where that has a crowded home. At
     * {@link #MAX_CAPACITY} an entry with no room is left out, and its class computed again when next
     * read.
     */
    private static <V> Table<V> copy(Entry<V>[] slots, int capacity) {
        for (;;) {
            Table<V> grown = new Table<>(capacity);
            boolean roomForAll = true;
            for (int i = 0; i < slots.length; i++) {
                @SuppressWarnings("unchecked")
                Entry<V> e = (Entry<V>) SLOTS.getAcquire(slots, i);
                Class<?> type = e == null ? null : e.get();
                if (type != null && !place(grown, type, e)) {
                    roomForAll = false;
                }
            }
            if (roomForAll || capacity == MAX_CAPACITY) {
                return grown;
            }
            capacity *= 2;
        }
    }

    /**
     * Puts an entry in a table no other thread sees yet, within {@link #MAX_PROBES} of its home.
     *
     * @return {@code false} if there was no room
     */
    private static <V> boolean place(Table<V> t, Class<?> type, Entry<V> entry) {
        Entry<V>[] slots = t.slots;
        int mask = slots.length - 1;
        for (int i = home(type, mask), probes = 0; probes < MAX_PROBES; i = (i + 1) & mask, probes++) {
            if (slots[i] == null) {
                slots[i] = entry;
                t.used++;
                return true;
            }
        }
        return false;
    }

    /** The slot a class's entry is looked for from, in a table of {@code mask + 1} slots. */
    static int home(Class<?> type, int mask) {
        int h = System.identityHashCode(type);
        return (h ^ (h >>> 16)) & mask;
    }

    /** Whether a class is never unloaded: not hidden (a lambda's class is), of the boot, platform or system loader. */
    private static boolean permanent(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return !type.isHidden() && (loader == null || loader == PLATFORM || loader == SYSTEM);
    }
}

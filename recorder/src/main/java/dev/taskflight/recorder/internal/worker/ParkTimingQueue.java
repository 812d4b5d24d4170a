package dev.taskflight.recorder.internal.worker;

import dev.taskflight.recorder.core.PoolProbe;
import dev.taskflight.recorder.core.WorkerProbe;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code ThreadPoolExecutor}'s work queue, seen by its workers: a worker that finds the queue
 * empty and blocks in {@link #take()} or {@link #poll(long, TimeUnit)} is parked from the moment it
 * blocks until it returns. A worker that finds work at once does not park. Every operation is the
 * application queue's own, in the same order.
 *
 * @param <E> the element type
 */
public final class ParkTimingQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {

    private final BlockingQueue<E> delegate;
    private final ProbeRef probe;

    /**
     * Wraps a work queue.
     *
     * @param delegate the application's queue, not {@code null}
     * @param probe the pool's probe, set once the pool exists
     */
    public ParkTimingQueue(BlockingQueue<E> delegate, ProbeRef probe) {
        this.delegate = Objects.requireNonNull(delegate, "workQueue");
        this.probe = probe;
    }

    /** @return the application's queue */
    public BlockingQueue<E> delegate() {
        return delegate;
    }

    @Override
    public E take() throws InterruptedException {
        E e = delegate.poll();
        if (e != null) {
            return e;
        }
        WorkerProbe w = CurrentWorker.of(probe.get());
        if (w == null) {
            return delegate.take();
        }
        w.parkStart();
        try {
            return delegate.take();
        } finally {
            w.parkEnd();
        }
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        E e = delegate.poll();
        if (e != null || timeout <= 0) {
            return e;
        }
        WorkerProbe w = CurrentWorker.of(probe.get());
        if (w == null) {
            return delegate.poll(timeout, unit);
        }
        w.parkStart();
        try {
            return delegate.poll(timeout, unit);
        } finally {
            w.parkEnd();
        }
    }

    @Override
    public boolean offer(E e) {
        return delegate.offer(e);
    }

    @Override
    public void put(E e) throws InterruptedException {
        delegate.put(e);
    }

    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.offer(e, timeout, unit);
    }

    @Override
    public E poll() {
        return delegate.poll();
    }

    @Override
    public E peek() {
        return delegate.peek();
    }

    @Override
    public int size() {
        return delegate.size();
    }

    @Override
    public boolean isEmpty() {
        return delegate.isEmpty();
    }

    @Override
    public int remainingCapacity() {
        return delegate.remainingCapacity();
    }

    @Override
    public boolean remove(Object o) {
        return delegate.remove(o);
    }

    @Override
    public boolean contains(Object o) {
        return delegate.contains(o);
    }

    @Override
    public int drainTo(Collection<? super E> c) {
        return delegate.drainTo(c);
    }

    @Override
    public int drainTo(Collection<? super E> c, int maxElements) {
        return delegate.drainTo(c, maxElements);
    }

    @Override
    public Iterator<E> iterator() {
        return delegate.iterator();
    }

    @Override
    public Object[] toArray() {
        return delegate.toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return delegate.toArray(a);
    }

    @Override
    public void clear() {
        delegate.clear();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}

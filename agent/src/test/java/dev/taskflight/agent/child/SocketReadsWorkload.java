package dev.taskflight.agent.child;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import jdk.jfr.Event;
import jdk.jfr.Name;

/**
 * {@value #READERS} virtual threads (JDK 21+) that each read {@value #READS} bytes from a loopback
 * socket, one at a time. The server writes each byte only once the reader is parked in its read, so
 * every read unmounts the reader and the JDK's I/O poller mounts it again: a reader mounts at least
 * {@code 1 + READS} times. After each read the reader commits a JFR event of its own and spins
 * {@value #SPIN_MILLIS} ms on its carrier (a long mount). Prints {@code reader <thread id>} per
 * reader.
 */
public final class SocketReadsWorkload {

    public static final int READERS = 12;
    public static final int READS = 4;
    public static final long SPIN_MILLIS = 25;

    /** The reader's own event, committed while it is mounted. */
    @Name("test.ReaderRead")
    static final class ReaderRead extends Event {
        int read;
    }

    private SocketReadsWorkload() {
    }

    public static void main(String[] args) throws Exception {
        AtomicReferenceArray<Thread> readers = new AtomicReferenceArray<>(READERS);
        AtomicIntegerArray reads = new AtomicIntegerArray(READERS);
        try (ServerSocket server = new ServerSocket(0, READERS, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> accept(server, readers, reads), "acceptor");
            acceptor.start();
            ExecutorService vts = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                    .invoke(null);
            for (int i = 0; i < READERS; i++) {
                int id = i;
                vts.submit(() -> {
                    readers.set(id, Thread.currentThread());
                    read(server, id, reads);
                    return null;
                });
            }
            vts.shutdown();
            if (!vts.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("readers did not finish");
            }
            acceptor.join();
        }
        for (int i = 0; i < READERS; i++) {
            System.out.println("reader " + readers.get(i).getId());
        }
        System.out.println("done");
    }

    private static void read(ServerSocket server, int id, AtomicIntegerArray reads) throws IOException {
        try (Socket socket = new Socket(server.getInetAddress(), server.getLocalPort())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(id);
            out.flush();
            InputStream in = socket.getInputStream();
            for (int r = 0; r < READS; r++) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                reads.incrementAndGet(id);
                ReaderRead event = new ReaderRead();
                event.read = r;
                event.commit();
                spin();
            }
        }
    }

    private static void accept(ServerSocket server, AtomicReferenceArray<Thread> readers, AtomicIntegerArray reads) {
        try {
            for (int i = 0; i < READERS; i++) {
                Socket socket = server.accept();
                int id = new DataInputStream(socket.getInputStream()).readInt();
                new Thread(() -> serve(socket, readers, reads, id), "writer-" + id).start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes each byte once the reader is parked in its read, then waits until it has read it. */
    private static void serve(Socket socket, AtomicReferenceArray<Thread> readers, AtomicIntegerArray reads, int id) {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            for (int r = 0; r < READS; r++) {
                Thread reader;
                while ((reader = readers.get(id)) == null || reader.getState() != Thread.State.WAITING) {
                    Thread.sleep(1);
                }
                out.write(r);
                out.flush();
                while (reads.get(id) <= r) {
                    Thread.sleep(1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void spin() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SPIN_MILLIS);
        long x = 0;
        while (System.nanoTime() < end) {
            x += System.nanoTime() & 1;
        }
        if (x == 42) {
            System.out.print("");
        }
    }
}

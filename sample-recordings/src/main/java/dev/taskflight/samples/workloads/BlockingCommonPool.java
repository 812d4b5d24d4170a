package dev.taskflight.samples.workloads;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What is wrong: {@code CompletableFuture.supplyAsync} tasks block in the common pool — half of them
 * sleep, half wait on a slow loopback server — so the few common-pool workers are held for tens of
 * milliseconds per task while lookups keep coming at twice the rate they can serve, so submissions pile
 * up in the common pool's queue.
 *
 * <p>What the analysis should say: long polls on {@code ForkJoinPool.commonPool}, caused by
 * {@code Thread.sleep} and by socket reads; a queue backlog on the common pool. (Its scheduling delay is
 * real too, but the agent does not time plain fork/join submissions.)
 *
 * <p>Run it with {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=4} on a machine with
 * fewer than three cores: there the common pool's parallelism is 1, and {@code CompletableFuture}
 * then runs async tasks on a new thread each instead of in the common pool.
 */
public final class BlockingCommonPool {

    private BlockingCommonPool() {
    }

    /**
     * Runs the workload.
     *
     * @param args ignored
     * @throws Exception if the loopback server cannot start
     */
    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> serveSlowly(server), "slow-server");
            acceptor.setDaemon(true);
            acceptor.start();
            long end = System.nanoTime() + Workloads.runTime().toNanos();
            int submitted = 0;
            CompletableFuture<Integer> last = CompletableFuture.completedFuture(0);
            // 250 lookups a second; four workers blocked for 30 ms each manage about 130.
            while (System.nanoTime() < end) {
                last = submitted % 2 == 0
                        ? CompletableFuture.supplyAsync(BlockingCommonPool::sleepyLookup)
                        : CompletableFuture.supplyAsync(() -> remoteLookup(server.getLocalPort()));
                submitted++;
                Workloads.pause(TimeUnit.MILLISECONDS.toNanos(4));
            }
            // The backlog is abandoned, not drained: the common pool's workers are daemon threads.
            System.out.println("blocking-common-pool: " + submitted + " lookups submitted, last done: " + last.isDone());
        }
    }

    /** A lookup that sleeps: blocks a common-pool worker for 30 ms. */
    static int sleepyLookup() {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1;
    }

    /** A lookup over a loopback socket whose server answers after 30 ms. */
    static int remoteLookup(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write('?');
            out.flush();
            return socket.getInputStream().read();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void serveSlowly(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> answerLate(client), "slow-server-handler");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void answerLate(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            in.read();
            Workloads.pause(TimeUnit.MILLISECONDS.toNanos(30));
            client.getOutputStream().write('!');
        } catch (IOException e) {
            // the client gave up; nothing to answer
        }
    }
}

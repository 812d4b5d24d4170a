package dev.taskflight.agent.child;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A Project Reactor program: CPU work on {@code Schedulers.parallel()} (every rail busy), blocking
 * sleeps on {@code Schedulers.boundedElastic()}, and one task on {@code Schedulers.single()}. Its
 * output is the same on every run.
 */
public final class ReactorWorkload {

    public static final int SPINS_PER_WORKER = 3;
    public static final long SPIN_MILLIS = 150;
    public static final int SLEEPS = 6;
    /** Long enough that the production watchdog sees each sleep even when a loaded machine starves it. */
    public static final long SLEEP_MILLIS = 200;

    private ReactorWorkload() {
    }

    public static void main(String[] args) throws Exception {
        CpuSpin.burn(1); // initialised here, not by two workers at once (a class-init wait in a poll)
        int parallelism = Schedulers.DEFAULT_POOL_SIZE;
        Long spun = Flux.range(0, parallelism * SPINS_PER_WORKER)
                .parallel(parallelism)
                .runOn(Schedulers.parallel())
                .map(i -> spinOnCpu(SPIN_MILLIS))
                .sequential()
                .count()
                .block();
        Long slept = Flux.range(0, SLEEPS)
                .flatMap(i -> Mono.fromCallable(() -> sleepOnIo(SLEEP_MILLIS)).subscribeOn(Schedulers.boundedElastic()))
                .count()
                .block();
        String single = Mono.fromCallable(() -> "single").subscribeOn(Schedulers.single()).block();
        Thread.sleep(1200); // the recording's periodic samples (every second) see the pools
        System.out.println("parallelism " + parallelism);
        System.out.println("spins " + spun);
        System.out.println("sleeps " + slept);
        System.out.println(single);
        System.out.println("done");
    }

    /** Burns this much CPU time on the calling thread, however busy the machine: its samples are the point. */
    static long spinOnCpu(long millis) {
        return CpuSpin.burn(millis);
    }

    static boolean sleepOnIo(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package dev.taskflight.analysis.live;

import dev.taskflight.analysis.finding.Finding;
import dev.taskflight.analysis.finding.IdleWorkerFinding;
import dev.taskflight.analysis.report.AnalysisReport;
import dev.taskflight.analysis.report.Cause;
import dev.taskflight.analysis.report.LongPoll;
import dev.taskflight.analysis.report.PoolReport;
import dev.taskflight.analysis.report.WorkerReport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Turns one interval's report into pool snapshots: the same pool reports and findings as offline. */
final class Snapshots {

    private Snapshots() {
    }

    static List<PoolSnapshot> of(AnalysisReport report, PollsAhead ahead) {
        List<PoolSnapshot> list = new ArrayList<>(report.pools().size());
        for (PoolReport p : report.pools()) {
            list.add(of(p, report, ahead));
        }
        return list;
    }

    private static PoolSnapshot of(PoolReport p, AnalysisReport report, PollsAhead ahead) {
        List<Finding> findings = report.findings().stream().filter(f -> p.name().equals(f.pool()))
                .collect(Collectors.toList());
        List<PoolSnapshot.WorkerBusy> busy = new ArrayList<>();
        long polls = 0;
        boolean lowerBound = false;
        for (WorkerReport w : p.workers()) {
            busy.add(new PoolSnapshot.WorkerBusy(w.worker(), w.busyRatio()));
            polls += ahead.polls(w);
            lowerBound |= ahead.lowerBound(w);
        }
        int idle = (int) findings.stream().filter(f -> f.type().equals(IdleWorkerFinding.TYPE))
                .mapToInt(Finding::worker).distinct().count();
        LongPoll top = report.longPolls().stream().filter(l -> l.pool().equals(p.name())).findFirst().orElse(null);
        Cause cause = top == null ? null : top.explanation().mainCause();
        WorkerReport t = p.totals();
        return new PoolSnapshot(p.name(), p.kind(), p.workers().size(), polls, lowerBound, t.busyRatio(), busy, idle,
                t.parks(), p.longPolls(), t.longestPollNanos(), cause == null ? "" : cause.kind().id(),
                p.delay().count(), p.delay().p50(), p.delay().p99(), p.delay().max(),
                p.queue() == null ? -1 : p.queue().maxQueued(), t.steals(), findings,
                report.breakdown(p.name()).map(b -> b.byKind().stream()
                        .map(c -> c.kind().id() + ":" + KeyValueFormat.ratio(c.share()))
                        .collect(Collectors.joining(","))).orElse(""), p.criticalLongPolls(), t.busyNanos(), t.idleNanos());
    }
}

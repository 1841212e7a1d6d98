package ai.lepton.compute.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/** The scheduler's mutable record of a workload: its replicas and its own per-domain replica counts. */
final class WorkloadEntry {
    Workload spec;
    /** Submission order; ties in the pending queue go to the earlier one. */
    final long seq;
    /** Replicas quota admitted ({@code spec.replicas()} minus any queued scale-up), ended ones included. */
    int admitted;
    /** Ended job replicas (among {@link #replicas}); they hold no node and no quota. */
    int finished;
    /** Null for a deployment. */
    JobState job;
    /** Failed job replica runs that were run again, over the whole job. */
    int retries;
    final List<Replica> replicas = new ArrayList<>();
    int nextId;
    int placed;
    /** Replica counts per domain, by {@link TopologyKey} ordinal; null for keys this workload does not constrain. */
    final int[][] domainCounts = new int[TopologyKey.values().length][];
    /** Nodes holding a replica, when the workload has hostname anti-affinity. */
    BitSet hosts;

    WorkloadEntry(Workload spec, long seq) {
        this.spec = spec;
        this.seq = seq;
        this.job = spec.type() == WorkloadType.JOB ? JobState.RUNNING : null;
        for (TopologySpread t : spec.topologySpread()) {
            domainCounts[t.key().ordinal()] = new int[8];
        }
        TopologyKey a = spec.antiAffinity();
        if (a == TopologyKey.HOSTNAME) {
            hosts = new BitSet();
        } else if (a != null && domainCounts[a.ordinal()] == null) {
            domainCounts[a.ordinal()] = new int[8];
        }
    }

    int count(int key, int domain) {
        int[] c = domainCounts[key];
        return domain < c.length ? c[domain] : 0;
    }

    void addCount(int key, int domain, int delta) {
        int[] c = domainCounts[key];
        if (domain >= c.length) {
            c = Arrays.copyOf(c, Math.max(domain + 1, c.length * 2));
            domainCounts[key] = c;
        }
        c[domain] += delta;
    }

    int pendingCount() {
        return replicas.size() - placed - finished;
    }

    /** Replicas that count against the project's quota: admitted and not ended. */
    int active() {
        return admitted - finished;
    }

    boolean jobFinished() {
        return job != null && job.finished();
    }

    boolean preemptible() {
        return spec.preemptible();
    }
}

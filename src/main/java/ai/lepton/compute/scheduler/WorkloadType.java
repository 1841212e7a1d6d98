package ai.lepton.compute.scheduler;

import java.util.Locale;

/** A workload runs to completion ({@link #JOB}) or serves until deleted ({@link #DEPLOYMENT}). */
public enum WorkloadType {
    /** Batch work (training, evaluation); no traffic. */
    JOB,
    /** A long-running service; traffic is split across its replicas (see {@link TrafficAllocation}). */
    DEPLOYMENT;

    /** {@code job} or {@code deployment}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, case-insensitively. */
    public static WorkloadType fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}

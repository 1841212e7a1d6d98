package ai.lepton.compute.scheduler;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Score for {@link ScoringStrategy#LATENCY}: {@code 100 * (1 - rtt / worst)} where {@code rtt} is the round trip
 * from the workload's data-source site to the node's site, read from the {@link LatencyMatrix}, and {@code worst} the
 * largest RTT from that site to any site with nodes; an unknown pair counts as the worst. PreScore computes one score
 * per site, so the per-node score is an array read. Without a data-source site every node scores 100.
 */
final class LatencyScore implements ScorePlugin {
    static final LatencyScore INSTANCE = new LatencyScore();

    @Override
    public String name() {
        return "Latency";
    }

    /** Score per site id. */
    static double[] siteScores(ClusterState s, LatencyMatrix m, String dataSite) {
        int n = s.sites.size();
        double[] out = new double[n];
        if (dataSite == null) {
            Arrays.fill(out, 100);
            return out;
        }
        double[] rtt = new double[n];
        double worst = 0;
        for (int i = 0; i < n; i++) {
            OptionalDouble r = m.rttMillis(dataSite, s.sites.value(i));
            rtt[i] = r.isPresent() ? r.getAsDouble() : -1;
            worst = Math.max(worst, rtt[i]);
        }
        for (int i = 0; i < n; i++) {
            out[i] = rtt[i] < 0 ? 0 : worst > 0 ? 100 * (1 - rtt[i] / worst) : 100;
        }
        return out;
    }

    @Override
    public double score(Cycle c, int n) {
        return c.siteScore[c.s.site[n]];
    }
}

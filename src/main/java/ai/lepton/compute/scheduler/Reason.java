package ai.lepton.compute.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Why a filter rejected a node, in kube-scheduler wording; filter order is the declaration order. */
enum Reason {
    UNSCHEDULABLE("node(s) unschedulable"),
    NODE_SELECTOR("node(s) didn't match node selector"),
    UNTOLERATED_TAINT("untolerated taint"),
    INSUFFICIENT_CPU("insufficient cpu"),
    INSUFFICIENT_MEMORY("insufficient memory"),
    INSUFFICIENT_GPUS("insufficient gpus"),
    TOPOLOGY_SPREAD("didn't match topology spread constraints"),
    ANTI_AFFINITY("didn't match pod anti-affinity rules");

    final String text;

    Reason(String text) {
        this.text = text;
    }

    /**
     * {@code 0/N nodes available: c1 r1, c2 r2, ...}: counts (indexed by ordinal) largest first, ties by reason text.
     */
    static String format(int nodes, int[] counts) {
        StringBuilder sb = new StringBuilder().append("0/").append(nodes).append(" nodes available");
        List<Reason> rs = new ArrayList<>();
        for (Reason r : values()) {
            if (counts[r.ordinal()] > 0) {
                rs.add(r);
            }
        }
        rs.sort((a, b) -> counts[a.ordinal()] != counts[b.ordinal()]
                ? Integer.compare(counts[b.ordinal()], counts[a.ordinal()]) : a.text.compareTo(b.text));
        for (int i = 0; i < rs.size(); i++) {
            sb.append(i == 0 ? ": " : ", ").append(counts[rs.get(i).ordinal()]).append(' ').append(rs.get(i).text);
        }
        return sb.toString();
    }

    static Map<String, Integer> asMap(int[] counts) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Reason r : values()) {
            if (counts[r.ordinal()] > 0) {
                m.put(r.text, counts[r.ordinal()]);
            }
        }
        return m;
    }
}

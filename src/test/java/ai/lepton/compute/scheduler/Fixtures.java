package ai.lepton.compute.scheduler;

import java.util.List;

/** Small builders shared by the scheduler tests. */
final class Fixtures {

    private Fixtures() {
    }

    static Node node(String name, long cpu, long mem) {
        return Node.builder(name).zone("z1").site("s1").region("r1").capacity(cpu, mem).build();
    }

    static Node.Builder nb(String name, long cpu, long mem) {
        return Node.builder(name).zone("z1").site("s1").region("r1").capacity(cpu, mem);
    }

    static Workload.Builder wl(String name, int replicas, long cpu, long mem) {
        return Workload.builder(name).project("p").replicas(replicas).resources(cpu, mem);
    }

    static Scheduler scheduler(Node... nodes) {
        return scheduler(SchedulerConfig.defaults(), nodes);
    }

    static Scheduler scheduler(SchedulerConfig cfg, Node... nodes) {
        Scheduler s = new Scheduler(cfg);
        for (Node n : nodes) {
            s.registerNode(n);
        }
        return s;
    }

    static List<String> nodesOf(ScheduleResult r) {
        return r.placements().stream().map(Placement::node).toList();
    }

    static String nodeOf(Scheduler s, String workload, int replica) {
        return s.state().workload(workload).orElseThrow().bindings().stream().filter(b -> b.replica() == replica)
                .map(Binding::node).findFirst().orElse(null);
    }
}

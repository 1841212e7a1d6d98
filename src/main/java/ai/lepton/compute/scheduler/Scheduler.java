package ai.lepton.compute.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scheduler: places workload replicas on nodes through a filter → score → bind pipeline, with priorities and
 * preemption, gangs, project quotas, cordon and drain. Every mutating method returns an immutable
 * {@link ScheduleResult} saying what changed and why; read the current state through {@link #state()}.
 *
 * <p>Pending replicas wait in a queue ordered by priority (then submission). They are retried when an operation could
 * have made room for them: a deletion or scale-down, a node registered or made schedulable, an eviction (the evicted
 * workload itself), a quota change; {@link #retryPending()} retries all of them (a service may call it on a timer, as
 * kube-scheduler flushes its unschedulable queue).
 *
 * <p>Job replicas run to completion: {@link #replicaSucceeded} and {@link #replicaFailed} report that one ended (a node
 * agent's report), which frees its node and its quota, re-queues a failure while the job has retries left, and
 * finishes the job as a Kubernetes Job controller does.
 *
 * <p>Not thread-safe: call it from one thread (the service's scheduling loop) at a time. No clock, no I/O, no
 * framework types.
 */
public final class Scheduler {

    private static final Comparator<WorkloadEntry> BY_PRIORITY = (a, b) -> a.spec.priority() != b.spec.priority()
            ? Integer.compare(b.spec.priority(), a.spec.priority()) : Long.compare(a.seq, b.seq);

    private final SchedulerConfig config;
    private final ClusterState s;
    private final Cycle cycle;
    /** Admitted workloads with pending replicas. */
    private final TreeSet<WorkloadEntry> queue = new TreeSet<>(BY_PRIORITY);
    /** Per project, workloads (or scale-ups) waiting for quota, in arrival order. */
    private final Map<String, LinkedHashSet<WorkloadEntry>> quotaQueue = new HashMap<>();
    private final List<Replica> victims = new ArrayList<>();

    /** An empty cluster. */
    public Scheduler(SchedulerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.s = new ClusterState();
        this.cycle = new Cycle(s, config);
    }

    public SchedulerConfig config() {
        return config;
    }

    /** The live state (read-only from outside). */
    public ClusterState state() {
        return s;
    }

    // ================================================================== nodes

    /**
     * Adds a node, or replaces the spec of the node with that name. Replacing evicts bound replicas that do not
     * tolerate a new NoExecute taint, and, if allocatable resources shrank below what is bound, the lowest-priority
     * replicas until the rest fit; evicted replicas are re-queued. A new or grown node lets pending replicas retry.
     */
    public ScheduleResult registerNode(Node node) {
        Op op = new Op();
        Integer existing = s.slotOf.get(node.name());
        if (existing == null) {
            op.freed.set(s.addNode(node));
        } else {
            update(existing, node, op);
        }
        retryFreed(op);
        settle(op);
        return op.result();
    }

    private void update(int n, Node node, Op op) {
        Replica[] rs = s.onNode[n].snapshot();
        for (Replica r : rs) {
            s.topology(r.w, n, -1);
        }
        s.replaceSpec(n, node);
        for (Replica r : rs) {
            s.topology(r.w, n, 1);
        }
        for (Replica r : rs) {
            if (r.node == n && !toleratesNoExecute(r.w.spec, node)) {
                evict(r, Eviction.Cause.NO_EXECUTE_TAINT, "node " + node.name() + " has a NoExecute taint it does"
                        + " not tolerate", op, false);
            }
        }
        if (s.usedCpu[n] > s.allocCpu[n] || s.usedMem[n] > s.allocMem[n] || s.usedGpu[n] > s.allocGpu[n]) {
            Replica[] left = s.onNode[n].snapshot();
            Arrays.sort(left, BY_PRIORITY_THEN_ID.reversed());
            for (Replica r : left) {
                if (s.usedCpu[n] <= s.allocCpu[n] && s.usedMem[n] <= s.allocMem[n]
                        && s.usedGpu[n] <= s.allocGpu[n]) {
                    break;
                }
                if (r.node == n) {
                    evict(r, Eviction.Cause.NODE_SHRUNK, "node " + node.name() + " shrank to "
                            + node.allocatable(), op, false);
                }
            }
        }
        op.freed.set(n);
    }

    private static final Comparator<Replica> BY_PRIORITY_THEN_ID = (a, b) -> {
        int c = BY_PRIORITY.compare(a.w, b.w);
        return c != 0 ? c : Integer.compare(a.id, b.id);
    };

    private static boolean toleratesNoExecute(Workload w, Node node) {
        for (Taint t : node.taints()) {
            if (t.effect() == TaintEffect.NO_EXECUTE && w.tolerations().stream().noneMatch(x -> x.tolerates(t))) {
                return false;
            }
        }
        return true;
    }

    /** Removes a node; its replicas are evicted and re-queued (higher priority placed first). */
    public ScheduleResult removeNode(String name) {
        Op op = new Op();
        int n = s.slot(name);
        s.setState(n, NodeState.DRAINING);
        for (Replica r : sortedOn(n)) {
            if (r.node == n) {
                evict(r, Eviction.Cause.NODE_REMOVED, "node " + name + " was removed", op, false);
            }
        }
        s.removeNode(n);
        settle(op);
        return op.result();
    }

    /** Sets a node's state; a node that becomes {@link NodeState#READY} lets pending replicas retry. */
    public ScheduleResult setNodeState(String name, NodeState state) {
        Op op = new Op();
        int n = s.slot(name);
        s.setState(n, Objects.requireNonNull(state, "state"));
        if (state.schedulable()) {
            op.freed.set(n);
            retryFreed(op);
            settle(op);
        }
        return op.result();
    }

    /** Marks a node unschedulable; its replicas stay. */
    public ScheduleResult cordon(String name) {
        return setNodeState(name, NodeState.CORDONED);
    }

    /** Makes a cordoned or drained node schedulable again. */
    public ScheduleResult uncordon(String name) {
        return setNodeState(name, NodeState.READY);
    }

    /**
     * Drains a node: it becomes {@link NodeState#DRAINING} (unschedulable), every replica on it is evicted, and the
     * evicted replicas are placed elsewhere in priority order, highest first, each able to preempt strictly
     * lower-priority replicas; those that fit nowhere stay pending. The node ends empty and stays
     * {@code DRAINING} until {@link #uncordon}ed or removed. A moved gang replica is re-placed on its own; if it fits
     * nowhere, its whole gang is taken down and re-queued, as a gang runs whole or not at all.
     */
    public ScheduleResult drain(String name) {
        Op op = new Op();
        int n = s.slot(name);
        s.setState(n, NodeState.DRAINING);
        for (Replica r : sortedOn(n)) {
            if (r.node == n) {
                evict(r, Eviction.Cause.DRAINED, "node " + name + " drained", op, false);
            }
        }
        settle(op);
        if (s.count[n] != 0) {
            throw new IllegalStateException("drained node " + name + " still has replicas");
        }
        return op.result();
    }

    private Replica[] sortedOn(int n) {
        Replica[] rs = s.onNode[n].snapshot();
        Arrays.sort(rs, BY_PRIORITY_THEN_ID);
        return rs;
    }

    // ================================================================== workloads

    /**
     * Submits a new workload: quota admission (admit, queue or reject), then placement of its replicas, preempting
     * lower-priority replicas where needed; evicted replicas are re-queued and retried in the same call.
     *
     * @throws IllegalArgumentException if a workload of that name exists
     */
    public ScheduleResult submit(Workload workload) {
        if (s.workloads.containsKey(workload.name())) {
            throw new IllegalArgumentException("workload already exists: " + workload.name());
        }
        Op op = new Op();
        WorkloadEntry w = new WorkloadEntry(workload, s.nextSeq++);
        String shortfall = s.quotaShortfall(workload.project(), workload.resources(), workload.replicas());
        if (shortfall != null) {
            if (policy(workload.project()) == Quota.QuotaPolicy.REJECT) {
                op.admissions.add(new Admission(workload.name(), workload.project(), Admission.Decision.REJECTED,
                        workload.replicas(), shortfall));
                return op.result();
            }
            s.workloads.put(workload.name(), w);
            quotaQueue.computeIfAbsent(workload.project(), p -> new LinkedHashSet<>()).add(w);
            op.admissions.add(new Admission(workload.name(), workload.project(), Admission.Decision.QUEUED,
                    workload.replicas(), shortfall));
            return op.result();
        }
        s.workloads.put(workload.name(), w);
        admit(w, workload.replicas(), op);
        settle(op);
        return op.result();
    }

    /**
     * Changes a workload's replica count. Scaling down removes pending replicas first, then the newest placed ones,
     * and lets others use the room. Scaling up goes through quota admission for the added replicas. For a gang whose
     * replicas are placed, the added replicas are placed all together or the scale-up is refused (and nothing
     * changes).
     */
    public ScheduleResult scale(String name, int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative");
        }
        WorkloadEntry w = entry(name);
        if (w.jobFinished()) {
            throw new IllegalStateException("job " + name + " has finished (" + w.job.wireName() + ")");
        }
        Op op = new Op();
        Workload old = w.spec;
        if (replicas == old.replicas()) {
            return op.result();
        }
        String project = old.project();
        if (replicas < old.replicas()) {
            w.spec = old.withReplicas(replicas);
            if (w.admitted > replicas) {
                int active = removeReplicas(w, w.admitted - replicas, op);
                s.addUsage(project, old.resources(), -active);
                w.admitted = replicas;
            }
            if (w.admitted == replicas) {
                removeFromQuotaQueue(w);
            }
            if (w.pendingCount() == 0) {
                queue.remove(w);
            }
            completeIfDone(w, op);
            admitQueued(project, op);
            retryFreed(op);
            settle(op);
            return op.result();
        }
        int delta = replicas - w.admitted;
        String shortfall = s.quotaShortfall(project, old.resources(), delta);
        if (shortfall != null) {
            if (policy(project) == Quota.QuotaPolicy.REJECT) {
                op.admissions.add(new Admission(name, project, Admission.Decision.REJECTED, replicas, shortfall));
                return op.result();
            }
            w.spec = old.withReplicas(replicas);
            quotaQueue.computeIfAbsent(project, p -> new LinkedHashSet<>()).add(w);
            op.admissions.add(new Admission(name, project, Admission.Decision.QUEUED, replicas, shortfall));
            return op.result();
        }
        w.spec = old.withReplicas(replicas);
        removeFromQuotaQueue(w);
        if (old.gang() && w.placed > 0) {
            growGang(w, delta, old, op);
            return op.result();
        }
        admit(w, delta, op);
        settle(op);
        return op.result();
    }

    private void growGang(WorkloadEntry w, int delta, Workload old, Op op) {
        int firstNew = w.replicas.size();
        admit(w, delta, op);
        int pm = op.placements.size();
        int em = op.evictions.size();
        s.undo = new ArrayList<>();
        Replica failed = null;
        for (int i = firstNew; i < w.replicas.size(); i++) {
            if (!placeOne(w.replicas.get(i), op)) {
                failed = w.replicas.get(i);
                break;
            }
        }
        if (failed == null) {
            s.undo = null;
            queue.remove(w);
            settle(op);
            return;
        }
        s.rollback();
        truncate(op, pm, em);
        while (w.replicas.size() > firstNew) {
            w.replicas.remove(w.replicas.size() - 1);
        }
        s.addUsage(old.project(), old.resources(), -delta);
        w.admitted -= delta;
        w.spec = old;
        queue.remove(w);
        op.admissions.set(op.admissions.size() - 1, new Admission(old.name(), old.project(),
                Admission.Decision.UNPLACEABLE, old.replicas() + delta, "gang cannot grow: " + failed.reason));
        op.touched.remove(w);
        settle(op);
    }

    /** Deletes a workload, freeing its resources and quota; queued and pending work may use them. */
    public ScheduleResult delete(String name) {
        WorkloadEntry w = entry(name);
        Op op = new Op();
        s.workloads.remove(name);
        queue.remove(w);
        removeFromQuotaQueue(w);
        for (Replica r : w.replicas) {
            if (r.node >= 0) {
                op.freed.set(r.node);
                s.unbind(r);
            }
        }
        s.addUsage(w.spec.project(), w.spec.resources(), -w.active());
        cycle.invalidate();
        admitQueued(w.spec.project(), op);
        retryFreed(op);
        settle(op);
        return op.result();
    }

    // ================================================================== jobs

    /**
     * Reports that a running job replica exited successfully. It leaves its node and stops counting against its
     * project's quota, and stays in the workload as {@link ReplicaOutcome#SUCCEEDED}; the freed room and quota go to
     * quota-queued and pending work in the same call. The job {@link JobState#SUCCEEDED succeeds} once every one of
     * its replicas has (and it has at least one, and no scale-up waits for quota).
     *
     * @throws IllegalArgumentException if there is no such workload or replica, or the workload is a deployment
     * @throws IllegalStateException if the job has finished or the replica is not running
     */
    public ScheduleResult replicaSucceeded(String name, int replica) {
        WorkloadEntry w = entry(name);
        Replica r = runningReplica(w, replica);
        Op op = new Op();
        String node = end(r, ReplicaOutcome.SUCCEEDED, "succeeded", op);
        op.ends.add(new ReplicaEnd(name, w.spec.project(), replica, node, ReplicaOutcome.SUCCEEDED, false,
                "succeeded on node " + node));
        admitQueued(w.spec.project(), op);
        completeIfDone(w, op);
        retryFreed(op);
        settle(op);
        return op.result();
    }

    /**
     * Reports that a running job replica failed. While the job has retries left (fewer than
     * {@link Workload#maxRetries()} used, counted over the whole job as Kubernetes' {@code backoffLimit} is), the
     * replica leaves its node, keeps its id and its quota, and is queued to run again, on whichever node the
     * scheduler picks (placed in the same call if one fits; a gang re-places it, or itself whole, as after an
     * eviction). Otherwise it ends {@link ReplicaOutcome#FAILED} and the job {@link JobState#FAILED fails}: its other
     * replicas are stopped ({@link ReplicaOutcome#STOPPED}; a running one is an {@link Eviction} with cause
     * {@link Eviction.Cause#JOB_FAILED}), its quota-queued scale-up is dropped, and the freed room and quota go to
     * other work in the same call. A gang fails whole the same way.
     *
     * @throws IllegalArgumentException if there is no such workload or replica, or the workload is a deployment
     * @throws IllegalStateException if the job has finished or the replica is not running
     */
    public ScheduleResult replicaFailed(String name, int replica) {
        WorkloadEntry w = entry(name);
        Replica r = runningReplica(w, replica);
        Op op = new Op();
        int n = r.node;
        String node = s.node[n].name();
        int max = w.spec.maxRetries();
        if (w.retries < max) {
            w.retries++;
            s.unbind(r);
            op.freed.set(n);
            r.reason = "failed on node " + node + "; retry " + w.retries + " of " + max;
            r.reasonCounts = Map.of();
            op.ends.add(new ReplicaEnd(name, w.spec.project(), replica, node, ReplicaOutcome.FAILED, true, r.reason));
            op.touched.add(w);
            queue.add(w);
            op.retry.add(w);
            retryFreed(op);
            settle(op);
            return op.result();
        }
        end(r, ReplicaOutcome.FAILED, "failed", op);
        String why = "replica " + replica + " failed on node " + node + (max == 0 ? " and its job allows no retries"
                : " with no retries left (" + w.retries + " of " + max + " used)");
        op.ends.add(new ReplicaEnd(name, w.spec.project(), replica, node, ReplicaOutcome.FAILED, false, why));
        w.job = JobState.FAILED;
        String detail = "job " + name + " failed: " + why;
        for (Replica m : w.replicas) {
            if (!m.active()) {
                continue;
            }
            if (m.node >= 0) {
                op.evictions.add(new Eviction(name, w.spec.project(), m.id, s.node[m.node].name(), w.spec.priority(),
                        Eviction.Cause.JOB_FAILED, detail));
            }
            String was = end(m, ReplicaOutcome.STOPPED, "stopped: " + detail, op);
            op.ends.add(new ReplicaEnd(name, w.spec.project(), m.id, was, ReplicaOutcome.STOPPED, false, detail));
        }
        queue.remove(w);
        removeFromQuotaQueue(w);
        op.jobs.add(new JobOutcome(name, w.spec.project(), JobState.FAILED, w.spec.replicas(), w.retries, why));
        admitQueued(w.spec.project(), op);
        retryFreed(op);
        settle(op);
        return op.result();
    }

    private Replica runningReplica(WorkloadEntry w, int id) {
        String name = w.spec.name();
        if (w.job == null) {
            throw new IllegalArgumentException("workload " + name + " is a deployment; only job replicas end");
        }
        if (w.job.finished()) {
            throw new IllegalStateException("job " + name + " has finished (" + w.job.wireName() + ")");
        }
        for (Replica r : w.replicas) {
            if (r.id == id) {
                if (r.node < 0) {
                    throw new IllegalStateException("replica " + r + " is not running: "
                            + (r.active() ? "pending" : r.outcome.wireName()));
                }
                return r;
            }
        }
        throw new IllegalArgumentException("no such replica: " + name + "/" + id);
    }

    /**
     * Ends an active replica: off its node if bound, out of the quota, kept with its outcome. Returns the node it was
     * on, or null.
     */
    private String end(Replica r, ReplicaOutcome outcome, String reason, Op op) {
        WorkloadEntry w = r.w;
        String node = null;
        if (r.node >= 0) {
            node = s.node[r.node].name();
            op.freed.set(r.node);
            s.unbind(r);
        }
        r.outcome = outcome;
        r.reason = reason;
        r.reasonCounts = Map.of();
        w.finished++;
        s.addUsage(w.spec.project(), w.spec.resources(), -1);
        op.touched.add(w);
        return node;
    }

    /** A running job whose replicas have all succeeded, with none waiting for quota, succeeds. */
    private void completeIfDone(WorkloadEntry w, Op op) {
        if (w.job == JobState.RUNNING && w.spec.replicas() > 0 && w.admitted == w.spec.replicas()
                && w.finished == w.admitted) {
            w.job = JobState.SUCCEEDED;
            queue.remove(w);
            removeFromQuotaQueue(w);
            op.touched.add(w);
            op.jobs.add(new JobOutcome(w.spec.name(), w.spec.project(), JobState.SUCCEEDED, w.spec.replicas(),
                    w.retries, "all " + w.spec.replicas() + " replica(s) succeeded"));
        }
    }

    /** Sets (or, with null, removes) a project's quota; queued requests that now fit are admitted and scheduled. */
    public ScheduleResult setQuota(String project, Quota quota) {
        Op op = new Op();
        if (quota == null) {
            s.quotas.remove(project);
        } else {
            s.quotas.put(project, quota);
        }
        admitQueued(project, op);
        settle(op);
        return op.result();
    }

    /** Retries every quota-queued request and every pending replica, highest priority first. */
    public ScheduleResult retryPending() {
        Op op = new Op();
        for (String project : new ArrayList<>(quotaQueue.keySet())) {
            admitQueued(project, op);
        }
        op.retry.addAll(queue);
        settle(op);
        return op.result();
    }

    /**
     * Traffic weights for a deployment's placed replicas by {@link TrafficAllocation#waterFill water-filling}, in
     * replica-load units (1 = the load one replica's request is sized for). For a replica on node {@code n}, with
     * {@code k} of the workload's replicas there: capacity {@code C = min_r(allocatable_r / request_r) / k} over the
     * resources it requests, and level {@code u = 1 − min_r((allocatable_r − allocatedByOthers_r) / request_r) /
     * min_r(allocatable_r / request_r)}, i.e. the share of the node's bottleneck that other workloads' requests take.
     *
     * @param demand traffic in replica-load units (e.g. the current request rate over one replica's nominal rate)
     * @return the replicas (in the order of {@link WorkloadStatus#bindings()}) and their allocation
     */
    public WeightedReplicas allocation(String name, double demand) {
        WorkloadEntry w = entry(name);
        if (w.spec.type() != WorkloadType.DEPLOYMENT) {
            throw new IllegalArgumentException("workload " + name + " is a job; traffic goes to deployments");
        }
        Resources q = w.spec.resources();
        List<Binding> bs = new ArrayList<>();
        List<Integer> nodes = new ArrayList<>();
        Map<Integer, Integer> perNode = new HashMap<>();
        for (Replica r : w.replicas) {
            if (r.node >= 0) {
                bs.add(new Binding(name, r.id, s.node[r.node].name()));
                nodes.add(r.node);
                perNode.merge(r.node, 1, Integer::sum);
            }
        }
        double[] cap = new double[nodes.size()];
        double[] lvl = new double[nodes.size()];
        for (int i = 0; i < cap.length; i++) {
            int n = nodes.get(i);
            int k = perNode.get(n);
            double total = Double.POSITIVE_INFINITY;
            double free = Double.POSITIVE_INFINITY;
            long[] alloc = {s.allocCpu[n], s.allocMem[n], s.allocGpu[n]};
            long[] used = {s.usedCpu[n], s.usedMem[n], s.usedGpu[n]};
            long[] req = {q.cpuMillis(), q.memoryMiB(), q.gpus()};
            for (int r = 0; r < 3; r++) {
                if (req[r] > 0) {
                    total = Math.min(total, (double) alloc[r] / req[r]);
                    free = Math.min(free, (double) (alloc[r] - (used[r] - k * req[r])) / req[r]);
                }
            }
            if (Double.isInfinite(total)) { // requests nothing: treat as one unit, never saturated
                total = 1;
                free = 1;
            }
            cap[i] = total / k;
            lvl[i] = total > 0 ? Math.max(0, Math.min(1, 1 - free / total)) : 1;
        }
        return new WeightedReplicas(bs, TrafficAllocation.waterFill(cap, lvl, demand));
    }

    /**
     * A deployment's placed replicas and their traffic allocation.
     *
     * @param replicas the replicas, matching {@code allocation.weights()} by index
     * @param allocation the water-filling result
     */
    public record WeightedReplicas(List<Binding> replicas, TrafficAllocation.Allocation allocation) {

        public WeightedReplicas {
            replicas = List.copyOf(replicas);
        }
    }

    // ================================================================== restore

    /**
     * Rebuilds a scheduler without knowing how many replicas of each workload quota had admitted: as
     * {@link #restore(SchedulerConfig, List, Map, List, Map, List)} with no admitted counts (state written before they
     * were stored).
     */
    public static Restored restore(SchedulerConfig config, List<Node> nodes, Map<String, Quota> quotas,
            List<Workload> workloads, List<Binding> bindings) {
        return restore(config, nodes, quotas, workloads, Map.of(), bindings);
    }

    /**
     * Rebuilds a scheduler after a restart from persisted state, without re-deciding anything: nodes, quotas,
     * workloads (in their original submission order), how many replicas of each quota had admitted, and bindings.
     *
     * <p>A workload gets back exactly its {@code admitted} replicas, counted against its project's quota as before
     * (they were admitted once; a quota lowered since blocks only new admissions, as in the running scheduler), and
     * the rest of its desired count waits in the quota queue again. Each binding is restored if its replica id and
     * node are known, it is within the admitted count and the node has room (a node is never over-committed); what
     * cannot be restored is reported and its replica left pending.
     *
     * <p>A workload missing from {@code admitted} (state written before admitted counts were stored) keeps its
     * bound replicas admitted; after every workload's running replicas are counted, the rest of each such workload
     * (in submission order) is admitted if the quota has room for all of it, and queued otherwise. So running
     * replicas are never dropped for quota, and nothing beyond what ran is admitted past the quota.
     *
     * <p>Nothing is placed: call {@link #retryPending()} to place pending replicas.
     *
     * @param admitted per workload name, the replicas quota had admitted ({@link WorkloadStatus#admittedReplicas()})
     */
    public static Restored restore(SchedulerConfig config, List<Node> nodes, Map<String, Quota> quotas,
            List<Workload> workloads, Map<String, Integer> admitted, List<Binding> bindings) {
        return restore(config, nodes, quotas, workloads, admitted, bindings, Map.of());
    }

    /**
     * As {@link #restore(SchedulerConfig, List, Map, List, Map, List)}, with each job's progress
     * ({@link WorkloadStatus#job()}): its state, retries used and ended replicas. Ended replicas come back first,
     * within the admitted count, holding no node and no quota; then bindings and pending replicas as above. A job
     * missing from {@code jobs} is running with no retries used and nothing ended. A finished job gets no binding and
     * no pending replica back: what it would have is reported, and stopped.
     *
     * @param jobs per job name, its progress
     */
    public static Restored restore(SchedulerConfig config, List<Node> nodes, Map<String, Quota> quotas,
            List<Workload> workloads, Map<String, Integer> admitted, List<Binding> bindings,
            Map<String, JobProgress> jobs) {
        Scheduler sch = new Scheduler(config);
        ClusterState s = sch.s;
        List<String> problems = new ArrayList<>();
        for (Node n : nodes) {
            if (s.slotOf.containsKey(n.name())) {
                problems.add("duplicate node " + n.name() + " ignored");
                continue;
            }
            s.addNode(n);
        }
        s.quotas.putAll(quotas);
        Map<String, List<Binding>> byWorkload = new HashMap<>();
        for (Binding b : bindings) {
            byWorkload.computeIfAbsent(b.workload(), k -> new ArrayList<>()).add(b);
        }
        List<WorkloadEntry> unknownAdmission = new ArrayList<>();
        List<WorkloadEntry> restored = new ArrayList<>();
        for (Workload spec : workloads) {
            if (s.workloads.containsKey(spec.name())) {
                problems.add("duplicate workload " + spec.name() + " ignored");
                continue;
            }
            WorkloadEntry w = new WorkloadEntry(spec, s.nextSeq++);
            s.workloads.put(spec.name(), w);
            restored.add(w);
            List<Binding> bs = byWorkload.getOrDefault(spec.name(), List.of());
            byWorkload.remove(spec.name());
            JobProgress progress = jobs.get(spec.name());
            if (progress != null && w.job == null) {
                problems.add("workload " + spec.name() + " is a deployment: its job progress ignored");
                progress = null;
            }
            List<EndedReplica> ended = progress == null ? List.of() : progress.ended();
            Integer stored = admitted.get(spec.name());
            int a;
            if (stored == null) {
                a = Math.min(spec.replicas(), bs.size() + ended.size());
                unknownAdmission.add(w);
            } else {
                a = Math.max(0, Math.min(spec.replicas(), stored));
                if (stored != a) {
                    problems.add("workload " + spec.name() + ": admitted count " + stored + " is outside 0.."
                            + spec.replicas() + "; " + a + " restored");
                }
            }
            w.admitted = a;
            Set<Integer> ids = new HashSet<>();
            if (progress != null) {
                w.job = progress.state();
                w.retries = Math.max(0, progress.retries());
                for (EndedReplica e : ended) {
                    if (w.replicas.size() >= a) {
                        problems.add("ended replica " + spec.name() + "/" + e.replica() + " dropped: more replicas"
                                + " than admitted (" + a + ")");
                        continue;
                    }
                    if (e.replica() < 0 || !ids.add(e.replica())) {
                        problems.add("ended replica " + spec.name() + "/" + e.replica() + " dropped: duplicate or"
                                + " negative replica id");
                        continue;
                    }
                    Replica r = new Replica(w, e.replica());
                    r.outcome = e.outcome();
                    r.reason = e.outcome().wireName().toLowerCase(Locale.ROOT);
                    w.replicas.add(r);
                    w.finished++;
                    w.nextId = Math.max(w.nextId, e.replica() + 1);
                }
            }
            for (Binding b : bs) {
                if (w.jobFinished()) {
                    problems.add("binding " + b + " dropped: job " + spec.name() + " has finished");
                    continue;
                }
                if (w.replicas.size() >= a) {
                    problems.add("binding " + b + " dropped: more bindings than admitted replicas (" + a + ")");
                    continue;
                }
                if (b.replica() < 0 || !ids.add(b.replica())) {
                    problems.add("binding " + b + " dropped: duplicate or negative replica id");
                    continue;
                }
                Replica r = new Replica(w, b.replica());
                w.replicas.add(r);
                w.nextId = Math.max(w.nextId, b.replica() + 1);
                Integer n = s.slotOf.get(b.node());
                if (n == null) {
                    r.reason = "restore: node " + b.node() + " is unknown";
                    problems.add("binding " + b + " not restored: unknown node");
                } else if (!s.fits(n, spec.resources())) {
                    r.reason = "restore: node " + b.node() + " has no room";
                    problems.add("binding " + b + " not restored: node has no room");
                } else {
                    s.bind(r, n);
                }
            }
            while (w.replicas.size() < a) {
                Replica r = new Replica(w, w.nextId++);
                if (w.jobFinished()) {
                    problems.add("replica " + r + " of finished job " + spec.name() + " had not ended; stopped");
                    r.outcome = ReplicaOutcome.STOPPED;
                    r.reason = "stopped";
                    w.finished++;
                }
                w.replicas.add(r);
            }
            s.addUsage(spec.project(), spec.resources(), w.active());
        }
        // unknown admissions: the rest of the workload only if it fits now, after every running replica is counted
        for (WorkloadEntry w : unknownAdmission) {
            int rest = w.jobFinished() ? 0 : w.spec.replicas() - w.admitted;
            if (rest > 0 && s.quotaShortfall(w.spec.project(), w.spec.resources(), rest) == null) {
                s.addUsage(w.spec.project(), w.spec.resources(), rest);
                for (int i = 0; i < rest; i++) {
                    w.replicas.add(new Replica(w, w.nextId++));
                }
                w.admitted += rest;
            } else if (rest > 0) {
                problems.add("workload " + w.spec.name() + ": admitted count not stored; its " + w.admitted
                        + " bound replica(s) kept and " + rest + " more queued for quota");
            }
        }
        for (WorkloadEntry w : restored) {
            w.replicas.sort(Comparator.comparingInt(r -> r.id));
            if (w.admitted < w.spec.replicas() && !w.jobFinished()) {
                sch.quotaQueue.computeIfAbsent(w.spec.project(), p -> new LinkedHashSet<>()).add(w);
            }
            if (w.pendingCount() > 0) {
                sch.queue.add(w);
            }
        }
        byWorkload.forEach((name, bs) -> problems.add(bs.size() + " binding(s) of unknown workload " + name
                + " dropped"));
        return new Restored(sch, List.copyOf(problems));
    }

    /**
     * A restored scheduler.
     *
     * @param scheduler the scheduler, ready for use
     * @param problems what could not be restored as persisted, one sentence each
     */
    public record Restored(Scheduler scheduler, List<String> problems) {
    }

    // ================================================================== internals

    private WorkloadEntry entry(String name) {
        WorkloadEntry w = s.workloads.get(name);
        if (w == null) {
            throw new IllegalArgumentException("no such workload: " + name);
        }
        return w;
    }

    private Quota.QuotaPolicy policy(String project) {
        Quota q = s.quotas.get(project);
        return q == null ? Quota.QuotaPolicy.REJECT : q.policy();
    }

    private void removeFromQuotaQueue(WorkloadEntry w) {
        LinkedHashSet<WorkloadEntry> q = quotaQueue.get(w.spec.project());
        if (q != null) {
            q.remove(w);
            if (q.isEmpty()) {
                quotaQueue.remove(w.spec.project());
            }
        }
    }

    /** Admits {@code n} more replicas of {@code w}: counts them against quota, creates them pending, queues them. */
    private void admit(WorkloadEntry w, int n, Op op) {
        s.addUsage(w.spec.project(), w.spec.resources(), n);
        for (int i = 0; i < n; i++) {
            w.replicas.add(new Replica(w, w.nextId++));
        }
        w.admitted += n;
        op.admissions.add(new Admission(w.spec.name(), w.spec.project(), Admission.Decision.ADMITTED, w.admitted,
                null));
        op.touched.add(w);
        if (n > 0) {
            queue.add(w);
            op.retry.add(w);
        }
    }

    /** Admits queued requests of a project, first come first served, skipping those that still do not fit. */
    private void admitQueued(String project, Op op) {
        LinkedHashSet<WorkloadEntry> q = quotaQueue.get(project);
        if (q == null) {
            return;
        }
        for (WorkloadEntry w : new ArrayList<>(q)) {
            int delta = w.spec.replicas() - w.admitted;
            if (delta <= 0 || w.jobFinished()) {
                q.remove(w);
            } else if (s.quotaShortfall(project, w.spec.resources(), delta) == null) {
                q.remove(w);
                admit(w, delta, op);
            }
        }
        if (q.isEmpty()) {
            quotaQueue.remove(project);
        }
    }

    /**
     * Removes {@code n} replicas: pending ones first (newest first), then the newest placed ones, then (a job's) the
     * newest ended ones. Returns how many of them were active (counted against the quota).
     */
    private int removeReplicas(WorkloadEntry w, int n, Op op) {
        int active = 0;
        for (int pass = 0; pass < 3 && n > 0; pass++) {
            for (int i = w.replicas.size() - 1; i >= 0 && n > 0; i--) {
                Replica r = w.replicas.get(i);
                int kind = !r.active() ? 2 : r.node >= 0 ? 1 : 0;
                if (kind == pass) {
                    if (r.node >= 0) {
                        op.freed.set(r.node);
                        s.unbind(r);
                    }
                    if (r.active()) {
                        active++;
                    } else {
                        w.finished--;
                    }
                    w.replicas.remove(i);
                    n--;
                }
            }
        }
        return active;
    }

    /** Queues for retry the pending workloads that could fit on a node the operation freed or added. */
    private void retryFreed(Op op) {
        if (op.freed.isEmpty() || queue.isEmpty()) {
            return;
        }
        for (WorkloadEntry w : queue) {
            Resources q = w.spec.resources();
            for (int n = op.freed.nextSetBit(0); n >= 0; n = op.freed.nextSetBit(n + 1)) {
                if (n < s.hw && s.live[n] && s.node[n].state().schedulable() && s.fits(n, q)) {
                    op.retry.add(w);
                    break;
                }
            }
        }
    }

    /** Schedules the operation's retry set, highest priority first, until it is empty (evictions add to it). */
    private void settle(Op op) {
        while (!op.retry.isEmpty()) {
            WorkloadEntry w = op.retry.pollFirst();
            if (s.workloads.get(w.spec.name()) == w) {
                schedule(w, op);
            }
        }
    }

    private void schedule(WorkloadEntry w, Op op) {
        if (w.pendingCount() == 0) {
            queue.remove(w);
            return;
        }
        op.touched.add(w);
        if (w.spec.gang()) {
            scheduleGang(w, op);
        } else {
            Replica failed = null;
            for (Replica r : w.replicas) {
                if (r.node >= 0 || !r.active()) {
                    continue;
                }
                if (failed != null) {
                    // same workload, same cluster: the next replica would fail for the same reason
                    r.reason = failed.reason;
                    r.reasonCounts = failed.reasonCounts;
                } else if (!placeOne(r, op)) {
                    failed = r;
                }
            }
        }
        if (w.pendingCount() == 0) {
            queue.remove(w);
        } else {
            queue.add(w);
        }
    }

    /**
     * Permit for gangs: the pending replicas are placed tentatively (with an undo log) and kept only if all of them
     * found a node. A gang that is partly placed (one of its replicas lost its node) first tries to re-place just the
     * missing ones; failing that it is taken down whole and tried whole once more.
     */
    private void scheduleGang(WorkloadEntry w, Op op) {
        if (tryGang(w, op)) {
            return;
        }
        if (w.placed > 0) {
            for (Replica r : w.replicas) {
                if (r.node >= 0) {
                    evict(r, Eviction.Cause.GANG, "gang " + w.spec.name() + " could not be placed whole", op, false);
                }
            }
            tryGang(w, op);
        }
    }

    private boolean tryGang(WorkloadEntry w, Op op) {
        int pm = op.placements.size();
        int em = op.evictions.size();
        s.undo = new ArrayList<>();
        Replica failed = null;
        for (Replica r : w.replicas) {
            if (r.node < 0 && r.active() && !placeOne(r, op)) {
                failed = r;
                break;
            }
        }
        if (failed == null) {
            s.undo = null;
            return true;
        }
        s.rollback();
        truncate(op, pm, em);
        String reason = "gang: " + failed.reason;
        Map<String, Integer> counts = failed.reasonCounts;
        for (Replica r : w.replicas) {
            if (r.node < 0 && r.active()) {
                r.reason = reason;
                r.reasonCounts = counts;
            }
        }
        return false;
    }

    private static void truncate(Op op, int placements, int evictions) {
        op.placements.subList(placements, op.placements.size()).clear();
        op.evictions.subList(evictions, op.evictions.size()).clear();
    }

    /** Filter, score, bind one replica; PostFilter (preemption) when no node fits. */
    private boolean placeOne(Replica r, Op op) {
        WorkloadEntry w = r.w;
        cycle.begin(w);
        int n = cycle.next();
        if (n >= 0) {
            ScoreBreakdown why = cycle.explain();
            s.bind(r, n);
            cycle.afterBind();
            op.placements.add(new Placement(w.spec.name(), w.spec.project(), r.id, s.node[n].name(),
                    w.spec.priority(), why));
            return true;
        }
        String reason = cycle.reason();
        Map<String, Integer> counts = cycle.reasonCounts();
        int p = cycle.preempt(victims);
        if (p >= 0) {
            String detail = "preempted by " + r + " (priority " + w.spec.priority() + ")";
            for (Replica v : new ArrayList<>(victims)) {
                if (v.node >= 0) {
                    evict(v, Eviction.Cause.PREEMPTED, detail, op, true);
                }
            }
            if (!s.fits(p, w.spec.resources())) {
                throw new IllegalStateException("preemption on " + s.node[p].name() + " freed too little");
            }
            ScoreBreakdown why = cycle.explainPreemption(p);
            s.bind(r, p);
            op.placements.add(new Placement(w.spec.name(), w.spec.project(), r.id, s.node[p].name(),
                    w.spec.priority(), why));
            return true;
        }
        r.reason = reason;
        r.reasonCounts = counts;
        return false;
    }

    /**
     * Unbinds a replica, reports it and re-queues its workload. With {@code wholeGang}, the other placed replicas of
     * its gang go too (preemption counts a gang victim's whole gang).
     */
    private void evict(Replica r, Eviction.Cause cause, String detail, Op op, boolean wholeGang) {
        evictOne(r, cause, detail, op);
        if (wholeGang && r.w.spec.gang()) {
            for (Replica m : r.w.replicas) {
                if (m.node >= 0) {
                    evictOne(m, Eviction.Cause.GANG, "gang member " + r + " was evicted: " + detail, op);
                }
            }
        }
    }

    private void evictOne(Replica r, Eviction.Cause cause, String detail, Op op) {
        int n = r.node;
        WorkloadEntry w = r.w;
        String nodeName = s.node[n].name();
        s.unbind(r);
        op.evictions.add(new Eviction(w.spec.name(), w.spec.project(), r.id, nodeName, w.spec.priority(), cause,
                detail));
        r.reason = "evicted from " + nodeName + ": " + detail;
        r.reasonCounts = Map.of();
        op.freed.set(n);
        op.touched.add(w);
        queue.add(w);
        op.retry.add(w);
    }

    /** What one operation did. */
    private final class Op {
        final List<Placement> placements = new ArrayList<>();
        final List<Eviction> evictions = new ArrayList<>();
        final List<Admission> admissions = new ArrayList<>();
        final List<ReplicaEnd> ends = new ArrayList<>();
        final List<JobOutcome> jobs = new ArrayList<>();
        final LinkedHashSet<WorkloadEntry> touched = new LinkedHashSet<>();
        final TreeSet<WorkloadEntry> retry = new TreeSet<>(BY_PRIORITY);
        final BitSet freed = new BitSet();

        ScheduleResult result() {
            List<PendingReplica> pending = new ArrayList<>();
            for (WorkloadEntry w : touched) {
                if (s.workloads.get(w.spec.name()) == w && w.pendingCount() > 0) {
                    for (Replica r : w.replicas) {
                        if (r.node < 0 && r.active()) {
                            pending.add(r.pending());
                        }
                    }
                }
            }
            return new ScheduleResult(placements, evictions, pending, admissions, ends, jobs);
        }
    }
}

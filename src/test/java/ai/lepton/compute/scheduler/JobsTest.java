package ai.lepton.compute.scheduler;

import static ai.lepton.compute.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobsTest {

    private static Workload.Builder job(String name, int replicas, long cpu) {
        return wl(name, replicas, cpu, 100).type(WorkloadType.JOB);
    }

    private static long allocatedCpu(Scheduler s, String node) {
        return s.state().node(node).orElseThrow().allocated().cpuMillis();
    }

    private static JobProgress progress(Scheduler s, String workload) {
        return s.state().workload(workload).orElseThrow().job();
    }

    @Test
    void aSucceededReplicaFreesItsNodeAndQuotaAndTheJobSucceedsWhenAllHave() {
        Scheduler s = scheduler(node("a", 4000, 4096));
        s.setQuota("p", Quota.of(4000, 4096, 0, Quota.QuotaPolicy.QUEUE));
        s.submit(job("train", 2, 1000).build());
        assertThat(allocatedCpu(s, "a")).isEqualTo(2000);

        ScheduleResult r = s.replicaSucceeded("train", 0);
        assertThat(r.ends()).containsExactly(new ReplicaEnd("train", "p", 0, "a", ReplicaOutcome.SUCCEEDED, false,
                "succeeded on node a"));
        assertThat(r.jobs()).isEmpty();
        assertThat(allocatedCpu(s, "a")).isEqualTo(1000);
        assertThat(s.state().quotaUsage("p").cpuMillis()).isEqualTo(1000);
        WorkloadStatus w = s.state().workload("train").orElseThrow();
        assertThat(w.bindings()).extracting(Binding::replica).containsExactly(1);
        assertThat(w.pending()).isEmpty();
        assertThat(w.ended()).containsExactly(new EndedReplica(0, ReplicaOutcome.SUCCEEDED));
        assertThat(w.admittedReplicas()).isEqualTo(2);
        assertThat(w.queued()).isFalse();
        assertThat(w.job().state()).isEqualTo(JobState.RUNNING);

        ScheduleResult done = s.replicaSucceeded("train", 1);
        assertThat(done.jobs()).containsExactly(new JobOutcome("train", "p", JobState.SUCCEEDED, 2, 0,
                "all 2 replica(s) succeeded"));
        assertThat(progress(s, "train").state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(allocatedCpu(s, "a")).isZero();
        assertThat(s.state().quotaUsage("p").cpuMillis()).isZero();
        assertThat(s.state().bindings()).isEmpty();
        assertThat(s.state().pending()).isEmpty();
    }

    @Test
    void aFailedReplicaRunsAgainWhileTheJobHasRetriesCountedOverTheWholeJob() {
        Scheduler s = scheduler(node("a", 4000, 4096));
        s.submit(job("train", 2, 1000).maxRetries(2).build());

        ScheduleResult first = s.replicaFailed("train", 0);
        assertThat(first.ends()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(ReplicaOutcome.FAILED);
            assertThat(e.retried()).isTrue();
            assertThat(e.detail()).isEqualTo("failed on node a; retry 1 of 2");
        });
        assertThat(first.placements()).extracting(Placement::replica).containsExactly(0);
        assertThat(first.jobs()).isEmpty();
        assertThat(progress(s, "train").retries()).isEqualTo(1);
        assertThat(allocatedCpu(s, "a")).isEqualTo(2000);

        // the other replica uses the job's last retry: per job, as Kubernetes' backoffLimit
        assertThat(s.replicaFailed("train", 1).placements()).extracting(Placement::replica).containsExactly(1);
        assertThat(progress(s, "train").retries()).isEqualTo(2);
        assertThat(progress(s, "train").state()).isEqualTo(JobState.RUNNING);

        ScheduleResult last = s.replicaFailed("train", 0);
        assertThat(last.placements()).isEmpty();
        assertThat(last.jobs()).containsExactly(new JobOutcome("train", "p", JobState.FAILED, 2, 2,
                "replica 0 failed on node a with no retries left (2 of 2 used)"));
        // Kubernetes stops a failed job's other pods: replica 1 leaves its node and is reported
        assertThat(last.evictions()).singleElement().satisfies(e -> {
            assertThat(e.replica()).isEqualTo(1);
            assertThat(e.cause()).isEqualTo(Eviction.Cause.JOB_FAILED);
            assertThat(e.detail()).startsWith("job train failed: replica 0 failed");
        });
        assertThat(last.ends()).extracting(ReplicaEnd::replica, ReplicaEnd::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, ReplicaOutcome.FAILED),
                org.assertj.core.groups.Tuple.tuple(1, ReplicaOutcome.STOPPED));
        assertThat(progress(s, "train").ended()).containsExactly(new EndedReplica(0, ReplicaOutcome.FAILED),
                new EndedReplica(1, ReplicaOutcome.STOPPED));
        assertThat(progress(s, "train").state()).isEqualTo(JobState.FAILED);
        assertThat(allocatedCpu(s, "a")).isZero();
        assertThat(s.state().quotaUsage("p").cpuMillis()).isZero();
    }

    @Test
    void withoutMaxRetriesTheFirstFailureFailsTheJobAndStopsItsPendingReplicasToo() {
        Scheduler s = scheduler(node("a", 1000, 4096));
        s.submit(job("train", 2, 1000).build());
        assertThat(s.state().pending()).hasSize(1);
        ScheduleResult r = s.replicaFailed("train", 0);
        assertThat(r.evictions()).isEmpty();
        assertThat(r.ends()).extracting(ReplicaEnd::replica, ReplicaEnd::outcome, ReplicaEnd::node).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, ReplicaOutcome.FAILED, "a"),
                org.assertj.core.groups.Tuple.tuple(1, ReplicaOutcome.STOPPED, null));
        assertThat(s.state().pending()).isEmpty();
        assertThat(r.pending()).isEmpty();
        assertThat(s.retryPending().placements()).isEmpty();
    }

    @Test
    void aRetriedReplicaGoesWhereverThereIsRoom() {
        Scheduler s = scheduler(node("a", 2000, 4096), node("b", 2000, 4096));
        s.submit(job("train", 1, 1000).maxRetries(1).nodeSelector("hostname", "a").build());
        s.cordon("a");
        s.submit(job("other", 1, 1000).maxRetries(1).build());
        assertThat(nodeOf(s, "other", 0)).isEqualTo("b");
        s.uncordon("a");
        s.cordon("b");
        ScheduleResult r = s.replicaFailed("other", 0);
        assertThat(r.placements()).singleElement().extracting(Placement::node).isEqualTo("a");
        assertThat(allocatedCpu(s, "b")).isZero();
    }

    @Test
    void aRetriedReplicaThatFitsNowhereWaitsPendingAndKeepsItsQuota() {
        Scheduler s = scheduler(node("a", 1000, 4096));
        s.setQuota("p", Quota.of(1000, 4096, 0, Quota.QuotaPolicy.QUEUE));
        s.submit(job("train", 1, 1000).maxRetries(1).build());
        s.cordon("a");
        ScheduleResult r = s.replicaFailed("train", 0);
        assertThat(r.pending()).singleElement().extracting(PendingReplica::reason)
                .isEqualTo("0/1 nodes available: 1 node(s) unschedulable");
        assertThat(s.state().quotaUsage("p").cpuMillis()).isEqualTo(1000);
        assertThat(s.uncordon("a").placements()).extracting(Placement::replica).containsExactly(0);
    }

    @Test
    void aGangJobFailsWholeWhenAMemberFailsWithoutRetries() {
        Scheduler s = scheduler(node("a", 2000, 4096), node("b", 2000, 4096));
        s.submit(job("gang", 4, 1000).gang(true).build());
        assertThat(s.state().bindings()).hasSize(4);
        ScheduleResult r = s.replicaFailed("gang", 2);
        assertThat(r.evictions()).hasSize(3).allSatisfy(e -> assertThat(e.cause())
                .isEqualTo(Eviction.Cause.JOB_FAILED));
        assertThat(r.jobs()).extracting(JobOutcome::state).containsExactly(JobState.FAILED);
        assertThat(s.state().totalAllocated()).isEqualTo(Resources.ZERO);
        assertThat(progress(s, "gang").ended()).extracting(EndedReplica::outcome).containsExactly(
                ReplicaOutcome.STOPPED, ReplicaOutcome.STOPPED, ReplicaOutcome.FAILED, ReplicaOutcome.STOPPED);
    }

    @Test
    void aGangJobReplacesAFailedMemberWhileItHasRetriesAndKeepsTheOthersRunning() {
        Scheduler s = scheduler(node("a", 2000, 4096), node("b", 2000, 4096));
        s.submit(job("gang", 3, 1000).gang(true).maxRetries(1).build());
        List<Binding> before = s.state().bindings();
        ScheduleResult r = s.replicaFailed("gang", 1);
        assertThat(r.evictions()).isEmpty();
        assertThat(r.placements()).extracting(Placement::replica).containsExactly(1);
        assertThat(s.state().bindings()).hasSize(3).containsAll(before.stream().filter(b -> b.replica() != 1)
                .toList());
    }

    @Test
    void endedReplicasStopCountingAgainstTheQuotaSoQueuedWorkIsAdmitted() {
        Scheduler s = scheduler(node("a", 8000, 8192));
        s.setQuota("p", Quota.of(2000, 8192, 0, Quota.QuotaPolicy.QUEUE));
        s.submit(job("first", 2, 1000).build());
        assertThat(s.submit(job("second", 1, 1000).build()).admissions()).extracting(Admission::decision)
                .containsExactly(Admission.Decision.QUEUED);
        ScheduleResult r = s.replicaSucceeded("first", 0);
        assertThat(r.admissions()).extracting(Admission::workload, Admission::decision).containsExactly(
                org.assertj.core.groups.Tuple.tuple("second", Admission.Decision.ADMITTED));
        assertThat(r.placements()).extracting(Placement::workload).containsExactly("second");
        assertThat(s.state().quotaUsage("p").cpuMillis()).isEqualTo(2000);
    }

    @Test
    void aScaleUpWaitingForQuotaIsAdmittedAsTheJobsOwnReplicasSucceedAndTheJobSucceedsAfterTheLast() {
        Scheduler s = scheduler(node("a", 8000, 8192));
        s.setQuota("p", Quota.of(2000, 8192, 0, Quota.QuotaPolicy.QUEUE));
        s.submit(job("sweep", 2, 1000).build());
        s.scale("sweep", 4);
        assertThat(s.state().workload("sweep").orElseThrow().queued()).isTrue();
        assertThat(s.replicaSucceeded("sweep", 0).placements()).isEmpty();
        ScheduleResult r = s.replicaSucceeded("sweep", 1);
        assertThat(r.jobs()).isEmpty();
        assertThat(r.placements()).extracting(Placement::replica).containsExactlyInAnyOrder(2, 3);
        assertThat(s.state().workload("sweep").orElseThrow().queued()).isFalse();
        s.replicaSucceeded("sweep", 2);
        assertThat(s.replicaSucceeded("sweep", 3).jobs()).extracting(JobOutcome::state)
                .containsExactly(JobState.SUCCEEDED);
    }

    @Test
    void aFailedJobDropsItsScaleUpWaitingForQuota() {
        Scheduler s = scheduler(node("a", 8000, 8192));
        s.setQuota("p", Quota.of(2000, 8192, 0, Quota.QuotaPolicy.QUEUE));
        s.submit(job("sweep", 2, 1000).build());
        s.scale("sweep", 4);
        s.submit(job("next", 1, 1000).build());
        ScheduleResult r = s.replicaFailed("sweep", 0);
        WorkloadStatus sweep = s.state().workload("sweep").orElseThrow();
        assertThat(sweep.queued()).isFalse();
        assertThat(sweep.admittedReplicas()).isEqualTo(2);
        assertThat(sweep.workload().replicas()).isEqualTo(4);
        assertThat(r.placements()).extracting(Placement::workload).containsExactly("next");
        assertThat(s.retryPending().admissions()).isEmpty();
        assertThat(s.state().quotaUsage("p").cpuMillis()).isEqualTo(1000);
    }

    @Test
    void onlyRunningReplicasOfRunningJobsEnd() {
        Scheduler s = scheduler(node("a", 2000, 4096));
        s.submit(wl("web", 1, 100, 100).build());
        assertThatThrownBy(() -> s.replicaSucceeded("web", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deployment");
        s.submit(job("train", 2, 1000).build());
        assertThatThrownBy(() -> s.replicaFailed("train", 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such replica: train/9");
        assertThatThrownBy(() -> s.replicaFailed("train", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("replica train/1 is not running: pending");
        assertThatThrownBy(() -> s.replicaFailed("nope", 0)).isInstanceOf(IllegalArgumentException.class);
        s.replicaSucceeded("train", 0);
        assertThatThrownBy(() -> s.replicaSucceeded("train", 0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("replica train/0 is not running: Succeeded");
        s.replicaSucceeded("train", 1);
        assertThatThrownBy(() -> s.replicaSucceeded("train", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("job train has finished (Succeeded)");
        assertThatThrownBy(() -> s.scale("train", 3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void scalingARunningJobDownToItsSucceededReplicasCompletesIt() {
        Scheduler s = scheduler(node("a", 1000, 4096));
        s.submit(job("train", 3, 500).build());
        s.replicaSucceeded("train", 0);
        ScheduleResult r = s.scale("train", 1);
        assertThat(r.jobs()).extracting(JobOutcome::state).containsExactly(JobState.SUCCEEDED);
        assertThat(s.state().workload("train").orElseThrow().ended())
                .containsExactly(new EndedReplica(0, ReplicaOutcome.SUCCEEDED));
        assertThat(allocatedCpu(s, "a")).isZero();
    }

    @Test
    void deletingAJobWithEndedReplicasReturnsOnlyWhatItStillHeld() {
        Scheduler s = scheduler(node("a", 4000, 4096));
        s.setQuota("p", Quota.of(4000, 4096, 0, Quota.QuotaPolicy.QUEUE));
        s.submit(job("train", 3, 1000).build());
        s.replicaSucceeded("train", 0);
        s.delete("train");
        assertThat(s.state().quotaUsage("p")).isEqualTo(Resources.ZERO);
        assertThat(allocatedCpu(s, "a")).isZero();
    }

    @Test
    void restoreBringsBackEndedReplicasRetriesAndFinishedJobsWithoutTheirResources() {
        Scheduler s = scheduler(node("a", 4000, 4096));
        s.setQuota("p", Quota.of(4000, 4096, 0, Quota.QuotaPolicy.QUEUE));
        s.submit(job("run", 3, 1000).maxRetries(2).build());
        s.replicaSucceeded("run", 0);
        s.replicaFailed("run", 1);
        s.submit(job("done", 1, 1000).build());
        s.replicaFailed("done", 0);

        Scheduler.Restored r = RestoreTest.restart(s);
        assertThat(r.problems()).isEmpty();
        ClusterState back = r.scheduler().state();
        assertThat(back.bindings()).containsExactlyInAnyOrderElementsOf(s.state().bindings());
        assertThat(back.workload("run").orElseThrow().job()).isEqualTo(new JobProgress(JobState.RUNNING, 1,
                List.of(new EndedReplica(0, ReplicaOutcome.SUCCEEDED))));
        assertThat(back.workload("done").orElseThrow().job().state()).isEqualTo(JobState.FAILED);
        assertThat(back.quotaUsage("p")).isEqualTo(s.state().quotaUsage("p")).isEqualTo(Resources.of(2000, 200, 0));
        // the restored job goes on where it was: one retry left, then success
        r.scheduler().replicaFailed("run", 2);
        r.scheduler().replicaSucceeded("run", 1);
        assertThat(r.scheduler().replicaSucceeded("run", 2).jobs()).extracting(JobOutcome::retries)
                .containsExactly(2);
    }

    @Test
    void restoreStopsWhatAFinishedJobShouldNoLongerHold() {
        Workload w = job("done", 2, 1000).build();
        Scheduler.Restored r = Scheduler.restore(SchedulerConfig.defaults(), List.of(node("a", 4000, 4096)), Map.of(),
                List.of(w), Map.of("done", 2), List.of(new Binding("done", 1, "a")), Map.of("done",
                        new JobProgress(JobState.FAILED, 0, List.of(new EndedReplica(0, ReplicaOutcome.FAILED)))));
        assertThat(r.problems()).containsExactly(
                "binding Binding[workload=done, replica=1, node=a] dropped: job done has finished",
                "replica done/1 of finished job done had not ended; stopped");
        assertThat(r.scheduler().state().bindings()).isEmpty();
        assertThat(r.scheduler().state().totalAllocated()).isEqualTo(Resources.ZERO);
    }
}

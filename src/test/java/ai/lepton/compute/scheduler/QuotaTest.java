package ai.lepton.compute.scheduler;

import static ai.lepton.compute.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaTest {

    @Test
    void rejectsWhatWouldExceedARejectQuota() {
        Scheduler s = scheduler(node("a", 16000, 16384));
        s.setQuota("p", Quota.of(3000, 8192, 0, Quota.QuotaPolicy.REJECT));
        assertThat(s.submit(wl("a", 2, 1000, 100).build()).placements()).hasSize(2);
        ScheduleResult r = s.submit(wl("b", 2, 1000, 100).build());
        assertThat(r.admissions()).singleElement().satisfies(a -> {
            assertThat(a.decision()).isEqualTo(Admission.Decision.REJECTED);
            assertThat(a.detail()).isEqualTo("exceeded quota of project p: cpu 4000m > 3000m");
        });
        assertThat(s.state().workload("b")).isEmpty();
        assertThat(s.state().quotaUsage("p")).isEqualTo(Resources.of(2000, 200, 0));
        assertThat(s.submit(wl("gpu", 1, 100, 100).resources(Resources.of(100, 100, 1)).build()).admissions().get(0)
                .detail()).isEqualTo("exceeded quota of project p: gpus 1 > 0");
    }

    @Test
    void queuesAndAdmitsInArrivalOrderWhenQuotaFrees() {
        Scheduler s = scheduler(node("a", 16000, 16384));
        s.setQuota("p", Quota.of(2000, 8192, 0, Quota.QuotaPolicy.QUEUE));
        s.submit(wl("a", 2, 1000, 100).build());
        ScheduleResult q = s.submit(wl("b", 1, 1000, 100).build());
        assertThat(q.admissions().get(0).decision()).isEqualTo(Admission.Decision.QUEUED);
        s.submit(wl("c", 1, 1000, 100).build());
        assertThat(s.state().workload("b").orElseThrow().queued()).isTrue();
        assertThat(s.state().pending()).isEmpty();
        ScheduleResult freed = s.scale("a", 1);
        assertThat(freed.admissions()).extracting(Admission::workload).containsExactly("b");
        assertThat(freed.placements()).extracting(Placement::workload).containsExactly("b");
        assertThat(s.delete("a").placements()).extracting(Placement::workload).containsExactly("c");
    }

    @Test
    void queuedScaleUpIsAdmittedLater() {
        Scheduler s = scheduler(node("a", 16000, 16384));
        s.setQuota("p", Quota.of(2000, 8192, 0, Quota.QuotaPolicy.QUEUE));
        s.submit(wl("a", 1, 1000, 100).build());
        s.submit(wl("b", 1, 1000, 100).build());
        ScheduleResult r = s.scale("a", 3);
        assertThat(r.admissions().get(0).decision()).isEqualTo(Admission.Decision.QUEUED);
        assertThat(s.state().workload("a").orElseThrow().admittedReplicas()).isEqualTo(1);
        ScheduleResult raised = s.setQuota("p", Quota.of(4000, 8192, 0, Quota.QuotaPolicy.QUEUE));
        assertThat(raised.placements()).hasSize(2);
        assertThat(s.state().quotaUsage("p").cpuMillis()).isEqualTo(4000);
    }

    @Test
    void pendingReplicasCountAgainstQuotaSoPlacementNeverExceedsIt() {
        Scheduler s = scheduler(node("a", 1000, 16384));
        s.setQuota("p", Quota.of(2000, 8192, 0, Quota.QuotaPolicy.REJECT));
        ScheduleResult r = s.submit(wl("a", 2, 1000, 100).build());
        assertThat(r.pending()).hasSize(1);
        assertThat(s.submit(wl("b", 1, 1000, 100).build()).admissions().get(0).decision())
                .isEqualTo(Admission.Decision.REJECTED);
    }

    @Test
    void otherProjectsAreUnaffected() {
        Scheduler s = scheduler(node("a", 16000, 16384));
        s.setQuota("p", Quota.of(0, 0, 0, Quota.QuotaPolicy.REJECT));
        assertThat(s.submit(Workload.builder("x").project("q").resources(1000, 100).build()).placements())
                .hasSize(1);
    }
}

package ai.lepton.compute.web;

import ai.lepton.compute.api.NodeView;
import ai.lepton.compute.api.WorkloadView;
import ai.lepton.compute.service.NodeService;
import ai.lepton.compute.service.WorkloadService;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProjectView;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Adds {@code workloads} to the GraphQL {@code Project} type and the installation's {@code nodes}. */
@GraphQLApi
public class ComputeGraphQL {

    private final WorkloadService workloads;
    private final NodeService nodes;

    public ComputeGraphQL(WorkloadService workloads, NodeService nodes) {
        this.workloads = workloads;
        this.nodes = nodes;
    }

    /**
     * A workload as GraphQL shows it: the REST view without its submitted spec and last score breakdown (free-form
     * JSON there: a priority may be a number or a class name), which {@code GET .../workloads/{name}} returns.
     */
    public record Workload(String name, String type, int priority, int desiredReplicas, int admittedReplicas,
            boolean queued, int running, List<WorkloadView.Replica> replicas, WorkloadView.Job job,
            java.time.Instant createdAt, java.time.Instant updatedAt) {

        static Workload of(WorkloadView v) {
            return new Workload(v.name(), v.type(), v.priority(), v.desiredReplicas(), v.admittedReplicas(),
                    v.queued(), v.running(), v.replicas(), v.job(), v.createdAt(), v.updatedAt());
        }
    }

    @Description("The project's workloads, by name: replicas with node, state and pending reason, job progress.")
    public List<Workload> workloads(@Source ProjectView project, @Name("offset") @DefaultValue("0") long offset,
            @Name("limit") @DefaultValue("50") int limit) {
        return workloads.list(project.name(), PageRequest.of(offset, limit, 1000)).items().stream()
                .map(Workload::of).toList();
    }

    @Query("nodes")
    @Description("The installation's nodes, by name: capacity, allocatable, allocated and state. Any valid key.")
    public List<NodeView> nodes(@Name("offset") @DefaultValue("0") long offset,
            @Name("limit") @DefaultValue("50") int limit) {
        return nodes.list(PageRequest.of(offset, limit, 1000)).items();
    }
}

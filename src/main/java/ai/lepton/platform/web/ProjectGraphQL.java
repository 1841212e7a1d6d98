package ai.lepton.platform.web;

import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProjectView;
import ai.lepton.platform.config.PlatformConfig;
import ai.lepton.platform.tenancy.ProjectService;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Query;

/** GraphQL entry points of the platform; other modules add fields to {@code Project} with {@code @Source}. */
@GraphQLApi
public class ProjectGraphQL {

    private final ProjectService projects;
    private final PlatformConfig config;

    public ProjectGraphQL(ProjectService projects, PlatformConfig config) {
        this.projects = projects;
        this.config = config;
    }

    @Query("projects")
    @Description("Projects visible to the calling key (an installation admin sees all).")
    public List<ProjectView> projects(@Name("offset") @DefaultValue("0") long offset,
            @Name("limit") @DefaultValue("50") int limit) {
        return projects.list(PageRequest.of(offset, limit, config.paging().maxLimit())).items();
    }

    @Query("project")
    @Description("One project by name; an error with extensions.code 'not-found' when it does not exist or is not visible.")
    public ProjectView project(@Name("name") String name) {
        return projects.get(name);
    }
}

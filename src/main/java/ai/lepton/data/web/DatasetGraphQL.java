package ai.lepton.data.web;

import ai.lepton.data.api.DatasetView;
import ai.lepton.data.catalog.DatasetService;
import ai.lepton.platform.api.ProjectView;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Source;

/** Adds {@code datasets} to the GraphQL {@code Project} type. */
@GraphQLApi
public class DatasetGraphQL {

    private final DatasetService datasets;

    public DatasetGraphQL(DatasetService datasets) {
        this.datasets = datasets;
    }

    @Description("The project's datasets with their versions and schemas.")
    public List<DatasetView> datasets(@Source ProjectView project) {
        return datasets.all(project.name());
    }
}

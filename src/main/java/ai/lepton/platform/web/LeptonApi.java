package ai.lepton.platform.web;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** OpenAPI metadata for the whole API: every operation needs the bearer API key. */
@OpenAPIDefinition(
        info = @Info(title = "Lepton API", version = "0.1",
                description = "Self-hosted AI infrastructure: projects, API keys, datasets and events. Every "
                        + "/api endpoint needs 'Authorization: Bearer <api key>'. Errors are RFC 9457 "
                        + "application/problem+json documents whose 'type' is stable.",
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        security = @SecurityRequirement(name = "apiKey"),
        tags = {
            @Tag(name = "projects", description = "Projects (tenants)"),
            @Tag(name = "keys", description = "API keys and roles"),
            @Tag(name = "events", description = "The project's event log"),
            @Tag(name = "datasets", description = "Datasets, immutable versions, rows and profiles"),
            @Tag(name = "training", description = "Tribuo training jobs"),
            @Tag(name = "models", description = "The model registry: versions, metrics, lineage, stages, aliases"),
            @Tag(name = "serving", description = "Inference endpoints with canary routes and micro-batching")
        })
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key such as lep_3kT...; create one with POST /api/projects/{project}/keys")
public class LeptonApi extends Application {
}

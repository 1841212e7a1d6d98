package ai.lepton.platform.tenancy;

import ai.lepton.platform.api.Action;
import ai.lepton.platform.api.ApiKeyCreated;
import ai.lepton.platform.api.ApiKeyRevoked;
import ai.lepton.platform.api.ApiKeyView;
import ai.lepton.platform.api.CreatedApiKey;
import ai.lepton.platform.api.CurrentPrincipal;
import ai.lepton.platform.api.Outbox;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.Principal;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.api.ProjectRef;
import ai.lepton.platform.api.Role;
import ai.lepton.platform.security.ApiKeyAuthenticator;
import ai.lepton.platform.security.KeyMaterial;
import ai.lepton.platform.store.ApiKeyEntity;
import ai.lepton.platform.store.ApiKeyRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** Creates, lists and revokes API keys, per project or for the whole installation. */
@ApplicationScoped
@Transactional
public class ApiKeyService {

    private final ApiKeyRepository keys;
    private final ProjectService projects;
    private final CurrentPrincipal principal;
    private final ApiKeyAuthenticator authenticator;
    private final Outbox outbox;

    public ApiKeyService(ApiKeyRepository keys, ProjectService projects, CurrentPrincipal principal,
            ApiKeyAuthenticator authenticator, Outbox outbox) {
        this.keys = keys;
        this.projects = projects;
        this.principal = principal;
        this.authenticator = authenticator;
        this.outbox = outbox;
    }

    /** Creates a key in a project ({@code project} non-null, needs project admin) or for the installation. */
    public CreatedApiKey create(String project, Role role, String name) {
        Principal p = principal.get();
        ProjectRef ref = scope(project);
        String secret = KeyMaterial.generate();
        ApiKeyEntity e = new ApiKeyEntity();
        e.projectId = ref == null ? null : ref.id();
        e.name = name == null || name.isBlank() ? role.wire() + "-" + Instant.now().getEpochSecond() : name.trim();
        e.role = role.name();
        e.keyHash = KeyMaterial.hash(secret);
        e.keyPrefix = KeyMaterial.displayPrefix(secret);
        e.createdAt = Instant.now();
        keys.persist(e);
        outbox.publish(new ApiKeyCreated(UUID.randomUUID(), e.createdAt, project, e.id, e.name, role, p.keyName()));
        Log.infof("%s key '%s' (%s) created in %s by '%s'", role.wire(), e.name, e.keyPrefix,
                project == null ? "the installation" : "project '" + project + "'", p.keyName());
        return new CreatedApiKey(secret, view(e, project));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ApiKeyView> list(String project, PageRequest page) {
        ProjectRef ref = scope(project);
        Long projectId = ref == null ? null : ref.id();
        return new Page<>(keys.listForProject(projectId, page.offset(), page.limit()).stream()
                .map(e -> view(e, project)).toList(), page.offset(), page.limit(), keys.countForProject(projectId));
    }

    public ApiKeyView revoke(String project, long id) {
        Principal p = principal.get();
        ProjectRef ref = scope(project);
        Long projectId = ref == null ? null : ref.id();
        ApiKeyEntity e = keys.findById(id)
                .filter(k -> projectId == null ? k.projectId == null : projectId.equals(k.projectId))
                .orElseThrow(() -> ProblemException.notFound("key " + id + " not found"));
        if (e.revokedAt == null) {
            e.revokedAt = Instant.now();
            outbox.publish(new ApiKeyRevoked(UUID.randomUUID(), e.revokedAt, project, e.id, p.keyName()));
            Log.infof("key '%s' (%s) revoked by '%s'", e.name, e.keyPrefix, p.keyName());
        }
        authenticator.evict(e.id);
        return view(e, project);
    }

    /** Authorises key management: project admin for a project, installation admin for installation keys. */
    private ProjectRef scope(String project) {
        if (project == null) {
            if (!principal.get().installationAdmin()) {
                throw ProblemException.forbidden("only an installation admin key may manage installation keys");
            }
            return null;
        }
        return projects.authorize(project, Action.ADMIN);
    }

    private static ApiKeyView view(ApiKeyEntity e, String project) {
        return new ApiKeyView(e.id, e.name, Role.valueOf(e.role), project, e.keyPrefix, e.createdAt, e.revokedAt);
    }
}

package ai.lepton.platform.tenancy;

import ai.lepton.platform.api.Action;
import ai.lepton.platform.api.CurrentPrincipal;
import ai.lepton.platform.api.Outbox;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.Principal;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.api.ProjectCreated;
import ai.lepton.platform.api.ProjectRef;
import ai.lepton.platform.api.ProjectView;
import ai.lepton.platform.api.Projects;
import ai.lepton.platform.store.ProjectEntity;
import ai.lepton.platform.store.ProjectRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Projects: creation, listing and the authorisation every project-scoped endpoint goes through. */
@ApplicationScoped
@Transactional
public class ProjectService implements Projects {

    private final ProjectRepository projects;
    private final CurrentPrincipal principal;
    private final Outbox outbox;
    /**
     * Project name to id. Projects are never renamed or deleted, so an entry never goes stale; it spares the hot
     * paths (predictions, telemetry) a database round trip per request. Unknown names are not remembered.
     */
    private final Map<String, ProjectRef> known = new ConcurrentHashMap<>();
    private static final int KNOWN_MAX = 10_000;

    public ProjectService(ProjectRepository projects, CurrentPrincipal principal, Outbox outbox) {
        this.projects = projects;
        this.principal = principal;
        this.outbox = outbox;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public ProjectRef authorize(String project, Action action) {
        ProjectRef ref = known.get(project);
        if (ref == null) {
            ref = projects.findByName(project).map(e -> new ProjectRef(e.id, e.name)).orElse(null);
            if (ref != null) {
                if (known.size() >= KNOWN_MAX) {
                    known.clear();
                }
                known.put(project, ref);
            }
        }
        return check(project, ref, action);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Optional<ProjectRef> authorizeWithoutBlocking(String project, Action action) {
        ProjectRef ref = known.get(project);
        return ref == null ? java.util.Optional.empty() : java.util.Optional.of(check(project, ref, action));
    }

    /** The visibility and role checks of {@link #authorize}, on a resolved (or unknown: null) project. */
    private ProjectRef check(String project, ProjectRef ref, Action action) {
        Principal p = principal.get();
        if (ref == null || !p.canSee(ref.id())) {
            throw ProblemException.notFound("project '" + project + "' not found");
        }
        if (!p.role().permits(action)) {
            throw ProblemException.forbidden("a " + p.role().wire() + " key may not " + verb(action)
                    + " in project '" + project + "'");
        }
        return ref;
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public ProjectRef byId(long id) {
        return projects.findById(id).map(e -> new ProjectRef(e.id, e.name))
                .orElseThrow(() -> ProblemException.notFound("project " + id + " not found"));
    }

    @Override
    public java.util.Optional<ProjectRef> byName(String name) {
        return projects.findByName(name).map(e -> new ProjectRef(e.id, e.name));
    }

    public ProjectView create(String name, String description) {
        Principal p = principal.get();
        if (!p.installationAdmin()) {
            throw ProblemException.forbidden("only an installation admin key may create projects");
        }
        if (projects.findByName(name).isPresent()) {
            throw ProblemException.conflict("a project named '" + name + "' already exists");
        }
        ProjectEntity e = new ProjectEntity();
        e.name = name;
        e.description = description;
        e.createdAt = Instant.now();
        projects.persist(e);
        outbox.publish(new ProjectCreated(UUID.randomUUID(), e.createdAt, e.name, p.keyName()));
        Log.infof("project '%s' created by key '%s'", name, p.keyName());
        return view(e);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ProjectView> list(PageRequest page) {
        Principal p = principal.get();
        if (p.installationAdmin()) {
            List<ProjectView> items = projects.list(page.offset(), page.limit()).stream().map(ProjectService::view).toList();
            return new Page<>(items, page.offset(), page.limit(), projects.countAll());
        }
        List<ProjectView> own = p.projectId() == null ? List.of()
                : projects.findById(p.projectId()).map(ProjectService::view).stream().toList();
        List<ProjectView> items = page.offset() == 0 ? own : List.of();
        return new Page<>(items, page.offset(), page.limit(), own.size());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProjectView get(String name) {
        ProjectRef ref = authorize(name, Action.READ);
        return projects.findById(ref.id()).map(ProjectService::view).orElseThrow();
    }

    static ProjectView view(ProjectEntity e) {
        return new ProjectView(e.name, e.description, e.createdAt);
    }

    private static String verb(Action action) {
        return switch (action) {
            case READ -> "read";
            case WRITE -> "change objects";
            case ADMIN -> "manage keys or settings";
        };
    }
}

package ai.lepton.platform.store;

import ai.lepton.platform.api.store.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Installation-wide key/value settings (generated secrets, bootstrap markers). */
@ApplicationScoped
public class SettingRepository {

    private final Sessions sessions;

    public SettingRepository(Sessions sessions) {
        this.sessions = sessions;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(sessions.current().find(SettingEntity.class, name)).map(s -> s.value);
    }

    /** Inserts a setting; flushes so that a concurrent insert of the same name fails here. */
    public void insert(String name, String value) {
        SettingEntity s = new SettingEntity();
        s.name = name;
        s.value = value;
        sessions.current().persist(s);
        sessions.current().flush();
    }
}

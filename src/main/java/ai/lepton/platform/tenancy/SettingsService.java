package ai.lepton.platform.tenancy;

import ai.lepton.platform.api.InstallationSettings;
import ai.lepton.platform.store.SettingRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Installation settings in the database, cached once read (they never change once created). */
@ApplicationScoped
public class SettingsService implements InstallationSettings {

    private final SettingRepository settings;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public SettingsService(SettingRepository settings) {
        this.settings = settings;
    }

    @Override
    public String getOrCreate(String name, Supplier<String> initial) {
        String cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        String value;
        try {
            value = QuarkusTransaction.requiringNew().call(() -> settings.get(name).orElseGet(() -> {
                String v = initial.get();
                settings.insert(name, v);
                return v;
            }));
        } catch (RuntimeException e) {
            // another replica inserted it first: read theirs
            value = QuarkusTransaction.requiringNew().call(() -> settings.get(name)).orElseThrow(() -> e);
        }
        cache.put(name, value);
        return value;
    }
}

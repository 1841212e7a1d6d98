package ai.lepton.platform.tenancy;

import ai.lepton.platform.api.Role;
import ai.lepton.platform.config.PlatformConfig;
import ai.lepton.platform.security.KeyMaterial;
import ai.lepton.platform.store.ApiKeyEntity;
import ai.lepton.platform.store.ApiKeyRepository;
import ai.lepton.platform.store.SettingRepository;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Optional;

/**
 * On the very first start (no key at all) creates the installation admin key: {@code LEPTON_ADMIN_KEY} when set,
 * otherwise a random key that is logged once and never again.
 */
@ApplicationScoped
public class AdminKeyBootstrap {

    static final String MARKER = "bootstrap.admin-key";

    private final ApiKeyRepository keys;
    private final SettingRepository settings;
    private final PlatformConfig config;

    public AdminKeyBootstrap(ApiKeyRepository keys, SettingRepository settings, PlatformConfig config) {
        this.keys = keys;
        this.settings = settings;
        this.config = config;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        Optional<String> supplied = config.adminKey().map(String::trim).filter(k -> !k.isEmpty());
        supplied.ifPresent(k -> {
            if (k.length() < KeyMaterial.MIN_SUPPLIED_LENGTH) {
                throw new IllegalStateException("LEPTON_ADMIN_KEY must be at least " + KeyMaterial.MIN_SUPPLIED_LENGTH
                        + " characters long");
            }
        });
        String created = QuarkusTransaction.requiringNew().call(() -> {
            if (keys.countAll() > 0 || settings.get(MARKER).isPresent()) {
                return null;
            }
            // the marker's primary key makes a second replica starting at the same moment fail here, not double up
            settings.insert(MARKER, Instant.now().toString());
            String key = supplied.orElseGet(KeyMaterial::generate);
            ApiKeyEntity e = new ApiKeyEntity();
            e.name = "bootstrap-admin";
            e.role = Role.ADMIN.name();
            e.keyHash = KeyMaterial.hash(key);
            e.keyPrefix = KeyMaterial.displayPrefix(key);
            e.createdAt = Instant.now();
            keys.persist(e);
            return key;
        });
        if (created == null) {
            if (supplied.isPresent()) {
                Log.info("API keys already exist; LEPTON_ADMIN_KEY is only used on the first start and was ignored");
            }
            return;
        }
        if (supplied.isPresent()) {
            Log.infof("installation admin key created from LEPTON_ADMIN_KEY (%s...)", KeyMaterial.displayPrefix(created));
        } else {
            Log.warnf("%n%n    No API key existed, so an installation admin key was generated. It is shown this once:%n%n"
                    + "        %s%n%n    Use it as 'Authorization: Bearer <key>'. Set LEPTON_ADMIN_KEY on first start to "
                    + "choose it yourself.%n", created);
        }
    }
}

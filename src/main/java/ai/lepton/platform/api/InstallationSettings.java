package ai.lepton.platform.api;

import java.util.function.Supplier;

/** Installation-wide values that must be identical on every replica, such as generated secrets. */
public interface InstallationSettings {

    /**
     * The value stored under {@code name}; when absent, stores {@code initial.get()} and returns it. Concurrent first
     * calls on several replicas agree on one value.
     */
    String getOrCreate(String name, Supplier<String> initial);
}

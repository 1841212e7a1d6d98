package ai.lepton.compute.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dense ids for strings (zones, sites, regions) and taints, so per-domain counts are plain arrays. */
final class Interner<T> {
    private final Map<T, Integer> ids = new HashMap<>();
    private final List<T> values = new ArrayList<>();

    int id(T v) {
        Integer id = ids.get(v);
        if (id == null) {
            id = values.size();
            ids.put(v, id);
            values.add(v);
        }
        return id;
    }

    int size() {
        return values.size();
    }

    T value(int id) {
        return values.get(id);
    }
}

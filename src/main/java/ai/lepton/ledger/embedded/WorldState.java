package ai.lepton.ledger.embedded;

import java.util.Arrays;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The committed state (Fabric's state database) and the history index, in memory, rebuilt from the block file on
 * open. Keys are in {@link KeyOrder#CODE_POINT} order. A deleted key keeps its entry (value null) for its history.
 *
 * <p>Simulations hold the read lock for their whole run and the committer takes the write lock to apply a block,
 * as Fabric's transaction manager does, so a contract sees one consistent committed state.
 */
final class WorldState {

    private static final long[] NO_HISTORY = new long[0];

    /** One key: its value (null when deleted), version, and the versions of every valid write to it. */
    static final class Entry {
        byte[] value;
        long version = Versions.NONE;
        long[] history = NO_HISTORY;
        int historyCount;
    }

    final NavigableMap<String, Entry> map = new TreeMap<>(KeyOrder.CODE_POINT);
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private long liveKeys;

    long version(String key) {
        Entry e = map.get(key);
        return e == null || e.value == null ? Versions.NONE : e.version;
    }

    /** Applies one write of a valid transaction; the caller holds the write lock (or is replaying alone). */
    void apply(String key, boolean delete, byte[] value, long version) {
        Entry e = map.get(key);
        if (e == null) {
            e = new Entry();
            map.put(key, e);
        }
        if (delete) {
            if (e.value != null) {
                liveKeys--;
            }
            e.value = null;
            e.version = Versions.NONE;
        } else {
            if (e.value == null) {
                liveKeys++;
            }
            e.value = value;
            e.version = version;
        }
        if (e.historyCount == e.history.length) {
            e.history = Arrays.copyOf(e.history, Math.max(1, e.history.length * 2));
        }
        e.history[e.historyCount++] = version;
    }

    long liveKeys() {
        return liveKeys;
    }
}

package ai.lepton.compute.scheduler;

import java.util.Arrays;

/** The replicas on one node; removal swaps with the last, so it is O(1). */
final class ReplicaList {
    Replica[] items = new Replica[4];
    int size;

    void add(Replica r) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        r.posOnNode = size;
        items[size++] = r;
    }

    void remove(Replica r) {
        int p = r.posOnNode;
        Replica last = items[--size];
        items[p] = last;
        last.posOnNode = p;
        items[size] = null;
        r.posOnNode = -1;
    }

    Replica[] snapshot() {
        return Arrays.copyOf(items, size);
    }
}

package ai.lepton.ml.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {

    @Test
    void concurrentRequestsShareModelCallsAndGetTheirOwnAnswers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> sizes = new ArrayList<>();
        try (MicroBatcher<Integer, Integer> b = new MicroBatcher<>("test", 64, 0, items -> {
            calls.incrementAndGet();
            synchronized (sizes) {
                sizes.add(items.size());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return items.stream().map(i -> i * 10).toList();
        })) {
            List<CompletableFuture<List<Integer>>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(b.submit(List.of(i, i + 1000)));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(futures.get(i).get()).containsExactly(i * 10, (i + 1000) * 10);
            }
        }
        assertThat(calls.get()).isLessThan(200);
        assertThat(sizes).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(64));
    }

    @Test
    void callAsyncAnswersOnTheCallersThreadWhenIdleAndNeverBlocksWhenBusy() throws Exception {
        java.util.concurrent.CountDownLatch inModel = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        try (MicroBatcher<Integer, Integer> b = new MicroBatcher<>("test", 8, 0, items -> {
            threads.add(Thread.currentThread().getName());
            if (items.contains(-1)) {
                inModel.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return items.stream().map(i -> i * 2).toList();
        })) {
            CompletableFuture<List<Integer>> idle = b.callAsync(List.of(3));
            assertThat(idle).isCompletedWithValue(List.of(6));
            assertThat(threads).containsExactly(Thread.currentThread().getName());

            // a model call in progress: the next caller is queued and returns at once with a pending future
            CompletableFuture<List<Integer>> slow = CompletableFuture.supplyAsync(() -> b.callAsync(List.of(-1)).join());
            inModel.await();
            CompletableFuture<List<Integer>> queued = b.callAsync(List.of(5));
            assertThat(queued).isNotDone();
            release.countDown();
            assertThat(queued.get(5, java.util.concurrent.TimeUnit.SECONDS)).containsExactly(10);
            assertThat(slow.get(5, java.util.concurrent.TimeUnit.SECONDS)).containsExactly(-2);
        }
    }

    @Test
    void aRequestLargerThanTheBatchIsPredictedAlone() throws Exception {
        try (MicroBatcher<Integer, Integer> b = new MicroBatcher<>("test", 4, 0, items -> items)) {
            List<Integer> big = List.of(1, 2, 3, 4, 5, 6);
            assertThat(b.submit(big).get()).isEqualTo(big);
        }
    }

    @Test
    void aFailingModelFailsOnlyItsBatch() throws Exception {
        try (MicroBatcher<Integer, Integer> b = new MicroBatcher<>("test", 8, 0, items -> {
            if (items.contains(-1)) {
                throw new IllegalArgumentException("bad");
            }
            return items;
        })) {
            assertThat(b.submit(List.of(-1))).failsWithin(java.time.Duration.ofSeconds(5));
            assertThat(b.submit(List.of(7)).get()).containsExactly(7);
        }
    }

    @Test
    void anIdleBatcherPredictsOnTheCallersThreadAndABusyOneBatches() throws Exception {
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (MicroBatcher<Integer, Integer> b = new MicroBatcher<>("test", 64, 0, items -> {
            threads.add(Thread.currentThread().getName());
            if (items.contains(-1)) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return items;
        })) {
            assertThat(b.call(List.of(1), 5, java.util.concurrent.TimeUnit.SECONDS)).containsExactly(1);
            assertThat(threads).containsExactly(Thread.currentThread().getName());
            // a call in progress holds the model: the next requests queue and are batched together
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            java.util.concurrent.Future<List<Integer>> slow = pool.submit(
                    () -> b.call(List.of(-1), 5, java.util.concurrent.TimeUnit.SECONDS));
            while (threads.size() < 2) {
                Thread.sleep(1);
            }
            List<java.util.concurrent.Future<List<Integer>>> queued = new ArrayList<>();
            for (int i = 2; i < 5; i++) {
                int v = i;
                queued.add(pool.submit(() -> b.call(List.of(v), 5, java.util.concurrent.TimeUnit.SECONDS)));
            }
            Thread.sleep(100);
            release.countDown();
            assertThat(slow.get()).containsExactly(-1);
            for (int i = 0; i < 3; i++) {
                assertThat(queued.get(i).get()).containsExactly(i + 2);
            }
            pool.shutdown();
            assertThat(threads.subList(2, threads.size())).allSatisfy(t -> assertThat(t).isEqualTo("test"));
            assertThat(threads.size()).isLessThan(5); // three queued requests, fewer than three model calls
        }
    }
}

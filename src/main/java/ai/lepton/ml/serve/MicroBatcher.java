package ai.lepton.ml.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Groups the instances of concurrent requests into one model call. A single thread takes the oldest request, adds
 * every request already waiting (and, when {@code maxWaitNanos} is above zero, those arriving within it) up to
 * {@code maxBatch} instances, predicts them together and completes each request with its share. Under load batches
 * form by themselves; an idle endpoint adds no delay unless a wait is configured.
 */
public final class MicroBatcher<I, O> implements AutoCloseable {

    private record Pending<I, O>(List<I> items, CompletableFuture<List<O>> result) {
    }

    private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final long maxWaitNanos;
    private final Function<List<I>, List<O>> predict;
    private final Thread thread;
    /** Held around every model call, so calls made by callers themselves and by the batching thread never overlap. */
    private final ReentrantLock model = new ReentrantLock();
    private volatile boolean open = true;

    public MicroBatcher(String name, int maxBatch, long maxWaitNanos, Function<List<I>, List<O>> predict) {
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWaitNanos;
        this.predict = predict;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public CompletableFuture<List<O>> submit(List<I> items) {
        CompletableFuture<List<O>> f = new CompletableFuture<>();
        if (!open) {
            f.completeExceptionally(new IllegalStateException("this deployment was replaced; retry"));
            return f;
        }
        queue.add(new Pending<>(items, f));
        return f;
    }

    /** {@link #callAsync} and wait for the answer. */
    public List<O> call(List<I> items, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return callAsync(items).get(timeout, unit);
    }

    /**
     * Predicts without waiting. When nothing is queued and no model call is running, the caller's own thread makes the
     * call and the future is already complete (no hand-off to the batching thread and back, which costs two thread
     * wake-ups); otherwise the items join the queue, are batched with the others and the batching thread completes the
     * future. Never blocks, so an I/O thread may call it.
     */
    public CompletableFuture<List<O>> callAsync(List<I> items) {
        if (open && queue.isEmpty() && model.tryLock()) {
            try {
                if (queue.isEmpty()) {
                    try {
                        return CompletableFuture.completedFuture(predict.apply(items));
                    } catch (RuntimeException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                }
            } finally {
                model.unlock();
            }
        }
        return submit(items);
    }

    private void loop() {
        List<Pending<I, O>> batch = new ArrayList<>();
        List<I> items = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                items.clear();
                batch.add(first);
                items.addAll(first.items());
                long deadline = System.nanoTime() + maxWaitNanos;
                while (items.size() < maxBatch) {
                    Pending<I, O> next = queue.peek();
                    if (next == null) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            break;
                        }
                        next = queue.poll(left, TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                    } else if (items.size() + next.items().size() > maxBatch) {
                        break;
                    } else {
                        queue.poll();
                    }
                    batch.add(next);
                    items.addAll(next.items());
                }
                run(batch, items);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(List<Pending<I, O>> batch, List<I> items) {
        List<O> out;
        model.lock();
        try {
            out = predict.apply(items);
        } catch (RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
            return;
        } finally {
            model.unlock();
        }
        int at = 0;
        for (Pending<I, O> p : batch) {
            int n = p.items().size();
            p.result().complete(new ArrayList<>(out.subList(at, at + n)));
            at += n;
        }
    }

    /** Stops taking requests; those already queued are still answered. */
    @Override
    public void close() {
        open = false;
    }
}

package ai.lepton.data.ingest;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a producer on its own thread and hands its output to the caller in reusable batches, so reading and parsing
 * overlap with the caller's work on the second core. Batches cycle between a free queue and a full queue; a failure
 * of the producer is rethrown by {@link #take()} in the caller, and closing the pipe stops the producer.
 */
final class BatchPipe<B> implements AutoCloseable {

    /** Fills one batch; returns false when the input is exhausted (the batch may still hold the last rows). */
    interface Producer<B> {
        boolean fill(B batch) throws IngestException, IOException;
    }

    private static final Object END = new Object();

    private final BlockingQueue<B> free;
    private final BlockingQueue<Object> full;
    private final Thread thread;
    private volatile boolean cancelled;
    private boolean ended;

    BatchPipe(String name, Supplier<B> factory, int buffers, Producer<B> producer) {
        free = new ArrayBlockingQueue<>(buffers);
        full = new ArrayBlockingQueue<>(buffers + 1);
        for (int i = 0; i < buffers; i++) {
            free.add(factory.get());
        }
        thread = new Thread(() -> run(producer), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Producer<B> producer) {
        try {
            boolean more = true;
            while (more && !cancelled) {
                B batch = free.poll(100, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    continue;
                }
                more = producer.fill(batch);
                put(batch);
            }
            put(END);
        } catch (Throwable t) {
            try {
                put(t);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void put(Object o) throws InterruptedException {
        while (!cancelled && !full.offer(o, 100, TimeUnit.MILLISECONDS)) {
            // the consumer is slower; wait, but notice cancellation
        }
    }

    /** The next full batch, or null at the end. Give it back with {@link #release} when done with it. */
    @SuppressWarnings("unchecked")
    B take() throws IngestException, IOException {
        if (ended) {
            return null;
        }
        Object o;
        try {
            o = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for input", e);
        }
        if (o == END) {
            ended = true;
            return null;
        }
        if (o instanceof Throwable t) {
            ended = true;
            if (t instanceof IngestException ie) {
                throw ie;
            }
            if (t instanceof Utf8Guard.Failure f) {
                throw f.cause;
            }
            if (t instanceof IOException io) {
                throw io;
            }
            if (t instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(t);
        }
        return (B) o;
    }

    void release(B batch) {
        free.offer(batch);
    }

    @Override
    public void close() {
        cancelled = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

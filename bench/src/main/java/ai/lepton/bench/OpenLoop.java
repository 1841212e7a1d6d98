package ai.lepton.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A small open-loop HTTP/1.1 load driver in the manner of wrk2: requests are due at a fixed rate, a pool of
 * keep-alive connections (one blocking thread each; connection {@code c} owns requests {@code c}, {@code c + n},
 * {@code c + 2n}, ... and waits for each one's due time itself) sends each request when it is due, and latency is
 * measured from the time the request was <em>due</em>, so a slow server cannot hide queueing (no coordinated
 * omission; a request whose connection is still busy with the previous one waits, and that wait counts). Raw sockets
 * keep the driver's own cost per request far below the JDK HttpClient's, which matters when the driver and the server
 * share two cores.
 */
final class OpenLoop {

    /**
     * Latencies in nanoseconds of the requests that got a 200, the count of the others, and how many requests were
     * sent more than 1 ms after they were due (their connection was still waiting for the previous answer, or the
     * driver's thread woke late; when that is not near 0 the run is queueing, in the server or in the driver).
     */
    record Result(long[] latencies, long failed, long late) {
    }

    private OpenLoop() {
    }

    static Result run(int port, String path, String authorization, String jsonBody, int perSecond, int seconds,
            int connections) throws Exception {
        // a null body sends a GET (the environment's floor: the same driver against a trivial endpoint)
        byte[] request = (jsonBody == null
                ? "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n"
                : "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                        + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + jsonBody.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + jsonBody)
                .getBytes(StandardCharsets.UTF_8);
        int total = perSecond * seconds;
        long[] latencies = new long[total];
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong late = new AtomicLong();
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime() + 50_000_000;
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int first = c;
            // connection c sends requests c, c + connections, c + 2 connections, ...: each thread waits for its own
            // requests' due times, so no pacing thread has to hand a request over (one wake-up per request, not two)
            Thread t = new Thread(() -> {
                Conn s = null;
                try {
                    s = open(port);
                    for (int i = first; i < total; i += connections) {
                        long scheduled = start + i * interval;
                        long wait = scheduled - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        } else if (wait < -1_000_000) {
                            late.incrementAndGet();
                        }
                        int status;
                        try {
                            status = exchange(s, request);
                        } catch (IOException e) {
                            s.close();
                            s = open(port);
                            status = -1;
                        }
                        long latency = System.nanoTime() - scheduled;
                        if (status == 200) {
                            latencies[(int) done.getAndIncrement()] = latency;
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                } finally {
                    if (s != null) {
                        try {
                            s.close();
                        } catch (IOException ignored) {
                            // closing
                        }
                    }
                }
            }, "load-" + c);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join(60_000L + seconds * 1000L);
        }
        long n = done.get();
        long[] out = new long[(int) n];
        System.arraycopy(latencies, 0, out, 0, (int) n);
        return new Result(out, failed.get(), late.get());
    }

    /** One keep-alive connection with a buffered reader (a read per byte would be a system call per byte). */
    private record Conn(Socket socket, InputStream in, OutputStream out) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Conn open(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setTcpNoDelay(true);
        return new Conn(s, new BufferedInputStream(s.getInputStream(), 16384), s.getOutputStream());
    }

    /** Sends one request and reads the whole response; returns the status. */
    private static int exchange(Conn s, byte[] request) throws IOException {
        s.out().write(request);
        s.out().flush();
        InputStream in = s.in();
        String status = line(in);
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        String h;
        while (!(h = line(in)).isEmpty()) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Integer.parseInt(h.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("transfer-encoding") && h.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            int size;
            while ((size = Integer.parseInt(line(in).trim(), 16)) > 0) {
                skip(in, size + 2);
            }
            line(in);
        } else if (length > 0) {
            skip(in, length);
        }
        return code;
    }

    private static void skip(InputStream in, int n) throws IOException {
        byte[] buf = new byte[Math.min(n, 8192)];
        while (n > 0) {
            int r = in.read(buf, 0, Math.min(n, buf.length));
            if (r < 0) {
                throw new IOException("connection closed");
            }
            n -= r;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}

package ai.lepton.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The smallest HTTP/1.1 keep-alive responder: a blocking thread per connection answers every request with a fixed
 * {@code 200 ok}, doing no parsing beyond finding the end of the request's headers (requests without a body only).
 * Driven by {@link OpenLoop} it gives this machine's and this driver's own latency floor, measured in the same run as
 * the application, so the application's figures can be read against what loopback HTTP costs here at all.
 */
final class FloorServer implements AutoCloseable {

    private static final byte[] RESPONSE = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;

    FloorServer() throws IOException {
        socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "floor-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "floor-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
            OutputStream out = s.getOutputStream();
            int endOfLine = 0; // counts the CR LF CR LF that ends a request's headers
            int c;
            while ((c = in.read()) >= 0) {
                endOfLine = c == '\r' || c == '\n' ? endOfLine + 1 : 0;
                if (endOfLine == 4) {
                    out.write(RESPONSE);
                    out.flush();
                    endOfLine = 0;
                }
            }
        } catch (IOException gone) {
            // the driver closed the connection
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

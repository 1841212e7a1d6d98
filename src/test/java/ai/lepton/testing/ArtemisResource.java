package ai.lepton.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * Starts an embedded ActiveMQ Artemis broker with an AMQP 1.0 and MQTT acceptor on a free port, so the real connectors
 * run over TCP. {@code EmbeddedActiveMQ.start()} does not throw when the broker fails, so this checks that the server
 * is active and that the port accepts connections.
 */
public class ArtemisResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedActiveMQ broker;

    /** Messages ever added to the queue of an address (0 when it does not exist yet). */
    public static long messagesAdded(String queue) {
        var q = broker.getActiveMQServer().locateQueue(queue);
        return q == null ? 0 : q.getMessagesAdded();
    }

    @Override
    public Map<String, String> start() {
        int port = freePort();
        try {
            ConfigurationImpl config = new ConfigurationImpl();
            config.setPersistenceEnabled(false);
            config.setSecurityEnabled(false);
            config.setJMXManagementEnabled(false);
            config.addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP,MQTT");
            broker = new EmbeddedActiveMQ();
            broker.setConfiguration(config);
            broker.start();
            if (!broker.getActiveMQServer().isActive()) {
                throw new IllegalStateException("broker is not active after start()");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        } catch (Exception e) {
            throw new IllegalStateException("embedded Artemis did not start on port " + port + ": " + e.getMessage(), e);
        }
        return Map.of("amqp-host", "127.0.0.1", "amqp-port", Integer.toString(port),
                "lepton.test.broker-port", Integer.toString(port));
    }

    @Override
    public void stop() {
        if (broker != null) {
            try {
                broker.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

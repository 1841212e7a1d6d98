package ai.lepton.ledger.chaincode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.hyperledger.fabric.shim.NettyChaincodeServer;

/**
 * Runs Lepton's contracts as a chaincode-as-a-service (CCaaS) gRPC server that Fabric peers dial, the main class of
 * {@code target/lepton-chaincode.jar} (see {@code fabric-network/README.md}).
 *
 * <p>Environment:
 * <ul>
 * <li>{@code CHAINCODE_SERVER_ADDRESS} (required): {@code host:port} to listen on, e.g. {@code 0.0.0.0:9999};</li>
 * <li>{@code CORE_CHAINCODE_ID_NAME} (required): the package id the peer installed,
 * {@code <label>:<sha256 of the package>};</li>
 * <li>{@code CHAINCODE_TLS_CERT_FILE} and {@code CHAINCODE_TLS_KEY_FILE} (optional, together): PEM certificate chain
 * and PKCS#8 key to serve TLS, matching {@code tls_required} and {@code root_cert} in the package's
 * {@code connection.json};</li>
 * <li>{@code CHAINCODE_TLS_CLIENT_CA_FILE} (optional, with TLS): PEM CA certificates; peers must then present a
 * client certificate issued by one of them ({@code client_auth_required}).</li>
 * </ul>
 * The shim's own variables ({@code CORE_CHAINCODE_LOGGING_LEVEL}, {@code CORE_CHAINCODE_LOGGING_SHIM}) work as
 * usual. Do not set {@code CORE_PEER_TLS_ENABLED}: it configures the shim's client mode, not this server.
 */
public final class ChaincodeService {

    private ChaincodeService() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, URISyntaxException {
        String address = required("CHAINCODE_SERVER_ADDRESS");
        String id = required("CORE_CHAINCODE_ID_NAME");
        ChaincodeServerProperties properties = new ChaincodeServerProperties();
        properties.setServerAddress(parseAddress(address));
        String cert = System.getenv("CHAINCODE_TLS_CERT_FILE");
        String key = System.getenv("CHAINCODE_TLS_KEY_FILE");
        if (cert != null || key != null) {
            if (cert == null || key == null) {
                throw new IllegalArgumentException("set both CHAINCODE_TLS_CERT_FILE and CHAINCODE_TLS_KEY_FILE");
            }
            properties.setTlsEnabled(true);
            properties.setKeyCertChainFile(cert);
            properties.setKeyFile(key);
            properties.setTrustCertCollectionFile(System.getenv("CHAINCODE_TLS_CLIENT_CA_FILE"));
        }
        properties.validate();
        // the router reads CORE_CHAINCODE_ID_NAME itself as well; --id makes the requirement explicit
        ContractRouter router = new ContractRouter(new String[] {"--id", id});
        router.startRouterWithChaincodeServer(new NettyChaincodeServer(router, properties));
    }

    /** Parses {@code host:port} ({@code [v6]:port} for IPv6). */
    static InetSocketAddress parseAddress(String address) throws URISyntaxException {
        URI uri = new URI("tcp://" + address);
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new URISyntaxException(address, "CHAINCODE_SERVER_ADDRESS must be host:port");
        }
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing required environment variable " + name);
        }
        return value;
    }
}

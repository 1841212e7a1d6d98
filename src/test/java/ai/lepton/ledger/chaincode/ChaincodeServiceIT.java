package ai.lepton.ledger.chaincode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetQueryResult;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box test of the packaged chaincode-as-a-service jar ({@code target/lepton-chaincode.jar}): started with
 * {@code java -jar} as a peer's external builder would, then driven over gRPC by a minimal stand-in for a peer that
 * speaks the chaincode protocol (the peer dials; the chaincode sends REGISTER and gets REGISTERED and READY; each
 * TRANSACTION carries a signed proposal whose creator is a real X.509 identity; the chaincode's GET_STATE, PUT_STATE,
 * range and history requests are answered from an in-memory state; COMPLETED carries the response and event).
 */
class ChaincodeServiceIT {

    static final String CHANNEL = "lepton";
    static final String PACKAGE_ID = "lepton_1.0:" + "0".repeat(64);

    static final TestIdentity.Ca ORG1_CA = TestIdentity.ca("Org1MSP");
    static final TestIdentity OPERATOR = ORG1_CA.issue("lepton-operator", Map.of("lepton.role", "operator"));
    static final TestIdentity ACME = ORG1_CA.issue("alice", Map.of("lepton.project", "acme"));

    @TempDir
    static Path workDir;
    static Process service;
    static Path log;
    static GrpcPeer peer;

    @BeforeAll
    static void startTheJarAndConnect() throws Exception {
        // failsafe names the jar its package phase just built; under surefire (-Dtest=...chaincode.**) there may be
        // none, or a stale one
        Assumptions.assumeTrue(System.getProperty("lepton.chaincode.jar") != null,
                "runs in the integration-test phase, after package");
        int port = freePort();
        log = workDir.resolve("chaincode.log");
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-jar", jar()).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + port);
        pb.environment().put("CORE_CHAINCODE_ID_NAME", PACKAGE_ID);
        service = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!listening(port)) {
            if (!service.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the chaincode service did not start:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        peer = new GrpcPeer(port);
        peer.register();
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (service != null) {
            service.destroy();
            if (!service.waitFor(20, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    @Test
    void registersWithThePackageIdAndRunsTransactionsAgainstThePeersState() throws Exception {
        assertThat(peer.registeredAs).isEqualTo(PACKAGE_ID);

        Completed config = peer.submit(OPERATOR, "Governance:configure", "[\"Org1MSP\"]");
        assertThat(config.status()).as(config.message()).isEqualTo(200);
        assertThat(config.eventName()).isEqualTo("GovernanceConfigured");

        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        Completed anchored = peer.submit(OPERATOR, "anchor", "dataset:acme/sales/1", sha, "{\"rows\":3}");
        assertThat(anchored.status()).as(anchored.message()).isEqualTo(200);
        assertThat(anchored.payload()).contains("\"sha256\":\"" + sha + "\"").contains("\"metadata\":{\"rows\":3}");
        assertThat(anchored.eventName()).isEqualTo("ProvenanceAnchored");

        Completed read = peer.evaluate(ACME, "Provenance:get", "dataset:acme/sales/1");
        assertThat(read.payload()).isEqualTo(anchored.payload());

        Completed history = peer.evaluate(ACME, "Provenance:history", "dataset:acme/sales/*");
        assertThat(history.payload()).startsWith("[{\"deleted\":false,").contains(anchored.txId());
    }

    @Test
    void refusalsArriveWithTheirCodeAndWriteNothing() throws Exception {
        peer.submit(OPERATOR, "Governance:configure", "[\"Org1MSP\"]");
        int keys = peer.state.size();

        Completed refused = peer.submit(ACME, "Provenance:anchor", "dataset:acme/sales/9", "a".repeat(64), "");

        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.message()).startsWith("ACCESS_DENIED: ");
        assertThat(refused.payload()).isEqualTo("ACCESS_DENIED");
        assertThat(peer.state).hasSize(keys);
    }

    @Test
    void partialCompositeKeyQueriesGoThroughThePeersRangeQueries() throws Exception {
        peer.submit(OPERATOR, "Governance:configure", "[\"Org1MSP\"]");
        for (String grantee : List.of("gamma", "beta")) {
            Completed granted = peer.submit(ACME, "DataSharing:grant", "acme/sales", grantee, "training",
                    "2099-01-01T00:00:00Z");
            assertThat(granted.status()).as(granted.message()).isEqualTo(200);
        }
        Completed list = peer.evaluate(ACME, "DataSharing:listByDataset", "acme/sales");
        assertThat(list.status()).as(list.message()).isEqualTo(200);
        assertThat(list.payload().indexOf("\"grantee\":\"beta\"")).isPositive()
                .isLessThan(list.payload().indexOf("\"grantee\":\"gamma\""));
    }

    @Test
    void theSystemContractDescribesTheContracts() throws Exception {
        Completed metadata = peer.evaluate(ACME, "org.hyperledger.fabric:GetMetadata");
        assertThat(metadata.payload()).contains("\"Provenance\"").contains("\"ComputeLease\"")
                .contains("\"DataSharing\"").contains("\"Governance\"");
    }

    @Test
    void withoutItsAddressTheServiceExitsNamingTheVariable() throws Exception {
        Path out = workDir.resolve("no-address.log");
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-jar", jar()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().remove("CHAINCODE_SERVER_ADDRESS");
        pb.environment().put("CORE_CHAINCODE_ID_NAME", PACKAGE_ID);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(Files.readString(out)).contains("CHAINCODE_SERVER_ADDRESS");
    }

    /** What the chaincode answered. */
    record Completed(String txId, int status, String message, String payload, String eventName) {
    }

    /** The peer's side of the chaincode protocol, as far as these contracts use it. */
    static final class GrpcPeer implements AutoCloseable {
        final ManagedChannel channel;
        final StreamObserver<ChaincodeMessage> toChaincode;
        final TreeMap<String, ByteString> state = new TreeMap<>();
        final Map<String, List<KeyModification>> history = new TreeMap<>();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        volatile String registeredAs;
        private final Object sending = new Object();
        private volatile CompletableFuture<ChaincodeMessage> pending;
        private final Map<String, ByteString> writes = new LinkedHashMap<>();
        private Instant clock = Instant.parse("2025-03-01T00:00:00Z");
        private long txCount;

        GrpcPeer(int port) {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            toChaincode = ChaincodeGrpc.newStub(channel).connect(new StreamObserver<>() {
                @Override
                public void onNext(ChaincodeMessage message) {
                    handle(message);
                }

                @Override
                public void onError(Throwable t) {
                    ready.completeExceptionally(t);
                    failPending(t);
                }

                @Override
                public void onCompleted() {
                    failPending(new IllegalStateException("the chaincode closed the stream"));
                }
            });
        }

        void register() throws Exception {
            ready.get(60, TimeUnit.SECONDS);
        }

        Completed submit(TestIdentity who, String function, String... args) throws Exception {
            return run(who, true, function, args);
        }

        Completed evaluate(TestIdentity who, String function, String... args) throws Exception {
            return run(who, false, function, args);
        }

        /** gRPC stream observers are not thread-safe: the test thread and gRPC's threads both send. */
        private void send(ChaincodeMessage message) {
            synchronized (sending) {
                toChaincode.onNext(message);
            }
        }

        private void handle(ChaincodeMessage m) {
            try {
                switch (m.getType()) {
                    case REGISTER -> {
                        registeredAs = ChaincodeID.parseFrom(m.getPayload()).getName();
                        send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.REGISTERED).build());
                        send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.READY).build());
                        ready.complete(null);
                    }
                    case GET_STATE -> respond(m, state.getOrDefault(GetState.parseFrom(m.getPayload()).getKey(),
                            ByteString.EMPTY));
                    case PUT_STATE -> {
                        PutState put = PutState.parseFrom(m.getPayload());
                        writes.put(put.getKey(), put.getValue());
                        respond(m, ByteString.EMPTY);
                    }
                    case DEL_STATE -> {
                        writes.put(DelState.parseFrom(m.getPayload()).getKey(), ByteString.EMPTY);
                        respond(m, ByteString.EMPTY);
                    }
                    case GET_STATE_BY_RANGE -> {
                        GetStateByRange range = GetStateByRange.parseFrom(m.getPayload());
                        QueryResponse.Builder response = QueryResponse.newBuilder().setHasMore(false).setId("q");
                        state.subMap(range.getStartKey(), true, range.getEndKey(), false).forEach((k, v) ->
                                response.addResults(QueryResultBytes.newBuilder().setResultBytes(KV.newBuilder()
                                        .setNamespace("lepton").setKey(k).setValue(v).build().toByteString())));
                        respond(m, response.build().toByteString());
                    }
                    case GET_HISTORY_FOR_KEY -> {
                        String key = GetQueryResult.parseFrom(m.getPayload()).getQuery();
                        QueryResponse.Builder response = QueryResponse.newBuilder().setHasMore(false).setId("h");
                        List<KeyModification> mods = new ArrayList<>(history.getOrDefault(key, List.of()));
                        java.util.Collections.reverse(mods);
                        mods.forEach(mod -> response.addResults(
                                QueryResultBytes.newBuilder().setResultBytes(mod.toByteString())));
                        respond(m, response.build().toByteString());
                    }
                    case QUERY_STATE_CLOSE -> respond(m, ByteString.EMPTY);
                    case COMPLETED, ERROR -> {
                        CompletableFuture<ChaincodeMessage> p = pending;
                        if (p != null) {
                            p.complete(m);
                        }
                    }
                    default -> respond(m, ByteString.EMPTY);
                }
            } catch (InvalidProtocolBufferException e) {
                failPending(e);
            }
        }

        private void respond(ChaincodeMessage request, ByteString payload) {
            send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.RESPONSE).setTxid(request.getTxid())
                    .setChannelId(request.getChannelId()).setPayload(payload).build());
        }

        private void failPending(Throwable t) {
            CompletableFuture<ChaincodeMessage> p = pending;
            if (p != null) {
                p.completeExceptionally(t);
            }
        }

        private synchronized Completed run(TestIdentity who, boolean commit, String function, String... args)
                throws Exception {
            String txId = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("grpc-tx-" + ++txCount).getBytes(UTF_8)));
            clock = clock.plusSeconds(60);
            ChaincodeInput.Builder input = ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8(function));
            for (String a : args) {
                input.addArgs(ByteString.copyFromUtf8(a));
            }
            ChannelHeader channelHeader = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                    .setChannelId(CHANNEL).setTxId(txId).setEpoch(0)
                    .setTimestamp(Timestamp.newBuilder().setSeconds(clock.getEpochSecond()).setNanos(clock.getNano()))
                    .build();
            SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                    .setCreator(ByteString.copyFrom(who.creator())).setNonce(ByteString.copyFromUtf8(txId)).build();
            Proposal proposal = Proposal.newBuilder()
                    .setHeader(Header.newBuilder().setChannelHeader(channelHeader.toByteString())
                            .setSignatureHeader(signatureHeader.toByteString()).build().toByteString())
                    .setPayload(ChaincodeProposalPayload.newBuilder().build().toByteString()).build();
            writes.clear();
            pending = new CompletableFuture<>();
            send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.TRANSACTION).setTxid(txId)
                    .setChannelId(CHANNEL).setPayload(input.build().toByteString())
                    .setProposal(SignedProposal.newBuilder().setProposalBytes(proposal.toByteString())).build());
            ChaincodeMessage done = pending.get(60, TimeUnit.SECONDS);
            pending = null;
            if (done.getType() == ChaincodeMessage.Type.ERROR) {
                throw new AssertionError("chaincode error: " + done.getPayload().toStringUtf8());
            }
            Response response = Response.parseFrom(done.getPayload());
            if (commit && response.getStatus() == 200) {
                writes.forEach((k, v) -> {
                    if (v.isEmpty()) {
                        state.remove(k);
                    } else {
                        state.put(k, v);
                    }
                    history.computeIfAbsent(k, x -> new ArrayList<>()).add(KeyModification.newBuilder().setTxId(txId)
                            .setValue(v).setIsDelete(v.isEmpty()).setTimestamp(channelHeader.getTimestamp()).build());
                });
            }
            String event = done.hasChaincodeEvent() ? done.getChaincodeEvent().getEventName() : null;
            return new Completed(txId, response.getStatus(), response.getMessage(),
                    response.getPayload().toStringUtf8(), event == null || event.isEmpty() ? null : event);
        }

        @Override
        public void close() throws InterruptedException {
            toChaincode.onCompleted();
            channel.shutdown().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    static String jar() {
        return Path.of(System.getProperty("lepton.chaincode.jar")).toAbsolutePath().toString();
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

package ai.lepton.ledger.fabric;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A stand-in for one Fabric peer: its Gateway service (evaluate, endorse, submit, commit status) and its Deliver
 * service (block events), served by a real gRPC server on a local port, so the client under test runs its real
 * channel, signing, deadlines and error handling. This is the one thing these tests mock: no Fabric peer can run on
 * the project's machines. It answers as Fabric 2.5's gateway does (status codes, {@code ErrorDetail}s, envelope
 * layout), but it checks no signature and runs no chaincode: each test says what it answers.
 */
final class StandInPeer implements AutoCloseable {

    /** What one call parsed out of a signed proposal. */
    record Call(String txId, String chaincode, List<String> args, String creatorMsp, String creatorSubject,
            ChannelHeader channelHeader, SignatureHeader signatureHeader, Proposal proposal) {

        String function() {
            return args.isEmpty() ? "" : args.get(0);
        }
    }

    /** How to answer an endorsement. */
    interface Endorser {
        void endorse(Call call, StreamObserver<EndorseResponse> out);
    }

    /** How to answer an evaluation. */
    interface Evaluator {
        void evaluate(Call call, StreamObserver<EvaluateResponse> out);
    }

    /** How to answer a submission. */
    interface Submitter {
        void submit(SubmitRequest request, StreamObserver<SubmitResponse> out);
    }

    /** How to serve one block stream, from the requested start block. */
    interface Deliverer {
        void deliver(int connection, long startBlock, StreamObserver<DeliverResponse> out);
    }

    final AtomicInteger endorseCalls = new AtomicInteger();
    final AtomicInteger evaluateCalls = new AtomicInteger();
    final AtomicInteger submitCalls = new AtomicInteger();
    final AtomicInteger commitStatusCalls = new AtomicInteger();
    final AtomicInteger deliverCalls = new AtomicInteger();
    final List<Call> endorsed = new CopyOnWriteArrayList<>();
    final List<String> submittedTxIds = new CopyOnWriteArrayList<>();
    final List<String> commitStatusTxIds = new CopyOnWriteArrayList<>();
    final List<Long> deliverStarts = new CopyOnWriteArrayList<>();
    final Map<String, TxValidationCode> commitCodes = new ConcurrentHashMap<>();

    volatile Endorser endorser = (call, out) -> {
        out.onNext(endorsement(call, 200, "done", "result:" + call.function(), null, null));
        out.onCompleted();
    };
    volatile Evaluator evaluator = (call, out) -> {
        out.onNext(EvaluateResponse.newBuilder().setResult(Response.newBuilder().setStatus(200)
                .setPayload(ByteString.copyFromUtf8("answer:" + call.function()))).build());
        out.onCompleted();
    };
    volatile Submitter submitter = (request, out) -> {
        out.onNext(SubmitResponse.getDefaultInstance());
        out.onCompleted();
    };
    volatile long commitBlock = 7;
    volatile Deliverer deliverer = (connection, start, out) -> { };

    private final Server server;

    StandInPeer() throws IOException {
        this(InsecureServerCredentials.create());
    }

    StandInPeer(io.grpc.ServerCredentials credentials) throws IOException {
        server = Grpc.newServerBuilderForPort(0, credentials)
                .addService(new Gateway())
                .addService(new Deliver())
                .build()
                .start();
    }

    String endpoint() {
        return "localhost:" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }

    // ----- answers

    /** An endorsement as the gateway returns it: the transaction envelope holding the chaincode's response. */
    static EndorseResponse endorsement(Call call, int status, String message, String payload, String eventName,
            String eventPayload) {
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResponse(Response.newBuilder().setStatus(status).setMessage(message)
                        .setPayload(ByteString.copyFromUtf8(payload)));
        if (eventName != null) {
            action.setEvents(ChaincodeEvent.newBuilder().setChaincodeId(call.chaincode()).setTxId(call.txId())
                    .setEventName(eventName).setPayload(ByteString.copyFromUtf8(eventPayload)).build()
                    .toByteString());
        }
        Envelope envelope = envelope(call.channelHeader(), call.signatureHeader(), action.build());
        return EndorseResponse.newBuilder().setPreparedTransaction(envelope).build();
    }

    /** A gateway error with Fabric's details: what the client sees when endorsers fail. */
    static RuntimeException gatewayError(io.grpc.Status.Code code, String message, String... endpointMessages) {
        com.google.rpc.Status.Builder st = com.google.rpc.Status.newBuilder().setCode(code.value())
                .setMessage(message);
        for (String m : endpointMessages) {
            st.addDetails(Any.pack(ErrorDetail.newBuilder().setAddress("peer0.org1.lepton.local:7051")
                    .setMspId("Org1MSP").setMessage(m).build()));
        }
        return StatusProto.toStatusRuntimeException(st.build());
    }

    // ----- blocks and envelopes

    static Envelope envelope(ChannelHeader channelHeader, SignatureHeader signatureHeader, ChaincodeAction action) {
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                .setAction(ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(
                        ProposalResponsePayload.newBuilder().setExtension(action.toByteString()).build()
                                .toByteString()))
                .build();
        Transaction tx = Transaction.newBuilder().addActions(TransactionAction.newBuilder()
                .setHeader(signatureHeader.toByteString()).setPayload(actionPayload.toByteString())).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder()
                .setChannelHeader(channelHeader.toByteString()).setSignatureHeader(signatureHeader.toByteString()))
                .setData(tx.toByteString()).build();
        return Envelope.newBuilder().setPayload(payload.toByteString())
                .setSignature(ByteString.copyFromUtf8("signature")).build();
    }

    /** A committed transaction's envelope as it sits in a block, with or without a chaincode event. */
    static Envelope transaction(String txId, Instant timestamp, String chaincode, String eventName,
            String eventPayload) {
        ChannelHeader ch = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE).setTxId(txId)
                .setChannelId(FabricFixture.CHANNEL).setTimestamp(Timestamp.newBuilder()
                        .setSeconds(timestamp.getEpochSecond()).setNanos(timestamp.getNano()))
                .build();
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder().setResponse(Response.newBuilder().setStatus(200));
        if (eventName != null) {
            action.setEvents(ChaincodeEvent.newBuilder().setChaincodeId(chaincode).setTxId(txId)
                    .setEventName(eventName).setPayload(ByteString.copyFromUtf8(eventPayload)).build()
                    .toByteString());
        }
        return envelope(ch, SignatureHeader.getDefaultInstance(), action.build());
    }

    /**
     * A block as an orderer cuts it and a peer commits it: data hash over its envelopes, previous hash, and the
     * validation flags in the TRANSACTIONS_FILTER metadata (index 2).
     */
    static Block block(long number, byte[] previousHash, List<Envelope> envelopes, TxValidationCode... flags) {
        BlockData.Builder data = BlockData.newBuilder();
        envelopes.forEach(e -> data.addData(e.toByteString()));
        BlockData d = data.build();
        byte[] filter = new byte[flags.length];
        for (int i = 0; i < flags.length; i++) {
            filter[i] = (byte) flags[i].getNumber();
        }
        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder().setNumber(number)
                        .setPreviousHash(ByteString.copyFrom(previousHash))
                        .setDataHash(ByteString.copyFrom(Blocks.dataHash(d))))
                .setData(d)
                .setMetadata(BlockMetadata.newBuilder().addMetadata(ByteString.EMPTY).addMetadata(ByteString.EMPTY)
                        .addMetadata(ByteString.copyFrom(filter)).addMetadata(ByteString.EMPTY)
                        .addMetadata(ByteString.EMPTY))
                .build();
    }

    static BlockchainInfo chainInfo(List<Block> chain) {
        Block last = chain.get(chain.size() - 1);
        return BlockchainInfo.newBuilder().setHeight(chain.size())
                .setCurrentBlockHash(ByteString.copyFrom(Blocks.headerHash(last.getHeader())))
                .setPreviousBlockHash(last.getHeader().getPreviousHash()).build();
    }

    /** Answers qscc GetChainInfo and GetBlockByNumber from {@code chain}, anything else as before. */
    void serveChain(List<Block> chain) {
        Evaluator previous = evaluator;
        evaluator = (call, out) -> {
            if (!"qscc".equals(call.chaincode())) {
                previous.evaluate(call, out);
                return;
            }
            ByteString answer = switch (call.function()) {
                case "GetChainInfo" -> chainInfo(chain).toByteString();
                case "GetBlockByNumber" -> chain.get(Integer.parseInt(call.args().get(2))).toByteString();
                default -> null;
            };
            if (answer == null) {
                out.onError(gatewayError(Status.Code.UNKNOWN, "evaluate call to endorser returned error: "
                        + "chaincode response 500, unknown qscc function " + call.function()));
                return;
            }
            out.onNext(EvaluateResponse.newBuilder().setResult(Response.newBuilder().setStatus(200)
                    .setPayload(answer)).build());
            out.onCompleted();
        };
    }

    // ----- services

    static Call parse(SignedProposal signed) {
        try {
            Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
            Header header = Header.parseFrom(proposal.getHeader());
            ChannelHeader ch = ChannelHeader.parseFrom(header.getChannelHeader());
            SignatureHeader sh = SignatureHeader.parseFrom(header.getSignatureHeader());
            SerializedIdentity creator = SerializedIdentity.parseFrom(sh.getCreator());
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(creator.getIdBytes().toByteArray()));
            ChaincodeProposalPayload payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(payload.getInput());
            List<String> args = new ArrayList<>();
            spec.getChaincodeSpec().getInput().getArgsList().forEach(a -> args.add(a.toStringUtf8()));
            return new Call(ch.getTxId(), spec.getChaincodeSpec().getChaincodeId().getName(), args,
                    creator.getMspid(), cert.getSubjectX500Principal().getName(), ch, sh, proposal);
        } catch (InvalidProtocolBufferException | java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("not a Fabric proposal: " + e, e);
        }
    }

    private final class Gateway extends GatewayGrpc.GatewayImplBase {
        @Override
        public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> out) {
            evaluateCalls.incrementAndGet();
            evaluator.evaluate(parse(request.getProposedTransaction()), out);
        }

        @Override
        public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> out) {
            endorseCalls.incrementAndGet();
            Call call = parse(request.getProposedTransaction());
            endorsed.add(call);
            endorser.endorse(call, out);
        }

        @Override
        public void submit(SubmitRequest request, StreamObserver<SubmitResponse> out) {
            submitCalls.incrementAndGet();
            submittedTxIds.add(request.getTransactionId());
            submitter.submit(request, out);
        }

        @Override
        public void commitStatus(SignedCommitStatusRequest request, StreamObserver<CommitStatusResponse> out) {
            commitStatusCalls.incrementAndGet();
            String txId;
            try {
                txId = CommitStatusRequest.parseFrom(request.getRequest()).getTransactionId();
            } catch (InvalidProtocolBufferException e) {
                out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                return;
            }
            commitStatusTxIds.add(txId);
            out.onNext(CommitStatusResponse.newBuilder()
                    .setResult(commitCodes.getOrDefault(txId, TxValidationCode.VALID)).setBlockNumber(commitBlock)
                    .build());
            out.onCompleted();
        }
    }

    private final class Deliver extends DeliverGrpc.DeliverImplBase {
        @Override
        public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> out) {
            int connection = deliverCalls.incrementAndGet();
            return new StreamObserver<>() {
                @Override
                public void onNext(Envelope request) {
                    long start;
                    try {
                        SeekInfo seek = SeekInfo.parseFrom(Payload.parseFrom(request.getPayload()).getData());
                        start = seek.getStart().getSpecified().getNumber();
                    } catch (InvalidProtocolBufferException e) {
                        out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                        return;
                    }
                    deliverStarts.add(start);
                    deliverer.deliver(connection, start, out);
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            };
        }
    }
}

package ai.lepton.ledger.fabric;

import ai.lepton.ledger.api.LedgerEvent;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Reading Fabric blocks and transaction envelopes with fabric-protos, as the peer writes them: the chaincode events of
 * a block's valid transactions, and the header and data hashes that chain blocks together.
 */
final class Blocks {

    private Blocks() {
    }

    /**
     * One endorser transaction as its envelope holds it.
     *
     * @param txId the transaction id from the channel header
     * @param timestamp the client's timestamp, which the chaincode saw as the transaction time
     * @param action the endorsed chaincode action (response and event), when the envelope is an endorser transaction
     */
    record EnvelopeInfo(String txId, Instant timestamp, Optional<ChaincodeAction> action) {
    }

    /** Reads an envelope's channel header and, for an endorser transaction, its first chaincode action. */
    static EnvelopeInfo envelope(Envelope envelope) throws InvalidProtocolBufferException {
        Payload payload = Payload.parseFrom(envelope.getPayload());
        ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        Instant timestamp = instant(header.getTimestamp());
        if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
            return new EnvelopeInfo(header.getTxId(), timestamp, Optional.empty());
        }
        Transaction tx = Transaction.parseFrom(payload.getData());
        for (TransactionAction action : tx.getActionsList()) {
            ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
            ProposalResponsePayload response = ProposalResponsePayload.parseFrom(
                    actionPayload.getAction().getProposalResponsePayload());
            return new EnvelopeInfo(header.getTxId(), timestamp,
                    Optional.of(ChaincodeAction.parseFrom(response.getExtension())));
        }
        return new EnvelopeInfo(header.getTxId(), timestamp, Optional.empty());
    }

    /** The event a chaincode action set for {@code chaincode}, if any (Fabric allows one per transaction). */
    static Optional<ChaincodeEvent> event(ChaincodeAction action, String chaincode)
            throws InvalidProtocolBufferException {
        if (action.getEvents().isEmpty()) {
            return Optional.empty();
        }
        ChaincodeEvent event = ChaincodeEvent.parseFrom(action.getEvents());
        if (event.getEventName().isEmpty() || !chaincode.equals(event.getChaincodeId())) {
            return Optional.empty();
        }
        return Optional.of(event);
    }

    /**
     * The chaincode events that {@code chaincode} set in the valid transactions of {@code block}, in block order. The
     * validation flags are the peer's ({@code TRANSACTIONS_FILTER} metadata); a block without them yields nothing.
     */
    static List<LedgerEvent> chaincodeEvents(Block block, String chaincode) throws InvalidProtocolBufferException {
        long number = block.getHeader().getNumber();
        ByteString flags = validationFlags(block);
        List<LedgerEvent> events = new ArrayList<>();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            if (i >= flags.size() || flags.byteAt(i) != TxValidationCode.VALID_VALUE) {
                continue;
            }
            EnvelopeInfo info = envelope(Envelope.parseFrom(block.getData().getData(i)));
            if (info.action().isEmpty()) {
                continue;
            }
            Optional<ChaincodeEvent> event = event(info.action().get(), chaincode);
            if (event.isPresent()) {
                events.add(new LedgerEvent(number, i, info.txId(), event.get().getEventName(),
                        event.get().getPayload().toByteArray(), info.timestamp()));
            }
        }
        return events;
    }

    /** The position of transaction {@code txId} in {@code block}, or -1. */
    static int indexOf(Block block, String txId) throws InvalidProtocolBufferException {
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(i)).getPayload());
            if (txId.equals(ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId())) {
                return i;
            }
        }
        return -1;
    }

    /** The transaction validation flags of a committed block: one byte per transaction, a {@link TxValidationCode}. */
    static ByteString validationFlags(Block block) {
        int index = BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE;
        return block.getMetadata().getMetadataCount() > index ? block.getMetadata().getMetadata(index)
                : ByteString.EMPTY;
    }

    /**
     * SHA-256 of the header's ASN.1 DER encoding {@code SEQUENCE {INTEGER number, OCTET STRING previous_hash,
     * OCTET STRING data_hash}}: what the next block's {@code previous_hash} holds (Fabric's
     * {@code protoutil.BlockHeaderHash}).
     */
    static byte[] headerHash(BlockHeader header) {
        return sha256(headerBytes(header));
    }

    static byte[] headerBytes(BlockHeader header) {
        ASN1EncodableVector v = new ASN1EncodableVector(3);
        // the number is a uint64 in the proto; Go encodes it as a non-negative big integer
        v.add(new ASN1Integer(new BigInteger(Long.toUnsignedString(header.getNumber()))));
        v.add(new DEROctetString(header.getPreviousHash().toByteArray()));
        v.add(new DEROctetString(header.getDataHash().toByteArray()));
        try {
            return new DERSequence(v).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of a block header failed", e);
        }
    }

    /** SHA-256 of the block's transactions concatenated: what its header's {@code data_hash} holds. */
    static byte[] dataHash(BlockData data) {
        MessageDigest md = sha256();
        for (ByteString tx : data.getDataList()) {
            md.update(tx.asReadOnlyByteBuffer());
        }
        return md.digest();
    }

    static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}

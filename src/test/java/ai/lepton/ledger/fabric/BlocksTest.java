package ai.lepton.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

class BlocksTest {

    private static byte[] filled(int value) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** The bytes Go's encoding/asn1 writes for Fabric's asn1Header{Number *big.Int, PreviousHash, DataHash []byte}. */
    @Test
    void headerBytesAreTheDerSequenceFabricHashes() {
        BlockHeader genesis = BlockHeader.newBuilder().setNumber(0).setDataHash(ByteString.copyFrom(filled(2)))
                .build();
        assertThat(HexFormat.of().formatHex(Blocks.headerBytes(genesis)))
                .isEqualTo("3027" + "020100" + "0400" + "0420" + "02".repeat(32));
        BlockHeader b128 = BlockHeader.newBuilder().setNumber(128).setPreviousHash(ByteString.copyFrom(filled(1)))
                .setDataHash(ByteString.copyFrom(filled(2))).build();
        // 128 needs a leading zero byte to stay a positive INTEGER
        assertThat(HexFormat.of().formatHex(Blocks.headerBytes(b128)))
                .isEqualTo("3048" + "02020080" + "0420" + "01".repeat(32) + "0420" + "02".repeat(32));
        assertThat(Blocks.headerHash(b128)).isEqualTo(Blocks.sha256(Blocks.headerBytes(b128)));
    }

    @Test
    void aBlockWithoutValidationFlagsYieldsNoEvents() throws Exception {
        Block b = StandInPeer.block(3, new byte[0],
                List.of(StandInPeer.transaction("t", Instant.EPOCH, "lepton", "E", "p")), TxValidationCode.VALID);
        assertThat(Blocks.chaincodeEvents(b, "lepton")).hasSize(1);
        Block stripped = b.toBuilder().setMetadata(BlockMetadata.getDefaultInstance()).build();
        assertThat(Blocks.chaincodeEvents(stripped, "lepton")).isEmpty();
        assertThat(Blocks.indexOf(b, "t")).isZero();
        assertThat(Blocks.indexOf(b, "u")).isEqualTo(-1);
    }
}

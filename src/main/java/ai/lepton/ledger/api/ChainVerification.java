package ai.lepton.ledger.api;

/**
 * Result of re-hashing the whole chain: every block's header hash, the link to the previous block's hash, the Merkle
 * root of its transactions, the block numbering, and that the chain on disk ends where the ledger's head is.
 *
 * @param intact whether every check passed
 * @param blocks blocks checked (up to, not including, the first bad one)
 * @param transactions transactions in those blocks
 * @param headHash hex SHA-256 of the last good block's header: record it elsewhere to detect a chain rewritten from
 *     some block to the end, which no check inside the chain can see
 * @param firstBadBlock the number of the first bad block, or -1 when intact
 * @param problem what was wrong with it, or an empty string when intact
 */
public record ChainVerification(boolean intact, long blocks, long transactions, String headHash, long firstBadBlock,
        String problem) {

    @Override
    public String toString() {
        return intact ? "chain intact: " + blocks + " blocks, " + transactions + " transactions, head " + headHash
                : "chain broken at block " + firstBadBlock + ": " + problem;
    }
}

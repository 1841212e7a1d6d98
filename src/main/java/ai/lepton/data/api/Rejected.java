package ai.lepton.data.api;

import java.util.List;

/**
 * What cleaning rejected.
 *
 * @param count all rejected cells or rows
 * @param sample the first ones (100 by default)
 */
public record Rejected(long count, List<RejectedCell> sample) {
}

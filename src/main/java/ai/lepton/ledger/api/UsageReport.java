package ai.lepton.ledger.api;

/**
 * The usage and measured availability of one ended lease period, as the platform's operator reports it.
 *
 * @param unitSeconds units used times seconds used (two GPUs for an hour: 7200), at most quantity times the period's
 *     length
 * @param observedSeconds seconds of the period during which availability was measured, 1 to the period's length
 * @param availableSeconds of those, the seconds the capacity was available, 0 to observedSeconds
 */
public record UsageReport(Long unitSeconds, Long observedSeconds, Long availableSeconds) {
}

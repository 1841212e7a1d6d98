package ai.lepton.ml.telemetry;

import java.time.Duration;

/**
 * Settings of an {@link AnomalyDetector}. The defaults are meant for every series alike (CPU, network, disk, request
 * counts sampled every few seconds to every few minutes): the windows are durations, turned into point counts from
 * the sampling interval the detector measures during its warm-up, and every score is relative to the series' own
 * range, so no setting depends on a series' scale.
 *
 * @param referenceWindow how much history a value must leave to count as a new extreme, and how far back the rank of
 *                        an alarm among the series' earlier alarms looks (default 14 days)
 * @param localWindow     the recent history for local novelty, the middle of the detector's ensemble (which also uses
 *                        2/3 and 3/2 of it); longer than a day so that daily peaks are part of it (default 54 hours)
 * @param smoothingWindow the span of the moving average and of the median absolute step, the middle of the ensemble
 *                        likewise (default 40 minutes)
 * @param alarmHold       how long after a point only the part of a raw score above the highest score reported
 *                        since is reported; zero turns the suppression off (default 12 hours)
 * @param warmUpPoints    points learnt before the first non-zero score; they also give the sampling interval
 *                        (default 48, at least 8)
 */
public record AnomalyDetectorOptions(Duration referenceWindow, Duration localWindow, Duration smoothingWindow,
        Duration alarmHold, int warmUpPoints) {

    public AnomalyDetectorOptions {
        requirePositive(referenceWindow, "referenceWindow");
        requirePositive(localWindow, "localWindow");
        requirePositive(smoothingWindow, "smoothingWindow");
        if (alarmHold == null || alarmHold.isNegative()) {
            throw new IllegalArgumentException("alarmHold must be zero or positive");
        }
        if (warmUpPoints < 8) {
            throw new IllegalArgumentException("warmUpPoints must be at least 8, was " + warmUpPoints);
        }
    }

    /** The global defaults. */
    public static AnomalyDetectorOptions defaults() {
        return new AnomalyDetectorOptions(Duration.ofDays(14), Duration.ofHours(54), Duration.ofMinutes(40),
                Duration.ofHours(12), 48);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}

package ai.lepton.ml.detect;

import ai.lepton.data.api.ColumnSchema;
import ai.lepton.data.api.ColumnType;
import ai.lepton.data.api.DatasetCatalog;
import ai.lepton.data.api.RowStream;
import ai.lepton.data.api.VersionView;
import ai.lepton.ml.telemetry.AnomalyDetector;
import ai.lepton.ml.telemetry.AnomalyDetectorOptions;
import ai.lepton.ml.telemetry.Forecast;
import ai.lepton.ml.telemetry.Forecaster;
import ai.lepton.platform.api.Action;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.api.ProjectRef;
import ai.lepton.platform.api.Projects;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the telemetry detector and forecaster over a stored dataset version: a time column and a value column,
 * streamed from the blob store in row order, so a long series costs memory only for the page of scores returned and
 * the anomalies found.
 */
@ApplicationScoped
public class SeriesService {

    /** Most scores in one page. */
    public static final int MAX_LIMIT = 10_000;
    /** Most anomalies listed in one run (the count is exact beyond it). */
    public static final int MAX_ANOMALIES = 10_000;
    /** Most forecast steps. */
    public static final int MAX_HORIZON = 1_000;

    /**
     * @param dataset     the dataset (required)
     * @param version     its version (default: the latest)
     * @param timeColumn  a timestamp column, or an integer column of epoch seconds (default {@code timestamp})
     * @param valueColumn a numeric column (default {@code value})
     * @param options     detector settings: {@code referenceWindow}, {@code localWindow}, {@code smoothingWindow},
     *                    {@code alarmHold} (durations such as {@code 14d}, {@code 36h}, {@code 30m} or ISO-8601
     *                    {@code PT1H}) and {@code warmUpPoints}
     * @param threshold   a point scoring at or above it is an anomaly (default 0.3)
     * @param offset      first score returned (0-based row index)
     * @param limit       scores returned (default 1,000, at most 10,000)
     */
    public record DetectRequest(String dataset, Integer version, String timeColumn, String valueColumn,
            Map<String, Object> options, Double threshold, Long offset, Integer limit) {
    }

    /** One scored row; {@code row} counts from 1 like the upload's line numbers after the header. */
    public record ScoredPoint(long row, Instant timestamp, Double value, double score) {
    }

    /** An anomaly and the window (index into {@code windows}) it belongs to. */
    public record Anomaly(long row, Instant timestamp, Double value, double score, int window) {
    }

    /**
     * Anomalies closer together than the alarm hold form one window, from the first to the last of them.
     *
     * @param peak the highest-scoring anomaly of the window
     */
    public record Window(Instant start, Instant end, int anomalies, ScoredPoint peak) {
    }

    /** A page of scores. */
    public record ScorePage(List<ScoredPoint> items, long offset, int limit, long total) {
    }

    public record DetectionRun(String dataset, int version, String timeColumn, String valueColumn, double threshold,
            Map<String, Object> options, long points, ScorePage scores, long anomalyCount, boolean anomaliesTruncated,
            List<Anomaly> anomalies, List<Window> windows) {
    }

    /**
     * @param horizon    steps to forecast (default 12, at most 1,000)
     * @param confidence nominal coverage of the prediction interval (default 0.9), in (0, 1)
     * @param history    most recent points the model is fitted on (default 4,032, at least 8, at most 100,000)
     */
    public record ForecastRequest(String dataset, Integer version, String timeColumn, String valueColumn,
            Integer horizon, Double confidence, Integer history) {
    }

    public record ForecastPoint(int step, Instant timestamp, double mean, double lower, double upper) {
    }

    /**
     * @param period         the seasonal period found, in points (1 when none)
     * @param intervalSeconds the series' sampling interval (median spacing of the points used)
     */
    public record ForecastRun(String dataset, int version, String timeColumn, String valueColumn, long points,
            int historyUsed, int period, long intervalSeconds, double confidence, List<ForecastPoint> forecast) {
    }

    private final Projects projects;
    private final DatasetCatalog datasets;

    public SeriesService(Projects projects, DatasetCatalog datasets) {
        this.projects = projects;
        this.datasets = datasets;
    }

    public DetectionRun detect(String project, DetectRequest r) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        if (r == null) {
            throw ProblemException.invalid("request", "a JSON body is required");
        }
        double threshold = r.threshold() == null ? AnomalyDetector.ALARM_THRESHOLD : r.threshold();
        if (!(threshold > 0 && threshold <= 1)) {
            throw ProblemException.invalid("threshold", "must be in (0, 1], was " + threshold);
        }
        long offset = r.offset() == null ? 0 : r.offset();
        if (offset < 0) {
            throw ProblemException.invalid("offset", "must be 0 or more");
        }
        int limit = r.limit() == null ? 1000 : r.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        AnomalyDetectorOptions options = options(r.options());
        Series s = series(ref, r.dataset(), r.version(), r.timeColumn(), r.valueColumn());
        AnomalyDetector detector = new AnomalyDetector(options);
        long hold = options.alarmHold().toMillis();
        List<ScoredPoint> page = new ArrayList<>();
        List<Anomaly> anomalies = new ArrayList<>();
        List<Window> windows = new ArrayList<>();
        long anomalyCount = 0;
        long row = 0;
        Instant windowStart = null;
        Instant windowEnd = null;
        int windowCount = 0;
        ScoredPoint windowPeak = null;
        long t0 = System.nanoTime();
        try (RowStream rows = s.open()) {
            long previous = Long.MIN_VALUE;
            while (rows.next()) {
                row++;
                long millis = s.millis(rows, row, previous);
                previous = millis;
                Object v = rows.value(s.valueIndex());
                double value = v == null ? Double.NaN : ((Number) v).doubleValue();
                double score = detector.score(millis, value);
                if (row > offset && page.size() < limit) {
                    page.add(new ScoredPoint(row, Instant.ofEpochMilli(millis), v == null ? null : value, score));
                }
                if (score >= threshold) {
                    anomalyCount++;
                    Instant at = Instant.ofEpochMilli(millis);
                    ScoredPoint p = new ScoredPoint(row, at, v == null ? null : value, score);
                    if (windowEnd != null && millis - windowEnd.toEpochMilli() <= hold) {
                        windowEnd = at;
                        windowCount++;
                        if (score > windowPeak.score()) {
                            windowPeak = p;
                        }
                    } else {
                        if (windowEnd != null) {
                            windows.add(new Window(windowStart, windowEnd, windowCount, windowPeak));
                        }
                        windowStart = at;
                        windowEnd = at;
                        windowCount = 1;
                        windowPeak = p;
                    }
                    if (anomalies.size() < MAX_ANOMALIES) {
                        anomalies.add(new Anomaly(row, at, p.value(), score, windows.size()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (windowEnd != null) {
            windows.add(new Window(windowStart, windowEnd, windowCount, windowPeak));
        }
        Log.infof("detector over %s/%s v%d (%s, %s): %d points in %d ms, %d anomalies in %d windows at %.2f", project,
                s.dataset(), s.version(), s.timeColumn(), s.valueColumn(), row, (System.nanoTime() - t0) / 1_000_000,
                anomalyCount, windows.size(), threshold);
        Map<String, Object> effective = new LinkedHashMap<>();
        effective.put("referenceWindow", options.referenceWindow().toString());
        effective.put("localWindow", options.localWindow().toString());
        effective.put("smoothingWindow", options.smoothingWindow().toString());
        effective.put("alarmHold", options.alarmHold().toString());
        effective.put("warmUpPoints", options.warmUpPoints());
        return new DetectionRun(s.dataset(), s.version(), s.timeColumn(), s.valueColumn(), threshold, effective, row,
                new ScorePage(page, offset, limit, row), anomalyCount, anomalyCount > anomalies.size(), anomalies,
                windows);
    }

    public ForecastRun forecast(String project, ForecastRequest r) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        if (r == null) {
            throw ProblemException.invalid("request", "a JSON body is required");
        }
        int horizon = r.horizon() == null ? Forecaster.DEFAULT_HORIZON : r.horizon();
        if (horizon < 1 || horizon > MAX_HORIZON) {
            throw ProblemException.invalid("horizon", "must be between 1 and " + MAX_HORIZON + ", was " + horizon);
        }
        double confidence = r.confidence() == null ? Forecaster.DEFAULT_CONFIDENCE : r.confidence();
        if (!(confidence > 0 && confidence < 1)) {
            throw ProblemException.invalid("confidence", "must be in (0, 1), was " + confidence);
        }
        int history = r.history() == null ? 4032 : r.history();
        if (history < 8 || history > 100_000) {
            throw ProblemException.invalid("history", "must be between 8 and 100000, was " + history);
        }
        Series s = series(ref, r.dataset(), r.version(), r.timeColumn(), r.valueColumn());
        // the last `history` points with a value, in a ring; a missing value repeats the one before it and leading
        // missing values are skipped
        double[] values = new double[history];
        long[] times = new long[history];
        long row = 0;
        long kept = 0;
        double last = Double.NaN;
        try (RowStream rows = s.open()) {
            long previous = Long.MIN_VALUE;
            while (rows.next()) {
                row++;
                long millis = s.millis(rows, row, previous);
                previous = millis;
                Object v = rows.value(s.valueIndex());
                double value = v == null ? last : ((Number) v).doubleValue();
                if (Double.isNaN(value)) {
                    continue;
                }
                last = value;
                int at = (int) (kept++ % history);
                values[at] = value;
                times[at] = millis;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int k = (int) Math.min(kept, history);
        double[] y = new double[k];
        long[] t = new long[k];
        int start = kept > history ? (int) (kept % history) : 0;
        for (int i = 0; i < k; i++) {
            y[i] = values[(start + i) % history];
            t[i] = times[(start + i) % history];
        }
        if (k < 8) {
            throw ProblemException.invalid("valueColumn", "the series needs at least 8 points with a value to forecast, has " + k);
        }
        long[] gaps = new long[k - 1];
        for (int i = 1; i < k; i++) {
            gaps[i - 1] = t[i] - t[i - 1];
        }
        Arrays.sort(gaps);
        long interval = Math.max(1, gaps[gaps.length / 2]);
        Forecast f = new Forecaster(history, Math.max(2, Math.min(1008, k / 2))).forecast(y, horizon, confidence);
        List<ForecastPoint> points = new ArrayList<>(horizon);
        for (int h = 0; h < horizon; h++) {
            points.add(new ForecastPoint(h + 1, Instant.ofEpochMilli(t[k - 1] + (h + 1) * interval), f.mean()[h],
                    f.lower()[h], f.upper()[h]));
        }
        Log.infof("forecast over %s/%s v%d (%s): %d steps from %d points, period %d", project, s.dataset(),
                s.version(), s.valueColumn(), horizon, k, f.period());
        return new ForecastRun(s.dataset(), s.version(), s.timeColumn(), s.valueColumn(), row, k, f.period(),
                interval / 1000, confidence, points);
    }

    /** A resolved time/value pair of columns of one dataset version. */
    private record Series(DatasetCatalog datasets, ProjectRef ref, String dataset, int version, String timeColumn,
            int timeIndex, boolean epochSeconds, String valueColumn, int valueIndex) {

        RowStream open() throws IOException {
            return datasets.rows(ref, dataset, version);
        }

        /** The row's time in epoch milliseconds; refuses a missing time or one before the previous row's. */
        long millis(RowStream rows, long row, long previous) {
            Object t = rows.value(timeIndex);
            if (t == null) {
                throw ProblemException.invalid("timeColumn", "row " + row + " has no value in column '" + timeColumn + "'");
            }
            long millis = epochSeconds ? ((Number) t).longValue() * 1000 : Math.round(((Number) t).doubleValue() * 1000);
            if (millis < previous) {
                throw ProblemException.invalid("timeColumn", "row " + row + " goes back in time (" + Instant.ofEpochMilli(millis)
                        + " after " + Instant.ofEpochMilli(previous) + "); the series must be in time order");
            }
            return millis;
        }
    }

    private Series series(ProjectRef ref, String dataset, Integer version, String timeColumn, String valueColumn) {
        if (dataset == null || dataset.isBlank()) {
            throw ProblemException.invalid("dataset", "is required");
        }
        int number = version != null ? version : datasets.latestVersion(ref, dataset)
                .orElseThrow(() -> ProblemException.invalid("dataset", "dataset '" + dataset + "' has no version yet"));
        VersionView v;
        try {
            v = datasets.version(ref, dataset, number);
        } catch (ProblemException.NotFound e) {
            throw ProblemException.invalid(version != null ? "version" : "dataset", e.getMessage());
        }
        String time = timeColumn == null ? "timestamp" : timeColumn;
        String value = valueColumn == null ? "value" : valueColumn;
        int ti = index(v, time, "timeColumn");
        int vi = index(v, value, "valueColumn");
        ColumnType tt = v.columns().get(ti).type();
        if (tt != ColumnType.TIMESTAMP && tt != ColumnType.INTEGER) {
            throw ProblemException.invalid("timeColumn", "column '" + time + "' is " + tt.wire()
                    + "; it must be a timestamp (or an integer of epoch seconds)");
        }
        ColumnType vt = v.columns().get(vi).type();
        if (vt != ColumnType.INTEGER && vt != ColumnType.DECIMAL) {
            throw ProblemException.invalid("valueColumn", "column '" + value + "' is " + vt.wire() + "; it must be numeric");
        }
        return new Series(datasets, ref, dataset, number, time, ti, tt == ColumnType.INTEGER, value, vi);
    }

    private static int index(VersionView v, String column, String field) {
        List<ColumnSchema> columns = v.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw ProblemException.invalid(field, "version " + v.number() + " of '" + v.dataset() + "' has no column '" + column
                + "'; it has " + columns.stream().map(ColumnSchema::name).toList());
    }

    /** Detector options from JSON, on top of the global defaults; unknown keys are refused. */
    static AnomalyDetectorOptions options(Map<String, Object> given) {
        AnomalyDetectorOptions d = AnomalyDetectorOptions.defaults();
        if (given == null || given.isEmpty()) {
            return d;
        }
        Duration reference = d.referenceWindow();
        Duration local = d.localWindow();
        Duration smoothing = d.smoothingWindow();
        Duration hold = d.alarmHold();
        int warmUp = d.warmUpPoints();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            String field = "options." + e.getKey();
            switch (e.getKey()) {
                case "referenceWindow" -> reference = duration(field, e.getValue());
                case "localWindow" -> local = duration(field, e.getValue());
                case "smoothingWindow" -> smoothing = duration(field, e.getValue());
                case "alarmHold" -> hold = duration(field, e.getValue());
                case "warmUpPoints" -> {
                    if (!(e.getValue() instanceof Integer i) || i < 8 || i > 100_000) {
                        throw ProblemException.invalid(field, "must be a whole number between 8 and 100000");
                    }
                    warmUp = i;
                }
                default -> throw ProblemException.invalid(field, "unknown option; known: referenceWindow, localWindow, "
                        + "smoothingWindow, alarmHold, warmUpPoints");
            }
        }
        for (Duration x : List.of(reference, local, smoothing)) {
            if (x.isZero()) {
                throw ProblemException.invalid("options", "windows must be longer than zero");
            }
        }
        if (reference.compareTo(Duration.ofDays(365)) > 0 || local.compareTo(reference) > 0
                || smoothing.compareTo(local) > 0) {
            throw ProblemException.invalid("options", "windows must satisfy smoothingWindow <= localWindow <= referenceWindow <= 365d");
        }
        return new AnomalyDetectorOptions(reference, local, smoothing, hold, warmUp);
    }

    /** {@code 14d}, {@code 36h}, {@code 30m}, {@code 90s} or ISO-8601 ({@code PT1H}, {@code P14D}). */
    static Duration duration(String field, Object value) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw ProblemException.invalid(field, "must be a duration such as \"36h\", \"30m\", \"14d\" or \"PT1H\"");
        }
        String t = s.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.startsWith("p") && t.contains("t")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.startsWith("p")) {
                java.time.Period period = java.time.Period.parse(t.toUpperCase(Locale.ROOT));
                d = period.getYears() == 0 && period.getMonths() == 0 ? Duration.ofDays(period.getDays()) : null;
            } else {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 's' -> Duration.ofSeconds(n);
                    default -> null;
                };
            }
        } catch (RuntimeException e) {
            d = null;
        }
        if (d == null || d.isNegative()) {
            throw ProblemException.invalid(field, "'" + s + "' is not a duration such as \"36h\", \"30m\", \"14d\" or \"PT1H\"");
        }
        return d;
    }
}

package ai.lepton.ml.serve;

import ai.lepton.ml.api.FeatureSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks prediction inputs against a model's feature schema and turns them into Tribuo feature names and values,
 * exactly as training encoded the dataset (numbers as values, booleans as 0/1, timestamps as epoch seconds,
 * categories one-hot). Every feature must be present; {@code null} means a missing value; other fields are ignored.
 */
public final class InstanceEncoder {

    /** One problem with one instance field. */
    public record Problem(String field, String message) {
    }

    private final List<FeatureSchema> features;

    public InstanceEncoder(List<FeatureSchema> features) {
        this.features = List.copyOf(features);
    }

    public List<FeatureSchema> features() {
        return features;
    }

    /**
     * Encodes instance {@code index}; problems are added to {@code problems} (named {@code instances[i].field}).
     *
     * @return the names and values, or null when the instance has problems
     */
    public Encoded encode(int index, Object instance, List<Problem> problems) {
        String prefix = "instances[" + index + "]";
        if (!(instance instanceof Map<?, ?> map)) {
            problems.add(new Problem(prefix, "must be a JSON object of feature values"));
            return null;
        }
        int before = problems.size();
        List<String> names = new ArrayList<>(features.size());
        List<Double> values = new ArrayList<>(features.size());
        for (FeatureSchema f : features) {
            String field = prefix + "." + f.name();
            if (!map.containsKey(f.name())) {
                problems.add(new Problem(field, "missing (the model needs every feature; send null for an unknown value)"));
                continue;
            }
            Object v = map.get(f.name());
            if (v == null) {
                continue;
            }
            if (f.kind().equals("categorical")) {
                if (v instanceof Map || v instanceof List) {
                    problems.add(new Problem(field, "must be a category (a string)"));
                } else {
                    names.add(f.name() + "=" + v);
                    values.add(1.0);
                }
                continue;
            }
            Double d = numeric(f, v);
            if (d == null) {
                problems.add(new Problem(field, expected(f)));
            } else {
                names.add(f.name());
                values.add(d);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        double[] vals = new double[values.size()];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = values.get(i);
        }
        return new Encoded(names.toArray(String[]::new), vals);
    }

    /** Feature names and values of one instance. */
    public record Encoded(String[] names, double[] values) {
    }

    private static Double numeric(FeatureSchema f, Object v) {
        switch (f.type()) {
            case "boolean":
                if (v instanceof Boolean b) {
                    return b ? 1.0 : 0.0;
                }
                if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
                    return n.doubleValue();
                }
                return null;
            case "timestamp":
                if (v instanceof Number n) {
                    return n.doubleValue();
                }
                return v instanceof String s ? epochSeconds(s) : null;
            default:
                if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                    return n.doubleValue();
                }
                return null;
        }
    }

    private static String expected(FeatureSchema f) {
        return switch (f.type()) {
            case "boolean" -> "must be true or false";
            case "timestamp" -> "must be an ISO-8601 timestamp or epoch seconds";
            default -> "must be a number";
        };
    }

    static Double epochSeconds(String s) {
        try {
            return (double) Instant.parse(s).getEpochSecond();
        } catch (RuntimeException ignored) {
            // try the other forms
        }
        try {
            return (double) OffsetDateTime.parse(s).toEpochSecond();
        } catch (RuntimeException ignored) {
            // try the other forms
        }
        try {
            return (double) LocalDateTime.parse(s.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
        } catch (RuntimeException ignored) {
            // try the other forms
        }
        try {
            return (double) LocalDate.parse(s).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

package ai.lepton.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lepton.data.api.ColumnSchema;
import ai.lepton.data.api.ColumnType;
import ai.lepton.data.api.RowStream;
import ai.lepton.ml.api.Algorithm;
import ai.lepton.ml.api.Split;
import ai.lepton.ml.api.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperParametersTest {

    @Test
    void defaultsAreFilledAndValuesChecked() throws Exception {
        assertThat(HyperParameters.validate(Algorithm.XGBOOST, Map.of("trees", 10)))
                .containsEntry("trees", 10).containsEntry("maxDepth", 6).containsEntry("eta", 0.3);
        assertThatThrownBy(() -> HyperParameters.validate(Algorithm.KMEANS, Map.of("k", 2.5)))
                .isInstanceOf(TrainingException.class).hasMessageContaining("whole number")
                .extracting(e -> ((TrainingException) e).field()).isEqualTo("hyperparameters.k");
        assertThatThrownBy(() -> HyperParameters.validate(Algorithm.CART, Map.of("maxDepth", "deep")))
                .isInstanceOf(TrainingException.class).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> HyperParameters.validate(Algorithm.ONE_CLASS_SVM, Map.of("nu", 2)))
                .isInstanceOf(TrainingException.class).hasMessageContaining("between");
    }

    @Test
    void featurePlanDefaultsToEveryNonTextColumnButTheTarget() throws Exception {
        List<ColumnSchema> cols = List.of(new ColumnSchema("a", ColumnType.DECIMAL, List.of()),
                new ColumnSchema("note", ColumnType.TEXT, List.of()),
                new ColumnSchema("c", ColumnType.CATEGORICAL, List.of()),
                new ColumnSchema("y", ColumnType.BOOLEAN, List.of()));
        FeaturePlan plan = FeaturePlan.of(cols, Task.CLASSIFICATION, "y", null);
        assertThat(plan.featureNames()).containsExactly("a", "c");
        assertThatThrownBy(() -> FeaturePlan.of(cols, Task.CLUSTERING, "y", null))
                .hasMessageContaining("clustering takes no target");
        assertThatThrownBy(() -> FeaturePlan.of(cols, Task.REGRESSION, "y", null))
                .hasMessageContaining("needs an integer or decimal target");
        assertThatThrownBy(() -> FeaturePlan.of(cols, Task.CLASSIFICATION, "y", List.of("a", "a")))
                .hasMessageContaining("listed twice");
    }

    @Test
    void runStopsWhenTheListenerAsksToCancel() throws Exception {
        List<ColumnSchema> cols = List.of(new ColumnSchema("a", ColumnType.DECIMAL, List.of()),
                new ColumnSchema("y", ColumnType.CATEGORICAL, List.of()));
        FeaturePlan plan = FeaturePlan.of(cols, Task.CLASSIFICATION, "y", null);
        RowStream rows = new RowStream() {
            int n;

            @Override
            public List<ColumnSchema> columns() {
                return cols;
            }

            @Override
            public boolean next() {
                return n++ < 100;
            }

            @Override
            public Object value(int index) {
                return index == 0 ? (Object) (double) n : (n % 2 == 0 ? "even" : "odd");
            }

            @Override
            public void close() {
            }
        };
        TrainingRun run = new TrainingRun(Task.CLASSIFICATION, Algorithm.CART, plan,
                HyperParameters.validate(Algorithm.CART, Map.of()), Split.defaults(), new TrainingRun.Listener() {
                    @Override
                    public void progress(double fraction, String stage) {
                    }

                    @Override
                    public boolean cancelled() {
                        return true;
                    }
                });
        assertThatThrownBy(() -> run.run(rows, 100, "test", java.nio.file.Files.createTempDirectory("t")))
                .isInstanceOf(TrainingRun.Cancelled.class);
    }
}

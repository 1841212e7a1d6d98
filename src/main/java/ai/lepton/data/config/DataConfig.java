package ai.lepton.data.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Settings of the data module, under {@code lepton.data}. */
@ConfigMapping(prefix = "lepton.data")
public interface DataConfig {

    /** Largest accepted upload body ({@code LEPTON_DATA_MAX_UPLOAD_SIZE}); larger uploads get 413. */
    @WithDefault("1G")
    MemorySize maxUploadSize();

    /** Where content-addressed blobs live; defaults to {@code <data dir>/blobs}. */
    Optional<String> blobDir();

    /** Where uploads are spooled while they are cleaned; defaults to {@code <data dir>/tmp}. */
    Optional<String> workDir();

    /** Share of a column's non-null values that must parse as a type for the column to get that type. */
    @WithDefault("0.9")
    double typeThreshold();

    /** How many rejected cells a version keeps as examples. */
    @WithDefault("100")
    int rejectedSampleSize();

    /** Most distinct values a column may have and still be categorical. */
    @WithDefault("1000")
    int maxCategories();

    /** Most columns an upload may have. */
    @WithDefault("1024")
    int maxColumns();

    /** Longest cell, in characters. */
    @WithDefault("1048576")
    int maxCellChars();

    /** One row offset is indexed every this many rows, so paging seeks instead of scanning. */
    @WithDefault("1000")
    int rowIndexInterval();

    /** The largest page of rows {@code GET .../rows} serves. */
    @WithDefault("1000")
    int maxRowsPerPage();
}

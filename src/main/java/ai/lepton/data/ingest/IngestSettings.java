package ai.lepton.data.ingest;

import java.nio.file.Path;

/**
 * Limits and thresholds of the pipeline.
 *
 * @param workDir where spool and output files are written
 * @param maxBytes largest accepted input
 * @param typeThreshold share of non-null values that must fit a type
 * @param rejectedSampleSize rejected cells kept as examples
 * @param maxCategories most distinct values of a categorical column
 * @param maxColumns most columns
 * @param maxCellChars longest cell
 * @param rowIndexInterval one byte offset is indexed every this many stored rows
 */
public record IngestSettings(Path workDir, long maxBytes, double typeThreshold, int rejectedSampleSize,
        int maxCategories, int maxColumns, int maxCellChars, int rowIndexInterval) {

    public static IngestSettings defaults(Path workDir) {
        return new IngestSettings(workDir, 1L << 30, 0.9, 100, 1000, 1024, 1_048_576, 1000);
    }
}

package ai.lepton.data.api;

import ai.lepton.platform.api.ProjectRef;
import java.io.IOException;
import java.io.InputStream;

/** The data module's facade for other modules (ML reads training data through it). Calls authorise as the caller. */
public interface DatasetCatalog {

    /** A version's metadata; 404 problem when the project, dataset or version is unknown or not visible. */
    VersionView version(String project, String dataset, int number);

    /**
     * The version's canonical content: UTF-8 CSV with a header line, one line per row, null as an empty field, values
     * in canonical form (see {@link ColumnType}). The caller closes the stream.
     */
    InputStream openContent(String project, String dataset, int number) throws IOException;

    /**
     * A version's metadata for work that runs outside a request (training jobs): the caller has already authorised
     * {@code project}. 404 problem when the dataset or version does not exist in it.
     */
    VersionView version(ProjectRef project, String dataset, int number);

    /** The newest version number of a dataset, empty when none was uploaded (404 problem for an unknown dataset). */
    java.util.OptionalInt latestVersion(ProjectRef project, String dataset);

    /** Streams a version's rows, typed, for work that runs outside a request (see {@link #version(ProjectRef, String, int)}). */
    RowStream rows(ProjectRef project, String dataset, int number) throws IOException;

    /**
     * A page of a version's rows for a caller that has already established its right to read them (a grantee of a
     * data-sharing grant): {@code project} is the dataset's owner. 404 problem when the dataset or version does not
     * exist in it.
     */
    RowsPage rows(ProjectRef project, String dataset, int number, ai.lepton.platform.api.PageRequest page);

    /** The most rows one page may hold ({@code lepton.data.max-rows-per-page}). */
    int maxRowsPerPage();
}

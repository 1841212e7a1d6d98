package ai.lepton.data.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Content-addressed storage other modules use for their artifacts (trained models, for instance). */
public interface BlobStorage {

    /**
     * Moves a finished file into storage under the SHA-256 of its bytes and returns that digest (lower-case hex).
     * Identical content is stored once.
     */
    String put(Path file) throws IOException;

    /** Opens a stored blob; the caller closes the stream. */
    InputStream open(String sha256) throws IOException;

    /** The size of a stored blob in bytes. */
    long size(String sha256) throws IOException;

    /** A scratch directory for files that are about to be {@link #put}. */
    Path workDir();
}

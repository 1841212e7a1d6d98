package ai.lepton.data.blob;

import ai.lepton.data.api.BlobStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** {@link BlobStorage} for other modules, over the data module's {@link BlobStore}. */
public final class BlobStorageAdapter implements BlobStorage {

    private final BlobStore store;
    private final Path workDir;

    public BlobStorageAdapter(BlobStore store, Path workDir) {
        this.store = store;
        this.workDir = workDir;
    }

    @Override
    public String put(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        store.put(file, hex);
        return hex;
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        return store.open(sha256);
    }

    @Override
    public long size(String sha256) throws IOException {
        return Files.size(store.path(sha256));
    }

    @Override
    public Path workDir() {
        return workDir;
    }
}

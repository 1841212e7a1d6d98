package ai.lepton.data.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Immutable blobs named by their SHA-256 under {@code <root>/sha256/<first two hex>/<hex>}. A blob is fsynced and then
 * renamed into place, so a reader never sees a partial blob and a blob that exists is complete after a crash.
 */
public final class BlobStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private final Path root;

    public BlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root.resolve("sha256"));
    }

    public Path root() {
        return root;
    }

    /** Where the blob with this digest lives (whether or not it exists). */
    public Path path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case SHA-256: " + sha256);
        }
        return root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public boolean exists(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    /**
     * Moves a finished file into the store under its digest. If an identical blob is already there the file is
     * deleted instead; the caller must have computed {@code sha256} over exactly the file's bytes.
     */
    public Path put(Path file, String sha256) throws IOException {
        Path target = path(sha256);
        if (Files.isRegularFile(target)) {
            Files.deleteIfExists(file);
            return target;
        }
        Files.createDirectories(target.getParent());
        fsync(file);
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(file);
        } catch (AtomicMoveNotSupportedException e) {
            // different file systems: copy to a temporary name beside the target, then rename atomically
            Path tmp = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            fsync(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(file);
        }
        fsync(target.getParent());
        return target;
    }

    /** Writes a small derived file next to a blob (e.g. its row index), atomically. */
    public void putSidecar(String sha256, String suffix, byte[] content) throws IOException {
        Path target = path(sha256).resolveSibling(sha256 + "." + suffix);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        Files.write(tmp, content);
        fsync(tmp);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public byte[] readSidecar(String sha256, String suffix) throws IOException {
        return Files.readAllBytes(path(sha256).resolveSibling(sha256 + "." + suffix));
    }

    public InputStream open(String sha256) throws IOException {
        try {
            return Files.newInputStream(path(sha256));
        } catch (NoSuchFileException e) {
            throw new IOException("blob " + sha256 + " is missing from " + root, e);
        }
    }

    private static void fsync(Path p) throws IOException {
        boolean dir = Files.isDirectory(p);
        try (FileChannel ch = FileChannel.open(p, dir ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            if (!dir) {
                throw e;
            }
            // some file systems do not allow opening directories; the rename is still atomic there
        }
    }
}

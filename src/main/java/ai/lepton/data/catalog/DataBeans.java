package ai.lepton.data.catalog;

import ai.lepton.data.blob.BlobStore;
import ai.lepton.data.config.DataConfig;
import ai.lepton.platform.api.InstallationSettings;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wires the plain-Java parts of the data module (blob store, directories, the PII hashing key). */
@ApplicationScoped
public class DataBeans {

    static final String PII_KEY_SETTING = "data.pii-hash-key";

    @Produces
    @Singleton
    BlobStore blobStore(DataConfig config, @ConfigProperty(name = "lepton.platform.data-dir") String dataDir) {
        Path root = Path.of(config.blobDir().orElse(dataDir + "/blobs"));
        try {
            BlobStore store = new BlobStore(root);
            Log.infof("blob store at %s", store.root());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the blob directory " + root
                    + " (set LEPTON_DATA_DIR or lepton.data.blob-dir)", e);
        }
    }

    @Produces
    @Singleton
    @Named("ingest-work-dir")
    Path workDir(DataConfig config, @ConfigProperty(name = "lepton.platform.data-dir") String dataDir) {
        Path dir = Path.of(config.workDir().orElse(dataDir + "/tmp")).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the ingest work directory " + dir, e);
        }
    }

    @Produces
    @Singleton
    ai.lepton.data.api.BlobStorage blobStorage(BlobStore store, @Named("ingest-work-dir") Path workDir) {
        return new ai.lepton.data.blob.BlobStorageAdapter(store, workDir);
    }

    /** The HMAC key for {@code ?pii=hash}: generated once per installation, shared by all replicas. */
    static byte[] piiHashKey(InstallationSettings settings) {
        String hex = settings.getOrCreate(PII_KEY_SETTING, () -> {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return HexFormat.of().formatHex(key);
        });
        return HexFormat.of().parseHex(hex);
    }
}

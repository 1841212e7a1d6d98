package ai.lepton.ml.api;

import ai.lepton.platform.api.ProjectRef;
import java.io.IOException;
import java.io.InputStream;

/** Read access to registered model versions and their stored artifacts, for other modules (the ledger re-hashes). */
public interface ModelArtifacts {

    /** A model version of an authorised project; 404 problem when there is no such version. */
    ModelVersionView version(ProjectRef project, String model, int version);

    /** The stored Tribuo protobuf artifact of that version, exactly the bytes its SHA-256 was taken of. */
    InputStream artifact(ModelVersionView version) throws IOException;
}

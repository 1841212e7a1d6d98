package ai.lepton.ledger.fabric;

import java.nio.file.Path;

/**
 * One client identity the platform signs Fabric transactions with, from {@code lepton.ledger.fabric.identities.<name>}.
 *
 * @param name the identity's name in the configuration ({@code operator} is required)
 * @param mspId its organisation's MSP id ({@code .msp-id}), e.g. {@code Org1MSP}
 * @param certificatePath its X.509 certificate, PEM ({@code .cert}), e.g. {@code .../msp/signcerts/cert.pem}
 * @param privateKeyPath its private key, PEM, PKCS#8 or SEC 1 ({@code .key}), e.g. {@code .../msp/keystore/priv_sk}
 */
public record FabricIdentity(String name, String mspId, Path certificatePath, Path privateKeyPath) {
}

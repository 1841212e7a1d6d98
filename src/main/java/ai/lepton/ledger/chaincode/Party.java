package ai.lepton.ledger.chaincode;

import java.util.Map;
import java.util.Objects;

/**
 * Who did something, as recorded on the ledger: the caller's MSP id, its X.509 identity
 * ({@code x509::<subject DN>::<issuer DN>}, as {@code ClientIdentity.getId()} gives it) and, when the caller's
 * certificate names a project and its MSP is trusted for attributes, that project.
 *
 * <p>JSON: {@code {"id":"x509::CN=...::CN=...","msp":"Org1MSP","project":"acme"}} ({@code project} absent when none).
 *
 * @param msp the MSP id
 * @param id the X.509 identity within the MSP
 * @param project the project the caller acts for, or {@code null}
 */
public record Party(String msp, String id, String project) {

    public Party {
        Objects.requireNonNull(msp, "msp");
        Objects.requireNonNull(id, "id");
    }

    /** Whether {@code other} is the same identity (MSP and X.509 identity; the project is not compared). */
    public boolean sameIdentity(Party other) {
        return other != null && msp.equals(other.msp) && id.equals(other.id);
    }

    Json.Obj json() {
        return Json.obj().put("msp", msp).put("id", id).put("project", project);
    }

    static Party from(Map<String, Object> o) {
        return o == null ? null : new Party(Json.str(o, "msp"), Json.str(o, "id"), Json.optStr(o, "project"));
    }
}

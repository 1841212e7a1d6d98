package ai.lepton.data.web;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.as;
import static ai.lepton.testing.Api.newKey;
import static ai.lepton.testing.Api.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatasetResourceTest {

    static final String SALES = """
            id,email,amount,when,region,active
            1, ana@example.com ,10.50,2024-01-02T10:00:00Z,north,yes
            2,bo@example.com,7,2024-01-03T10:00:00Z,south,no
            2,bo@example.com,7.00,2024-01-03T10:00:00Z,south,no
            3,cy@example.com,NA,2024-01-04 10:00:00,north,yes
            4,di@example.com,oops,2024-01-05T10:00:00Z,north,no
            5,ed@example.com,1e1,2024-01-06T10:00:00Z,south,yes
            6,fa@example.com,3.25,2024-01-07T10:00:00Z,north,no
            7,gu@example.com,4,2024-01-08T10:00:00Z,south,yes
            8,ho@example.com,5,2024-01-09T10:00:00Z,north,no
            9,iv@example.com,6,2024-01-10T10:00:00Z,south,yes
            10,jo@example.com,8,2024-01-11T10:00:00Z,north,no
            11,ka@example.com,9,2024-01-12T10:00:00Z,south,yes
            """;

    static String dataset(String project, String name) {
        admin().contentType(ContentType.JSON).body(Map.of("name", name, "description", "test data"))
                .post("/api/projects/" + project + "/datasets").then().statusCode(201);
        return name;
    }

    static Response upload(String project, String dataset, String contentType, String body, String query) {
        return admin().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/projects/" + project + "/datasets/" + dataset + "/versions" + query);
    }

    @Test
    void uploadCleansDeduplicatesTypesAndTagsAColumn() {
        String p = newProject("ds");
        dataset(p, "sales");
        upload(p, "sales", "text/csv", SALES, "?source=crm-export").then().statusCode(201)
                .header("Location", containsString("/datasets/sales/versions/1"))
                .body("number", equalTo(1))
                .body("sha256", matchesPattern("[0-9a-f]{64}"))
                .body("rows", equalTo(11))
                .body("duplicatesRemoved", equalTo(1))
                .body("columns.name", contains("id", "email", "amount", "when", "region", "active"))
                .body("columns.find { it.name == 'id' }.type", equalTo("integer"))
                .body("columns.find { it.name == 'amount' }.type", equalTo("decimal"))
                .body("columns.find { it.name == 'when' }.type", equalTo("timestamp"))
                .body("columns.find { it.name == 'active' }.type", equalTo("boolean"))
                .body("columns.find { it.name == 'region' }.type", equalTo("categorical"))
                .body("columns.find { it.name == 'email' }.tags", hasItem("email"))
                .body("columns.find { it.name == 'email' }.tags", hasItem("pii"))
                .body("rejected.count", equalTo(1))
                .body("rejected.sample[0].column", equalTo("amount"))
                .body("rejected.sample[0].line", equalTo(6))
                .body("rejected.sample[0].value", equalTo("oops"))
                .body("parent", nullValue())
                .body("source", equalTo("crm-export"));
    }

    @Test
    void rowsArePagedAndTyped() {
        String p = newProject("rows");
        dataset(p, "sales");
        upload(p, "sales", "text/csv", SALES, "").then().statusCode(201);
        admin().queryParam("offset", 0).queryParam("limit", 2).get("/api/projects/" + p + "/datasets/sales/versions/1/rows")
                .then().statusCode(200)
                .body("total", equalTo(11))
                .body("rows", hasSize(2))
                .body("rows[0].id", equalTo(1))
                .body("rows[0].email", equalTo("ana@example.com"))
                .body("rows[0].amount", equalTo(10.5f))
                .body("rows[0].when", equalTo("2024-01-02T10:00:00Z"))
                .body("rows[0].active", equalTo(true));
        admin().queryParam("offset", 2).queryParam("limit", 2).get("/api/projects/" + p + "/datasets/sales/versions/1/rows")
                .then().statusCode(200)
                .body("rows[0].id", equalTo(3))
                .body("rows[0].amount", nullValue())
                .body("rows[0].when", equalTo("2024-01-04T10:00:00Z"));
        admin().queryParam("limit", 1001).get("/api/projects/" + p + "/datasets/sales/versions/1/rows")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        admin().queryParam("offset", 50).get("/api/projects/" + p + "/datasets/sales/versions/1/rows")
                .then().statusCode(200).body("rows", hasSize(0)).body("total", equalTo(11));
    }

    @Test
    void profileDescribesEachColumn() {
        String p = newProject("prof");
        dataset(p, "sales");
        upload(p, "sales", "text/csv", SALES, "").then().statusCode(201);
        admin().get("/api/projects/" + p + "/datasets/sales/versions/1/profile").then().statusCode(200)
                .body("rows", equalTo(11))
                .body("columns.find { it.name == 'amount' }.nulls", equalTo(2))
                .body("columns.find { it.name == 'amount' }.min", equalTo(3.25f))
                .body("columns.find { it.name == 'amount' }.max", equalTo(10.5f))
                .body("columns.find { it.name == 'id' }.distinct", equalTo(11))
                .body("columns.find { it.name == 'region' }.top[0].value", equalTo("north"))
                .body("columns.find { it.name == 'region' }.top[0].count", equalTo(6))
                .body("columns.find { it.name == 'when' }.earliest", equalTo("2024-01-02T10:00:00Z"));
    }

    @Test
    void sameContentTwiceReturnsTheExistingVersionWith200() {
        String p = newProject("same");
        dataset(p, "sales");
        String sha = upload(p, "sales", "text/csv", SALES, "").then().statusCode(201).extract().path("sha256");
        // different spelling, same canonical content: CRLF line ends and extra spaces
        String variant = SALES.replace("\n", "\r\n").replace(",north,", ", north ,");
        upload(p, "sales", "text/csv", variant, "").then().statusCode(200)
                .body("number", equalTo(1)).body("sha256", equalTo(sha));
        admin().get("/api/projects/" + p + "/datasets/sales").then().statusCode(200).body("versions", hasSize(1));
    }

    @Test
    void newContentBecomesTheNextVersionWithItsParentAndTheEvent() {
        String p = newProject("lineage");
        dataset(p, "sales");
        upload(p, "sales", "text/csv", SALES, "?source=v1-export").then().statusCode(201);
        upload(p, "sales", "text/csv", SALES + "12,lu@example.com,2,2024-01-13T10:00:00Z,north,no\n", "?source=v2-export")
                .then().statusCode(201).body("number", equalTo(2)).body("parent", equalTo(1));
        admin().get("/api/projects/" + p + "/datasets/sales").then().statusCode(200)
                .body("versions.number", contains(1, 2))
                .body("versions.parent", contains(null, 1))
                .body("versions.source", contains("v1-export", "v2-export"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                admin().get("/api/projects/" + p + "/events?type=DatasetVersionCreated").then().statusCode(200)
                        .extract().<List<Integer>>path("items.payload.version")).containsExactlyInAnyOrder(1, 2));
    }

    @Test
    void contentDownloadIsTheExactBytesOfTheSha() throws Exception {
        String p = newProject("content");
        dataset(p, "sales");
        String sha = upload(p, "sales", "text/csv", SALES, "").then().statusCode(201).extract().path("sha256");
        byte[] content = admin().get("/api/projects/" + p + "/datasets/sales/versions/1/content").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asByteArray();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content))).isEqualTo(sha);
        assertThat(new String(content, StandardCharsets.UTF_8)).startsWith("id,email,amount,when,region,active\n1,ana@example.com,10.5,");
    }

    @Test
    void ndjsonUploadIsAcceptedWithTheUnionOfKeys() {
        String p = newProject("nd");
        dataset(p, "events");
        String body = """
                {"id":1,"kind":"click","meta":{"x":1}}
                {"id":2,"kind":"view"}

                {"id":3,"kind":"click","extra":true}
                """;
        upload(p, "events", "application/x-ndjson", body, "").then().statusCode(201)
                .body("rows", equalTo(3))
                .body("format", equalTo("ndjson"))
                .body("columns.name", contains("id", "kind", "meta", "extra"));
    }

    @Test
    void malformedCsvIsRefusedWithTheLineAndNothingIsStored() {
        String p = newProject("bad");
        dataset(p, "sales");
        upload(p, "sales", "text/csv", "a,b\n1,2\n3,\"unclosed\n4,5\n", "").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lepton.ai/problems/malformed-upload"))
                .body("line", equalTo(3));
        admin().get("/api/projects/" + p + "/datasets/sales").then().body("versions", hasSize(0));
    }

    @Test
    void invalidUtf8IsRefusedWithItsLine() {
        String p = newProject("utf");
        dataset(p, "sales");
        byte[] body = "a,b\n1,2\n3,\u00e9\n".getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[body.length];
        System.arraycopy(body, 0, broken, 0, body.length);
        broken[body.length - 2] = (byte) 0xC3; // lone lead byte followed by a newline
        broken[body.length - 3] = (byte) 0xFF;
        admin().contentType("text/csv").body(broken).post("/api/projects/" + p + "/datasets/sales/versions")
                .then().statusCode(400).body("line", equalTo(3));
    }

    @Test
    void ndjsonLineThatIsNotAnObjectIsRefusedWithItsLine() {
        String p = newProject("ndbad");
        dataset(p, "events");
        upload(p, "events", "application/x-ndjson", "{\"a\":1}\n[1,2]\n", "").then().statusCode(400)
                .body("line", equalTo(2));
    }

    @Test
    void failPolicyNamesTheFirstBadCellAndStoresNothing() {
        String p = newProject("fail");
        dataset(p, "sales");
        upload(p, "sales", "text/csv", SALES, "?onError=fail").then().statusCode(400)
                .body("type", equalTo("https://lepton.ai/problems/bad-cell"))
                .body("line", equalTo(6))
                .body("column", equalTo("amount"));
        admin().get("/api/projects/" + p + "/datasets/sales").then().body("versions", hasSize(0));
    }

    @Test
    void dropRowPolicyDropsTheRow() {
        String p = newProject("drop");
        dataset(p, "sales");
        upload(p, "sales", "text/csv", SALES, "?onError=drop-row").then().statusCode(201)
                .body("rows", equalTo(10)).body("rejected.count", equalTo(1));
    }

    @Test
    void piiMaskAndHashReplaceValuesButKeepTags() {
        String p = newProject("pii");
        dataset(p, "masked");
        dataset(p, "hashed");
        upload(p, "masked", "text/csv", SALES, "?pii=mask").then().statusCode(201)
                .body("columns.find { it.name == 'email' }.tags", hasItem("pii"));
        admin().get("/api/projects/" + p + "/datasets/masked/versions/1/rows?limit=1").then()
                .body("rows[0].email", equalTo("a***@example.com"));
        upload(p, "hashed", "text/csv", SALES, "?pii=hash").then().statusCode(201);
        String hashed = admin().get("/api/projects/" + p + "/datasets/hashed/versions/1/rows?limit=1").then()
                .extract().path("rows[0].email");
        assertThat(hashed).matches("[0-9a-f]{64}");
    }

    @Test
    void badQueryParametersAndMediaTypesAreProblems() {
        String p = newProject("params");
        dataset(p, "sales");
        upload(p, "sales", "text/csv", SALES, "?onError=ignore").then().statusCode(400)
                .body("errors[0].field", equalTo("onError"));
        upload(p, "sales", "text/csv", SALES, "?pii=shred").then().statusCode(400)
                .body("errors[0].field", equalTo("pii"));
        upload(p, "sales", "application/xml", "<a/>", "").then().statusCode(415)
                .contentType("application/problem+json");
        upload(p, "sales", "text/csv; charset=iso-8859-1", SALES, "").then().statusCode(415);
        upload(p, "nope", "text/csv", SALES, "").then().statusCode(404);
        admin().get("/api/projects/" + p + "/datasets/sales/versions/9").then().statusCode(404)
                .body("detail", equalTo("version 9 of dataset 'sales' not found"));
    }

    @Test
    void duplicateDatasetNameIsAConflict() {
        String p = newProject("dsdup");
        dataset(p, "sales");
        admin().contentType(ContentType.JSON).body(Map.of("name", "sales")).post("/api/projects/" + p + "/datasets")
                .then().statusCode(409);
    }

    @Test
    void graphqlShowsDatasetsVersionsAndColumns() {
        String p = newProject("gql");
        dataset(p, "sales");
        upload(p, "sales", "text/csv", SALES, "").then().statusCode(201);
        String query = "{ project(name: \"" + p + "\") { datasets { name versions { number sha256 rows columns { name type tags } } } } }";
        admin().contentType(ContentType.JSON).body(Map.of("query", query)).post("/graphql").then().statusCode(200)
                .body("errors", nullValue())
                .body("data.project.datasets[0].name", equalTo("sales"))
                .body("data.project.datasets[0].versions[0].rows", equalTo(11))
                .body("data.project.datasets[0].versions[0].columns.name", hasItem("email"));
        String other = newProject("gql-other");
        String otherKey = newKey(other, "viewer");
        as(otherKey).contentType(ContentType.JSON).body(Map.of("query", query)).post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("not-found"))
                .body("data.project", nullValue());
    }
}

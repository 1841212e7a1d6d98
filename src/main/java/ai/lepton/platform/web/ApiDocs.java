package ai.lepton.platform.web;

/** Example documents shared by the OpenAPI annotations of every module. */
public final class ApiDocs {

    public static final String PROBLEM_404 = """
            {"type":"https://lepton.ai/problems/not-found","title":"Not found","status":404,\
            "detail":"project 'demo' not found","instance":"/api/projects/demo"}""";
    public static final String PROBLEM_400 = """
            {"type":"https://lepton.ai/problems/validation","title":"Invalid request","status":400,\
            "detail":"name: must be 1-63 lower-case letters, digits or hyphens, starting and ending with a letter or digit",\
            "instance":"/api/projects","errors":[{"field":"name","message":"must be 1-63 lower-case letters, digits or \
            hyphens, starting and ending with a letter or digit"}]}""";
    public static final String PROBLEM_401 = """
            {"type":"https://lepton.ai/problems/unauthorized","title":"Missing or invalid API key","status":401,\
            "detail":"the API key is unknown or was revoked","instance":"/api/projects"}""";
    public static final String PROBLEM_403 = """
            {"type":"https://lepton.ai/problems/forbidden","title":"Not allowed","status":403,\
            "detail":"a viewer key may not change objects in project 'demo'","instance":"/api/projects/demo/datasets"}""";
    public static final String PROBLEM_409 = """
            {"type":"https://lepton.ai/problems/conflict","title":"Conflict","status":409,\
            "detail":"a project named 'demo' already exists","instance":"/api/projects"}""";

    public static final String KEY_PAGE = """
            {"items":[{"id":7,"name":"dashboard","role":"viewer","project":"demo","prefix":"lep_7Qm2Tz",\
            "createdAt":"2026-11-28T09:00:00Z","revokedAt":null}],"offset":0,"limit":50,"total":1}""";
    public static final String KEY_REVOKED = """
            {"id":7,"name":"dashboard","role":"viewer","project":"demo","prefix":"lep_7Qm2Tz",\
            "createdAt":"2026-11-28T09:00:00Z","revokedAt":"2026-11-28T10:00:00Z"}""";

    private ApiDocs() {
    }
}

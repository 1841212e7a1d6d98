package ai.lepton.platform.web;

import ai.lepton.platform.api.FieldError;
import ai.lepton.platform.api.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Renders problems as RFC 9457 JSON. Every error response of the application, REST or Vert.x filter, goes through
 * here, so they all look alike.
 */
@ApplicationScoped
public class Problems {

    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Base of the stable problem type URIs. */
    public static final String TYPE_BASE = "https://lepton.ai/problems/";

    private final ObjectMapper mapper;

    public Problems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode body(ProblemException p, String instance) {
        ObjectNode n = mapper.createObjectNode();
        n.put("type", TYPE_BASE + p.type());
        n.put("title", p.title());
        n.put("status", p.status());
        n.put("detail", p.detail());
        n.put("instance", instance);
        if (!p.errors().isEmpty()) {
            ArrayNode errors = n.putArray("errors");
            for (FieldError e : p.errors()) {
                errors.addObject().put("field", e.field()).put("message", e.message());
            }
        }
        for (Map.Entry<String, Object> e : p.extensions().entrySet()) {
            n.set(e.getKey(), mapper.valueToTree(e.getValue()));
        }
        return n;
    }

    public String json(ProblemException p, String instance) {
        try {
            return mapper.writeValueAsString(body(p, instance));
        } catch (JsonProcessingException e) {
            // cannot happen for a tree of plain values; keep a valid document anyway
            return "{\"type\":\"" + TYPE_BASE + "internal\",\"status\":500}";
        }
    }
}

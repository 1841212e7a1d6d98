package ai.lepton.platform.web;

import ai.lepton.platform.api.FieldError;
import ai.lepton.platform.api.ProblemException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place that turns exceptions into RFC 9457 problem responses. */
public class ProblemMapper {

    private final Problems problems;

    public ProblemMapper(Problems problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return respond(ProblemException.validation(errors), uri);
    }

    // Quarkus REST has built-in mappers for these two subtypes; naming them here keeps every error a problem document.
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response parse(com.fasterxml.jackson.core.JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return respond(ProblemException.invalid(field,
                    "has the wrong type or format" + where), uri);
        }
        return respond(ProblemException.badRequest("the request body is not valid JSON" + where + ": "
                + e.getOriginalMessage()), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException j) {
            return json(j, uri);
        }
        int status = e.getResponse().getStatus();
        ProblemException p;
        if (e instanceof NotFoundException) {
            p = ProblemException.notFound("no endpoint at " + uri.getRequestUri().getPath());
        } else if (e instanceof NotAllowedException) {
            p = new ProblemException(405, "method-not-allowed", "Method not allowed",
                    "this endpoint does not accept that HTTP method; allowed: " + e.getResponse().getAllowedMethods());
        } else {
            Response.StatusType st = e.getResponse().getStatusInfo();
            p = new ProblemException(status, slug(st.getReasonPhrase()), st.getReasonPhrase(),
                    e.getMessage() == null ? st.getReasonPhrase() : e.getMessage());
        }
        if (status >= 500) {
            Log.errorf(e, "request %s failed", uri.getRequestUri().getPath());
        }
        Response r = respond(p, uri);
        if (e instanceof NotAllowedException) {
            return Response.fromResponse(r).allow(e.getResponse().getAllowedMethods()).build();
        }
        return r;
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        Log.errorf(e, "unexpected failure serving %s (incident %s)", uri.getRequestUri().getPath(), incident);
        return respond(new ProblemException(500, "internal", "Internal error",
                "an unexpected error occurred; the server log has the details under incident " + incident)
                .with("incident", incident), uri);
    }

    private Response respond(ProblemException p, UriInfo uri) {
        return Response.status(p.status())
                .type(Problems.MEDIA_TYPE)
                .entity(problems.body(p, uri.getRequestUri().getRawPath()))
                .build();
    }

    /** The user-facing name of the invalid input: JSON field path for bodies, parameter name otherwise. */
    static String fieldOf(ConstraintViolation<?> v) {
        String parameter = null;
        List<String> properties = new ArrayList<>();
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                String name = node.getName() == null ? "" : node.getName();
                if (node.getIndex() != null) {
                    name = name + "[" + node.getIndex() + "]";
                }
                properties.add(name);
            }
        }
        if (!properties.isEmpty()) {
            return String.join(".", properties);
        }
        return parameter == null ? "request" : parameter;
    }

    private static String slug(String reason) {
        return reason == null ? "error" : reason.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}

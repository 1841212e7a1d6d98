package ai.lepton.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Read access to the platform's log of delivered events, for modules that re-check what an event said. */
public interface EventLog {

    /** The payload of event {@code eventId} of {@code project} as logged; empty when the log has no such event. */
    Optional<JsonNode> payload(ProjectRef project, String eventId);
}

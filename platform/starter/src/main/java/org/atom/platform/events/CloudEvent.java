package org.atom.platform.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A domain event in the CloudEvents 1.0 JSON structured format (ARCHITECTURE.md §3), with the {@code userid}
 * (owner, the realtime room) and {@code traceparent} extensions. Unknown members are ignored when reading.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudEvent(
        String specversion,
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String datacontenttype,
        String dataschema,
        String userid,
        String traceparent,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** Kafka record header {@code content-type} value of structured-mode events. */
    public static final String MEDIA_TYPE = "application/cloudevents+json";
}

package org.atom.platform.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads CloudEvents from Kafka record values with the service's Jackson mapper. */
public class CloudEventCodec {

    private final JsonMapper json;

    public CloudEventCodec(JsonMapper json) {
        this.json = json;
    }

    /** Parses a structured-mode event; anything unreadable or without an id and type is an invalid event. */
    public CloudEvent read(String value) {
        CloudEvent event;
        try {
            event = json.readValue(value, CloudEvent.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidEventException("not a CloudEvent JSON object", e);
        }
        if (event == null || event.id() == null || event.type() == null) {
            throw new InvalidEventException("CloudEvent without id or type");
        }
        return event;
    }

    /** Converts the event's data to the consumer's own record type (unknown fields are ignored). */
    public <T> T data(CloudEvent event, Class<T> type) {
        try {
            return json.treeToValue(event.data(), type);
        } catch (JacksonException e) {
            throw new InvalidEventException("data of " + event.type() + " does not match " + type.getSimpleName(), e);
        }
    }
}

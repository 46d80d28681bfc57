package org.atom.realtime.delivery;

import tools.jackson.databind.JsonNode;

/** One event as clients receive it: its client event name ({@code task:created}) and payload. */
public record ClientMessage(String event, JsonNode data) {}

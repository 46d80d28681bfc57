package org.atom.platform.sample.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Written in lower case on the wire, as the original API did. */
enum Priority {
    @JsonProperty("low")
    LOW,
    @JsonProperty("medium")
    MEDIUM,
    @JsonProperty("high")
    HIGH,
    @JsonProperty("critical")
    CRITICAL
}

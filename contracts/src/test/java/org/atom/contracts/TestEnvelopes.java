package org.atom.contracts;

import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Valid CloudEvents envelopes without data, for the contract tests to fill and break. */
final class TestEnvelopes {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String USER_ID = "7d1f0c1e-3b7a-4c52-9f3e-2a8b9c0d1e2f";

    private TestEnvelopes() {}

    static ObjectNode envelope(String type, String source, String subject) {
        return JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("type", type)
                .put("source", source)
                .put("subject", subject)
                .put("time", "2026-03-01T10:15:30Z")
                .put("datacontenttype", "application/json")
                .put("userid", USER_ID);
    }
}

package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.platform.web.WebApi.json;

import java.net.http.HttpResponse;
import org.atom.platform.sample.SampleServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SampleServiceContext
class OpenApiIT {

    @LocalServerPort
    int port;

    @Test
    void theApiDocumentIsTitledAfterTheServiceRequiresBearerJwtAndDescribesProblems() {
        HttpResponse<String> response =
                TestHttp.localhost(port).get("/v3/api-docs").send();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode doc = json(response);
        assertThat(doc.path("openapi").asString()).startsWith("3.1");
        assertThat(doc.path("info").path("title").asString()).isEqualTo("sample-service");
        JsonNode scheme = doc.path("components").path("securitySchemes").path("bearer-jwt");
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(doc.path("security").get(0).has("bearer-jwt")).isTrue();
        JsonNode problem = doc.path("components").path("schemas").path("Problem");
        assertThat(problem.path("type").asString()).isEqualTo("object");
        assertThat(problem.path("properties").has("errors")).isTrue();
        JsonNode create = doc.path("paths").path("/api/web-samples").path("post");
        assertThat(create.path("responses")
                        .path("default")
                        .path("content")
                        .path("application/problem+json")
                        .path("schema")
                        .path("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/Problem");
    }
}

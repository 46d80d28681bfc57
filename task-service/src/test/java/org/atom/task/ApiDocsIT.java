package org.atom.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@TaskServiceContext
class ApiDocsIT {

    @LocalServerPort
    int port;

    @Test
    void theOpenApiDocumentListsEveryEndpointAndDescribesTheBodies() {
        HttpResponse<String> response =
                TestHttp.localhost(port).get("/v3/api-docs").send();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode document = TaskTestSupport.JSON.readTree(response.body());
        assertThat(document.path("paths").propertyNames())
                .contains(
                        "/api/tasks",
                        "/api/tasks/{id}",
                        "/api/tasks/stats",
                        "/api/projects",
                        "/api/projects/{id}",
                        "/api/projects/{id}/tasks",
                        "/api/projects/{id}/progress");
        assertThat(document.path("paths")
                        .path("/api/tasks")
                        .path("post")
                        .path("requestBody")
                        .toString())
                .contains("TaskView");
        assertThat(document.path("paths")
                        .path("/api/projects")
                        .path("post")
                        .path("requestBody")
                        .toString())
                .contains("ProjectView");
    }
}

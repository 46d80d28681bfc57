package org.atom.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SwaggerAggregationIT extends GatewayIT {

    @Test
    void theSwaggerUiListsEveryRunningServiceAndServesItsDocument() {
        HttpResponse<String> config = await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/swagger-config").send(), r -> r.body().contains("task-service"));

        assertThat(config.body()).contains("/api-docs/task-service").doesNotContain("finance-service");

        HttpResponse<String> document = http.get("/api-docs/task-service").send();
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("\"title\":\"task-service stub\"");

        assertThat(http.get("/swagger-ui/index.html").send().statusCode()).isEqualTo(200);
    }
}

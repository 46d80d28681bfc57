package org.atom.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@AuthServiceContext
class ApiDocsIT {

    @LocalServerPort
    int port;

    @Test
    void theOpenApiDocumentListsEveryEndpoint() {
        HttpResponse<String> response =
                TestHttp.localhost(port).get("/v3/api-docs").send();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode paths = AuthTestSupport.JSON.readTree(response.body()).path("paths");
        assertThat(paths.propertyNames())
                .contains(
                        "/api/auth/register",
                        "/api/auth/login",
                        "/api/auth/refresh",
                        "/api/auth/logout",
                        "/api/auth/token",
                        "/api/auth/profile",
                        "/api/auth/change-password",
                        "/api/auth/deactivate",
                        "/api/auth/account",
                        "/api/auth/admin/users",
                        "/api/auth/admin/keys/rotate",
                        "/.well-known/jwks.json",
                        "/.well-known/openid-configuration");
    }
}

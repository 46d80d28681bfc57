package org.atom.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** Binding of {@code atom.gateway.uploads}: defaults, the owning service, and start-up errors that name the mistake. */
class GatewayPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Bind.class)
            .withPropertyValues(
                    "atom.gateway.services.task-service[0]=/api/tasks/**",
                    "atom.gateway.services.calendar-service[0]=/api/calendar/**",
                    "atom.gateway.services.calendar-service[1]=/api/calendars");

    @Test
    void anUploadBelongsToTheServiceOwningItsPathAndInheritsWhatItDoesNotSet() {
        runner.withPropertyValues(
                        "atom.gateway.uploads[0].path=/api/calendar/import",
                        "atom.gateway.uploads[0].max-body-size=5MB",
                        "atom.gateway.uploads[0].response-timeout=2m",
                        "atom.gateway.uploads[1].path=/api/tasks/{id}/attachments/**",
                        "atom.gateway.uploads[1].max-body-size=20MB")
                .run(context -> {
                    GatewayProperties gateway = context.getBean(GatewayProperties.class);
                    GatewayProperties.Upload calendar = gateway.uploads().get(0);
                    GatewayProperties.Upload attachments = gateway.uploads().get(1);

                    assertThat(gateway.serviceOf(calendar)).isEqualTo("calendar-service");
                    assertThat(gateway.maxBodySizeOf(calendar)).isEqualTo(DataSize.ofMegabytes(5));
                    assertThat(gateway.responseTimeoutOf(calendar)).isEqualTo(Duration.ofMinutes(2));
                    assertThat(gateway.serviceOf(attachments)).isEqualTo("task-service");
                    assertThat(gateway.responseTimeoutOf(attachments)).isEqualTo(Duration.ofSeconds(30));
                });
    }

    @Test
    void anUploadOwnedByNoServiceStopsTheStartNamingItsPath() {
        assertUploadFails("no service in atom.gateway.services owns /api/nowhere/import", "/api/nowhere/import");
        // a variable segment could be any area: no single service owns it
        assertUploadFails("owns /api/{area}/import", "/api/{area}/import");
        // /api/calendars is an exact path, not a prefix
        assertUploadFails("owns /api/calendars/import", "/api/calendars/import");
    }

    @Test
    void anUploadNeedsAPath() {
        assertUploadFails("an entry needs a path", " ");
        assertStartFails("an entry needs a path", "atom.gateway.uploads[0].max-body-size=5MB");
        assertUploadFails("the path api/calendar/import must start with /", "api/calendar/import");
        assertUploadFails("/api/calendar/**/import is not a path pattern", "/api/calendar/**/import");
    }

    @Test
    void sizesAndTimeoutsMustBePositive() {
        assertStartFails(
                "max-body-size of /api/calendar/import must be positive",
                "atom.gateway.uploads[0].path=/api/calendar/import",
                "atom.gateway.uploads[0].max-body-size=0MB");
        assertStartFails(
                "response-timeout of /api/calendar/import must be positive",
                "atom.gateway.uploads[0].path=/api/calendar/import",
                "atom.gateway.uploads[0].response-timeout=-1s");
        assertStartFails("atom.gateway.max-body-size must be positive", "atom.gateway.max-body-size=0B");
        assertStartFails("atom.gateway.response-timeout must be positive", "atom.gateway.response-timeout=0s");
    }

    @Test
    void anUploadThatChangesNothingOrIsListedTwiceStopsTheStart() {
        // e.g. a misspelt max-body-size, which the binder would otherwise ignore
        assertStartFails(
                "/api/calendar/import sets neither max-body-size nor response-timeout",
                "atom.gateway.uploads[0].path=/api/calendar/import",
                "atom.gateway.uploads[0].max-body=5MB");
        assertStartFails(
                "/api/calendar/import is listed twice",
                "atom.gateway.uploads[0].path=/api/calendar/import",
                "atom.gateway.uploads[0].max-body-size=5MB",
                "atom.gateway.uploads[1].path=/api/calendar/import",
                "atom.gateway.uploads[1].response-timeout=2m");
    }

    private void assertUploadFails(String message, String path) {
        assertStartFails(message, "atom.gateway.uploads[0].path=" + path, "atom.gateway.uploads[0].max-body-size=5MB");
    }

    private void assertStartFails(String message, String... properties) {
        runner.withPropertyValues(properties)
                .run(context -> assertThat(context.getStartupFailure())
                        .as(message)
                        .isNotNull()
                        .hasMessageContaining("atom.gateway")
                        .rootCause()
                        .hasMessageContaining(message));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class Bind {}
}

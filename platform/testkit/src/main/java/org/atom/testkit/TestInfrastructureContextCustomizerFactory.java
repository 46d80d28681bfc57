package org.atom.testkit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Turns {@link WithTestInfrastructure} into connection properties for the test context. */
class TestInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        WithTestInfrastructure settings =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, WithTestInfrastructure.class);
        return settings == null
                ? null
                : new Customizer(settings.schema(), List.of(settings.topics()), settings.partitions());
    }

    private record Customizer(String schema, List<String> topics, int partitions) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            if (!schema.isEmpty()) {
                TestPostgres.bootstrapSchema(schema);
            }
            TestKafka kafka = TestKafka.broker();
            if (!topics.isEmpty()) {
                kafka.createTopics(partitions, topics.toArray(String[]::new));
            }
            var environment = context.getEnvironment();
            Map<String, Object> properties = properties(kafka);
            // a test that lists its own trusted issuers (using the placeholders below) keeps its list; the platform
            // starter's defaults (property source "atomPlatformDefaults…") list auth-service, which is no test's
            if (environment.getPropertySources().stream()
                    // not the platform's defaults, nor Boot's "configurationProperties" view over every source
                    .filter(source -> !source.getName().startsWith("atomPlatformDefaults")
                            && !source.getName().equals("configurationProperties"))
                    .anyMatch(source -> source.containsProperty("atom.security.issuers[0].uri"))) {
                properties.keySet().removeIf(key -> key.startsWith("atom.security.issuers"));
            }
            environment.getPropertySources().addFirst(new MapPropertySource("atomTestInfrastructure", properties));
        }

        private Map<String, Object> properties(TestKafka kafka) {
            TestJwtIssuer jwt = TestJwtIssuer.get();
            Map<String, Object> p = new LinkedHashMap<>();
            if (!schema.isEmpty()) {
                p.put("spring.datasource.url", TestPostgres.jdbcUrl(schema));
                p.put("spring.datasource.username", schema);
                p.put("spring.datasource.password", schema);
                p.put("spring.flyway.default-schema", schema);
                p.put("spring.flyway.create-schemas", false);
            }
            p.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
            // a service under test is alone: no discovery server to register with
            p.put("eureka.client.enabled", false);
            p.put("atom.testkit.jwt.issuer-uri", jwt.issuer());
            p.put("atom.testkit.jwt.jwk-set-uri", jwt.jwksUri());
            p.put("atom.security.issuers[0].uri", jwt.issuer());
            p.put("atom.security.issuers[0].jwk-set-uri", jwt.jwksUri());
            return p;
        }

        @Override
        public String toString() {
            return "atomTestInfrastructure" + Arrays.asList(schema, topics, partitions);
        }
    }
}

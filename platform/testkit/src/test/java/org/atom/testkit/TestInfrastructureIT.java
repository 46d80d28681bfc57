package org.atom.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TestInfrastructureIT {

    @Test
    void bootstrappedRoleOwnsItsSchemaAndCannotCreateElsewhere() throws SQLException {
        TestPostgres.bootstrapSchema("testkit_a");
        TestPostgres.bootstrapSchema("testkit_b");
        try (Connection a = DriverManager.getConnection(TestPostgres.jdbcUrl("testkit_a"), "testkit_a", "testkit_a")) {
            a.createStatement().execute("create table t (id int)");
            assertThatThrownBy(() -> a.createStatement().execute("create table testkit_b.t (id int)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> a.createStatement().execute("create table public.t (id int)"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void brokerRestartsOnTheSameAddressKeepingItsData() throws Exception {
        TestKafka kafka = TestKafka.broker();
        kafka.createTopics(1, "testkit.restart.v1");
        try (EventCapture capture = EventCapture.on("testkit.restart.v1")) {
            send(kafka, "{\"type\":\"atom.testkit.before.v1\"}");
            capture.awaitEvent("atom.testkit.before.v1");

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.start();

            send(kafka, "{\"type\":\"atom.testkit.after.v1\"}");
            capture.awaitEvent("atom.testkit.after.v1");
        }
        try (var admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("testkit.restart.v1");
        }
    }

    @Test
    void mintedTokensCarryTheIssuerAudienceAndSubject() throws Exception {
        TestJwtIssuer issuer = TestJwtIssuer.get();
        var jwt = com.nimbusds.jwt.SignedJWT.parse(issuer.token("user-1", "ADMIN"));
        var jwks = com.nimbusds.jose.jwk.JWKSet.load(new java.net.URI(issuer.jwksUri()).toURL());
        var key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();

        assertThat(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("user-1");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(issuer.issuer());
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(TestJwtIssuer.AUDIENCE);
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("ADMIN");
    }

    private static void send(TestKafka kafka, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(java.util.Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("testkit.restart.v1", "k", value))
                    .get(30, TimeUnit.SECONDS);
        }
    }
}

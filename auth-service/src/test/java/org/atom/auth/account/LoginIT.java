package org.atom.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.auth.AuthTestSupport.PASSWORD;
import static org.atom.auth.AuthTestSupport.assertProblem;
import static org.atom.auth.AuthTestSupport.json;
import static org.atom.auth.AuthTestSupport.login;
import static org.atom.auth.AuthTestSupport.uniqueAddress;
import static org.atom.auth.AuthTestSupport.uniqueEmail;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.atom.auth.AuthServiceContext;
import org.atom.auth.AuthTestSupport;
import org.atom.auth.config.AuthProperties;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

@AuthServiceContext
class LoginIT {

    private static final Logger log = LoggerFactory.getLogger(LoginIT.class);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Clock clock;

    @Autowired
    AuthProperties properties;

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    @Test
    void loginReturnsTheUserAndANewSessionAndRecordsTheLogin() {
        String email = uniqueEmail("login");
        AuthTestSupport.register(http, email);

        HttpResponse<String> response = login(http, email.toUpperCase(), PASSWORD, uniqueAddress());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("user").path("email").asString()).isEqualTo(email);
        assertThat(body.path("user").path("lastLoginAt").asString()).endsWith("Z");
        assertThat(body.path("accessToken").asString()).isNotBlank();
        assertThat(body.path("refreshToken").asString()).isNotBlank();
        assertThat(body.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body.path("expiresIn").asLong()).isEqualTo(900);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void missingCredentialsAreNamed() {
        assertProblem(http.post("/api/auth/login", "{}").send(), 400, "email", "password");
        assertProblem(
                http.post("/api/auth/login", "{\"email\":\"x@example.com\"}").send(), 400, "password");
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswerInSimilarTime() {
        String email = uniqueEmail("timing");
        AuthTestSupport.register(http, email);
        List<Long> unknown = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        String unknownBody = null;
        String wrongBody = null;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            HttpResponse<String> noSuchUser =
                    login(http, uniqueEmail("nobody"), "some-wrong-password-x", uniqueAddress());
            unknown.add(System.nanoTime() - start);
            start = System.nanoTime();
            HttpResponse<String> badPassword = login(http, email, "some-wrong-password-x", uniqueAddress());
            wrong.add(System.nanoTime() - start);

            assertProblem(noSuchUser, 401);
            assertProblem(badPassword, 401);
            unknownBody = noSuchUser.body();
            wrongBody = badPassword.body();
            assertThat(noSuchUser.headers().map())
                    .containsOnlyKeys(badPassword.headers().map().keySet());
        }
        assertThat(unknownBody).isEqualTo(wrongBody);
        assertThat(parse(wrongBody)).isNotNull();
        long unknownMedian = median(unknown);
        long wrongMedian = median(wrong);
        log.info(
                "login 401 median: unknown user {} ms, wrong password {} ms",
                unknownMedian / 1_000_000,
                wrongMedian / 1_000_000);
        // an unknown user still costs one Argon2id verification: not a fast path (ample headroom)
        assertThat(unknownMedian).isGreaterThan(wrongMedian / 4);
    }

    @Test
    void aHashWithWeakerParametersIsUpgradedAtLogin() {
        AuthTestSupport.Session session = AuthTestSupport.registerNew(http, "weak");
        String weak = new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(PASSWORD);
        jdbc.update("UPDATE user_account SET password_hash = ? WHERE id = ?::uuid", weak, session.userId());

        AuthTestSupport.loginOk(http, session.email(), PASSWORD);

        String stored = jdbc.queryForObject(
                "SELECT password_hash FROM user_account WHERE id = ?::uuid", String.class, session.userId());
        PasswordHasher.Parameters parameters = PasswordHasher.Parameters.of(stored);
        assertThat(stored).isNotEqualTo(weak);
        assertThat(parameters.memoryKib()).isEqualTo(19456);
        assertThat(parameters.iterations()).isEqualTo(2);
        assertThat(parameters.parallelism()).isEqualTo(1);
        AuthTestSupport.loginOk(http, session.email(), PASSWORD);
    }

    @Test
    void repeatedFailuresForOneAccountAreThrottledWithRetryAfterAndASuccessResetsTheCount() {
        String email = uniqueEmail("throttle");
        AuthTestSupport.register(http, email);
        int free = properties.loginThrottle().accountFreeFailures();
        for (int i = 0; i < free; i++) {
            assertProblem(login(http, email, "wrong-password-" + i, uniqueAddress()), 401);
        }

        // even the right password must wait: otherwise the answer would tell a guesser when they hit it
        HttpResponse<String> blocked = login(http, email, PASSWORD, uniqueAddress());
        assertProblem(blocked, 429);
        assertThat(blocked.headers().firstValue("Retry-After")).hasValue("1");

        // the count lives in the table: a fresh throttle (as after a restart) sees the same state
        LoginThrottle afterRestart = new LoginThrottle(jdbc, transactions, clock, properties);
        assertThat(failures(LoginThrottle.accountKey(UserAccount.emailKey(email))))
                .isEqualTo(free);
        assertThat(afterRestart
                        .attempt(UserAccount.emailKey(email), uniqueAddress())
                        .allowed())
                .isFalse();

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> login(http, email, PASSWORD, uniqueAddress()).statusCode() == 200);
        assertThat(failures(LoginThrottle.accountKey(UserAccount.emailKey(email))))
                .isNull();
        assertProblem(login(http, email, "wrong-again", uniqueAddress()), 401);
    }

    @Test
    void oneAddressFailingOnManyAccountsIsThrottled() {
        String address = uniqueAddress();
        int free = properties.loginThrottle().ipFreeFailures();
        for (int i = 0; i < free; i++) {
            assertProblem(login(http, uniqueEmail("spray"), "wrong-password", address), 401);
        }
        HttpResponse<String> blocked = login(http, uniqueEmail("spray"), "wrong-password", address);
        assertProblem(blocked, 429);
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        // another address is not affected
        assertProblem(login(http, uniqueEmail("spray"), "wrong-password", uniqueAddress()), 401);
    }

    @Test
    void measuresTheLoginLatencyWithTheseArgon2Parameters() {
        String email = uniqueEmail("bench");
        AuthTestSupport.register(http, email);
        for (int i = 0; i < 3; i++) {
            AuthTestSupport.loginOk(http, email, PASSWORD); // warm-up
        }
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            long start = System.nanoTime();
            AuthTestSupport.loginOk(http, email, PASSWORD);
            samples.add(System.nanoTime() - start);
        }
        samples.sort(null);
        log.info(
                "LOGIN LATENCY (Argon2id m=19456 KiB, t=2, p=1; {} sequential logins over HTTP): p50 {} ms, p90 {} ms",
                samples.size(),
                samples.get(samples.size() / 2) / 1_000_000,
                samples.get(samples.size() * 9 / 10) / 1_000_000);
    }

    private Integer failures(String key) {
        List<Integer> rows =
                jdbc.queryForList("SELECT failures FROM login_throttle WHERE throttle_key = ?", Integer.class, key);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static JsonNode parse(String body) {
        return AuthTestSupport.JSON.readTree(body);
    }
}

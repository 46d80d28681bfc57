package org.atom.auth.account;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atom.auth.config.AuthProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Argon2id with the OWASP Password Storage Cheat Sheet's first recommendation, set explicitly: 19 MiB of memory,
 * 2 iterations, parallelism 1 (16-byte salt, 32-byte hash). Hashes are stored in PHC format, so each carries the
 * parameters it was made with; one made with weaker parameters (or not Argon2id) is re-hashed at the next
 * successful login.
 *
 * <p>Each hash holds 19 MiB while it runs, so at most {@code atom.auth.hashing-concurrency} run at once; the rest
 * wait (a request that waits too long gets 503) instead of letting a burst of logins exhaust the heap.
 */
@Component
class PasswordHasher {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int SALT_LENGTH = 16;
    static final int HASH_LENGTH = 32;

    private static final Pattern PHC =
            Pattern.compile("^\\$(argon2(?:id|i|d))\\$v=(\\d+)\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$.+");
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_LENGTH, HASH_LENGTH, PARALLELISM, MEMORY_KIB, ITERATIONS);
    private final Semaphore permits;
    /** Verified when the account does not exist, so that answer takes as long as a wrong password. */
    private final String dummyHash;

    PasswordHasher(AuthProperties properties) {
        this.permits = new Semaphore(properties.hashingConcurrency(), true);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = encoder.encode(Base64.getEncoder().encodeToString(random));
    }

    String hash(String password) {
        return limited(() -> encoder.encode(password));
    }

    boolean matches(String password, String hash) {
        return limited(() -> {
            try {
                return encoder.matches(password, hash);
            } catch (IllegalArgumentException unreadableHash) {
                return false;
            }
        });
    }

    /** Spends the time of one verification without an account: the "no such user" path. */
    void verifyDummy(String password) {
        matches(password, dummyHash);
    }

    /** Whether a stored hash was made with other parameters than today's (and should be re-hashed). */
    static boolean needsRehash(String hash) {
        Parameters parameters = Parameters.of(hash);
        return parameters == null
                || !parameters.type().equals("argon2id")
                || parameters.memoryKib() < MEMORY_KIB
                || parameters.iterations() < ITERATIONS
                || parameters.parallelism() != PARALLELISM;
    }

    /** The parameters recorded in a PHC-format Argon2 hash. */
    record Parameters(String type, int version, int memoryKib, int iterations, int parallelism) {

        /** Null if the hash is not a PHC-format Argon2 hash. */
        static Parameters of(String hash) {
            Matcher m = hash == null ? null : PHC.matcher(hash);
            if (m == null || !m.matches()) {
                return null;
            }
            return new Parameters(
                    m.group(1),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)));
        }
    }

    /** 503 + {@code Retry-After}: a deliberate answer (its detail reaches the client), not a failure. */
    static final class Busy extends ResponseStatusException {

        Busy() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "Too many sign-ins at once; try again in a moment");
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            return headers;
        }
    }

    private <T> T limited(java.util.function.Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new Busy();
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}

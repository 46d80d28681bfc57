package org.atom.auth.account;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atom.auth.config.AuthProperties;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Argon2id with the OWASP Password Storage Cheat Sheet's first recommendation, set explicitly: 19 MiB of memory,
 * 2 iterations, parallelism 1 (16-byte salt, 32-byte hash). Hashes are stored in PHC format, so each carries the
 * parameters it was made with; one made with weaker parameters (or not Argon2id) is re-hashed at the next
 * successful login.
 *
 * <p>Each hash holds 19 MiB while it runs, so at most {@code atom.auth.hashing-concurrency} run at once; the rest
 * wait (a request that waits too long gets 503) instead of letting a burst of logins exhaust the heap. The memory of
 * one hash (19,456 blocks of 1 KiB, cleared after each use by Bouncy Castle) is kept and reused: allocated afresh, it
 * was 20 MB of garbage per login that a young collection during the hash promoted into the old generation, which then
 * grew by as much (or the young generation had to be sized to hold it: ~45 MB more RSS). Concurrent hashes beyond
 * the first allocate their own blocks as before.
 *
 * <p>The Argon2 computation is Bouncy Castle's; the PHC strings are those of Spring Security's
 * {@code Argon2PasswordEncoder} (same fields, base64 without padding), so hashes of either verify with the other.
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
    /** A stored hash: type, optional version, parameters, salt and hash (Spring Security's reading of the format). */
    private static final Pattern STORED = Pattern.compile(
            "^\\$(argon2(?:id|i|d))(?:\\$v=(\\d+))?\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");

    private static final Duration MAX_WAIT = Duration.ofSeconds(10);
    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    /** One hash's memory blocks, reused by the next hash. */
    private final Argon2BytesGenerator.BlockPool blocks = new Argon2BytesGenerator.FixedBlockPool(MEMORY_KIB);

    private final Semaphore permits;
    /** Verified when the account does not exist, so that answer takes as long as a wrong password. */
    private final String dummyHash;

    PasswordHasher(AuthProperties properties) {
        this.permits = new Semaphore(properties.hashingConcurrency(), true);
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        this.dummyHash = encode(Base64.getEncoder().encodeToString(secret), salt());
    }

    String hash(String password) {
        return limited(() -> encode(password, salt()));
    }

    boolean matches(String password, String hash) {
        return limited(() -> {
            Matcher stored = hash == null ? null : STORED.matcher(hash);
            if (stored == null || !stored.matches()) {
                return false; // not an Argon2 hash in PHC format
            }
            try {
                Argon2Parameters.Builder parameters = new Argon2Parameters.Builder(type(stored.group(1)))
                        .withMemoryAsKB(Integer.parseInt(stored.group(3)))
                        .withIterations(Integer.parseInt(stored.group(4)))
                        .withParallelism(Integer.parseInt(stored.group(5)))
                        .withSalt(Base64.getDecoder().decode(stored.group(6)));
                if (stored.group(2) != null) {
                    parameters.withVersion(Integer.parseInt(stored.group(2)));
                }
                byte[] expected = Base64.getDecoder().decode(stored.group(7));
                byte[] actual = generate(parameters, password, expected.length);
                return MessageDigest.isEqual(actual, expected);
            } catch (IllegalArgumentException | IllegalStateException unreadableHash) {
                return false; // e.g. a number out of range, bad base64 or parameters Bouncy Castle refuses
            }
        });
    }

    /** A hash of the password with today's parameters and the given salt, as a PHC string. */
    String encode(String password, byte[] salt) {
        Argon2Parameters.Builder parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(MEMORY_KIB)
                .withIterations(ITERATIONS)
                .withParallelism(PARALLELISM)
                .withSalt(salt);
        byte[] hash = generate(parameters, password, HASH_LENGTH);
        return "$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s"
                .formatted(
                        Argon2Parameters.ARGON2_VERSION_13,
                        MEMORY_KIB,
                        ITERATIONS,
                        PARALLELISM,
                        BASE64.encodeToString(salt),
                        BASE64.encodeToString(hash));
    }

    private byte[] generate(Argon2Parameters.Builder parameters, String password, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters.withBlockPool(blocks).build());
        char[] characters = password.toCharArray();
        byte[] hash = new byte[length];
        try {
            generator.generateBytes(characters, hash);
        } finally {
            Arrays.fill(characters, '\0');
        }
        return hash;
    }

    private byte[] salt() {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return salt;
    }

    private static int type(String name) {
        return switch (name) {
            case "argon2d" -> Argon2Parameters.ARGON2_d;
            case "argon2i" -> Argon2Parameters.ARGON2_i;
            default -> Argon2Parameters.ARGON2_id;
        };
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

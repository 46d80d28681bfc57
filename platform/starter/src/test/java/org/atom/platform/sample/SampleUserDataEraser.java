package org.atom.platform.sample;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.atom.platform.users.UserDataEraser;
import org.atom.platform.users.UserProfile;
import org.atom.platform.users.UserProfiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Erases the sample service's data of a deleted user, as every real service does for its own tables. */
@Component
public class SampleUserDataEraser implements UserDataEraser {

    /** Users whose id starts with this make the eraser fail after it deleted their items (to test atomicity). */
    public static final String FAILING_USER_PREFIX = "erasure-fails-";

    private final JdbcTemplate jdbc;
    private final UserProfiles profiles;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> emailsSeen = new ConcurrentHashMap<>();

    SampleUserDataEraser(JdbcTemplate jdbc, UserProfiles profiles) {
        this.jdbc = jdbc;
        this.profiles = profiles;
    }

    @Override
    public void eraseUser(String userId) {
        calls.add(userId);
        profiles.find(userId).map(UserProfile::email).ifPresent(email -> emailsSeen.put(userId, email));
        jdbc.update("DELETE FROM sample_item WHERE owner_id = ?", userId);
        if (userId.startsWith(FAILING_USER_PREFIX)) {
            throw new IllegalStateException("simulated failure while erasing a user's data");
        }
    }

    /** The email the eraser could still read from the user's profile while erasing. */
    public Optional<String> emailSeen(String userId) {
        return Optional.ofNullable(emailsSeen.get(userId));
    }

    /** How often the eraser ran for the user (also the runs that failed and were rolled back). */
    public long calls(String userId) {
        return calls.stream().filter(userId::equals).count();
    }
}

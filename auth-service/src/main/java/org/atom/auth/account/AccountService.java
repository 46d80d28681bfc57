package org.atom.auth.account;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.atom.auth.config.AuthProperties;
import org.atom.auth.publishing.UserEvents;
import org.atom.auth.token.Tokens;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.Cursor;
import org.atom.platform.web.CursorPage;
import org.atom.platform.web.CursorPageRequest;
import org.atom.platform.web.ETags;
import org.atom.platform.web.FieldViolation;
import org.atom.platform.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Account use cases: registration, login, profile, password, deactivation, deletion, and the operations admins
 * run on other accounts. Password hashing (slow on purpose) runs outside database transactions, so a login never
 * holds one of the pool's few connections while Argon2 works.
 */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    private static final Cursor START = Cursor.of(Instant.EPOCH, new UUID(0, 0));

    private final UserAccountRepository accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final Tokens tokens;
    private final UserEvents events;
    private final JsonMapper json;
    private final Clock clock;
    private final AuthProperties properties;
    private final TransactionTemplate transaction;

    AccountService(
            UserAccountRepository accounts,
            PasswordHasher hasher,
            LoginThrottle throttle,
            Tokens tokens,
            UserEvents events,
            JsonMapper json,
            Clock clock,
            AuthProperties properties,
            PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.policy = new PasswordPolicy();
        this.throttle = throttle;
        this.tokens = tokens;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A user and a fresh session's tokens (registration and login). */
    record SignedIn(UserView user, Tokens.IssuedTokens tokens) {}

    /** What a client sends to register; every field is checked, all problems reported at once. */
    record Registration(
            String email,
            String password,
            String name,
            JsonNode preferences,
            JsonNode advancedSettings,
            String timeZone,
            String locale,
            Map<String, WorkingHours.DayView> workingHours) {}

    // ---- registration and login ---------------------------------------------------------------------------

    SignedIn register(Registration input) {
        List<FieldViolation> violations = new ArrayList<>();
        String email = AccountInputs.email(input.email(), "email", violations);
        String name = AccountInputs.name(input.name(), "name", violations);
        policy.problem(input.password(), email).ifPresent(m -> violations.add(new FieldViolation("password", m)));
        String timeZone = AccountInputs.timeZone(input.timeZone(), "timeZone", violations);
        String locale = AccountInputs.locale(input.locale(), "locale", violations);
        String preferences = AccountInputs.settings(input.preferences(), "preferences", violations);
        String advanced = AccountInputs.settings(input.advancedSettings(), "advancedSettings", violations);
        WorkingHours hours = WorkingHours.defaults();
        if (input.workingHours() != null) {
            Map<DayOfWeek, WorkingHours.Span> days =
                    WorkingHours.parseDays(input.workingHours(), "workingHours", violations);
            // given days replace the default ones; days not given keep the default
            hours = days == null ? null : hours.with(days);
        }
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        String hash = hasher.hash(input.password());
        WorkingHours workingHours = hours;
        try {
            return transaction.execute(tx -> {
                if (accounts.existsByEmailKey(UserAccount.emailKey(email))) {
                    throw AccountProblems.emailTaken("email");
                }
                Instant now = now();
                Set<Role> roles = EnumSet.of(Role.USER);
                if (isBootstrapAdmin(properties.bootstrapAdminEmail(), email)) {
                    roles.add(Role.ADMIN);
                    log.info("Bootstrap administrator registered: account gets ADMIN");
                }
                UserAccount account = accounts.insert(new UserAccount(
                        UUID.randomUUID(),
                        email,
                        name,
                        hash,
                        timeZone,
                        locale,
                        json.writeValueAsString(workingHours.view()),
                        preferences,
                        advanced,
                        roles,
                        now));
                UserView view = view(account);
                events.registered(view);
                return new SignedIn(view, tokens.issue(directoryEntry(account)));
            });
        } catch (DataIntegrityViolationException raced) {
            // another registration of the same address committed between the check and the insert
            throw AccountProblems.emailTaken("email");
        }
    }

    SignedIn login(String emailInput, String password, String clientAddress) {
        List<FieldViolation> violations = new ArrayList<>();
        if (emailInput == null || emailInput.isBlank()) {
            violations.add(new FieldViolation("email", "is required"));
        } else if (emailInput.length() > AccountInputs.MAX_EMAIL_LENGTH) {
            violations.add(new FieldViolation(
                    "email", "must be at most " + AccountInputs.MAX_EMAIL_LENGTH + " characters long"));
        }
        if (password == null || password.isEmpty()) {
            violations.add(new FieldViolation("password", "is required"));
        } else if (password.length() > 4 * PasswordPolicy.MAX_LENGTH) {
            violations.add(new FieldViolation("password", "is too long"));
        }
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        String emailKey = UserAccount.emailKey(emailInput);
        LoginThrottle.Decision decision = throttle.attempt(emailKey, clientAddress);
        if (!decision.allowed()) {
            throw AccountProblems.tooManyAttempts(decision.retryAfter());
        }
        Optional<UserAccount> found = accounts.findByEmailKey(emailKey);
        if (found.isEmpty()) {
            hasher.verifyDummy(password); // as long as a wrong password takes
            throw AccountProblems.invalidCredentials();
        }
        UserAccount account = found.get();
        if (!hasher.matches(password, account.passwordHash())) {
            throw AccountProblems.invalidCredentials();
        }
        throttle.succeeded(emailKey, clientAddress);
        if (!account.active()) {
            throw AccountProblems.deactivated();
        }
        String upgraded = PasswordHasher.needsRehash(account.passwordHash()) ? hasher.hash(password) : null;
        return transaction.execute(tx -> {
            Instant now = now();
            accounts.recordLogin(account.id(), now);
            if (upgraded != null && accounts.upgradeHash(account.id(), account.passwordHash(), upgraded) == 1) {
                log.info("Password hash of an account re-hashed with the current Argon2id parameters");
            }
            UserAccount current = accounts.findById(account.id()).orElseThrow(AccountProblems::invalidCredentials);
            if (!current.active()) {
                throw AccountProblems.deactivated();
            }
            return new SignedIn(view(current), tokens.issue(directoryEntry(current)));
        });
    }

    // ---- profile ------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    UserView profile(UUID userId) {
        return view(find(userId));
    }

    /**
     * {@code PUT} (top-level fields replace, absent ones stay, {@code null} clears) or {@code PATCH} (RFC 7386
     * merge patch: nested objects merge too). Never touches password or roles; a new email needs the current
     * password.
     */
    @Transactional
    UserView updateProfile(UUID userId, JsonNode body, boolean mergePatch, String ifMatch) {
        ProfileChanges changes = ProfileChanges.read(body);
        UserAccount account = find(userId);
        ETags.checkIfMatch(ifMatch, account.version());
        ETags.checkVersion(changes.version(), account.version());

        ObjectNode document = editable(account);
        if (mergePatch) {
            mergePatch(document, changes.fields());
        } else {
            changes.fields().properties().forEach(field -> document.set(field.getKey(), field.getValue()));
        }
        List<FieldViolation> violations = new ArrayList<>();
        String name = AccountInputs.name(text(document, "name", violations), "name", violations);
        String email = AccountInputs.email(text(document, "email", violations), "email", violations);
        String timeZone = AccountInputs.timeZone(text(document, "timeZone", violations), "timeZone", violations);
        String locale = AccountInputs.locale(text(document, "locale", violations), "locale", violations);
        WorkingHours hours = workingHours(document.get("workingHours"), violations);
        String preferences = AccountInputs.settings(document.get("preferences"), "preferences", violations);
        String advanced = AccountInputs.settings(document.get("advancedSettings"), "advancedSettings", violations);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }

        boolean changed = false;
        if (!email.equals(account.email())) {
            String key = UserAccount.emailKey(email);
            if (!key.equals(account.emailKey())) {
                requireCurrentPassword(account, changes.currentPassword());
                if (accounts.existsByEmailKey(key)) {
                    throw AccountProblems.emailTaken("email");
                }
            }
            account.changeEmail(email);
            changed = true;
        }
        if (!name.equals(account.name())) {
            account.rename(name);
            changed = true;
        }
        if (!timeZone.equals(account.timeZone())) {
            account.changeTimeZone(timeZone);
            changed = true;
        }
        if (!locale.equals(account.locale())) {
            account.changeLocale(locale);
            changed = true;
        }
        if (!hours.equals(readWorkingHours(account.workingHours()))) {
            account.changeWorkingHours(json.writeValueAsString(hours.view()));
            changed = true;
        }
        if (!json.readTree(preferences).equals(json.readTree(account.preferences()))) {
            account.changePreferences(preferences);
            changed = true;
        }
        if (!json.readTree(advanced).equals(json.readTree(account.advancedSettings()))) {
            account.changeAdvancedSettings(advanced);
            changed = true;
        }
        if (!changed) {
            return view(account);
        }
        account.touch(now());
        UserView view;
        try {
            view = view(accounts.update(account));
        } catch (DataIntegrityViolationException raced) {
            // another account took the address between the check and the write
            throw AccountProblems.emailTaken("email");
        }
        events.updated(view);
        return view;
    }

    // ---- password, deactivation, deletion -----------------------------------------------------------------

    /** Checks the current password, sets the new one and ends every other session of the user. */
    void changePassword(UUID userId, UUID currentSession, String currentPassword, String newPassword) {
        List<FieldViolation> violations = new ArrayList<>();
        if (currentPassword == null || currentPassword.isEmpty()) {
            violations.add(new FieldViolation("currentPassword", "is required"));
        }
        UserAccount account = transaction.execute(tx -> find(userId));
        policy.problem(newPassword, account.email())
                .ifPresent(m -> violations.add(new FieldViolation("newPassword", m)));
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        if (!hasher.matches(currentPassword, account.passwordHash())) {
            throw AccountProblems.currentPasswordRequired("is incorrect");
        }
        if (Objects.equals(currentPassword, newPassword)) {
            throw BadRequestException.of("newPassword", "must differ from the current password");
        }
        String hash = hasher.hash(newPassword);
        transaction.executeWithoutResult(tx -> {
            UserAccount fresh = find(userId);
            fresh.changePassword(hash, now());
            accounts.update(fresh);
            tokens.revokeAllExcept(userId, currentSession, "password-changed");
        });
    }

    /** The user deactivates their own account: every session ends; only an admin can reactivate it. */
    @Transactional
    UserView deactivateSelf(UUID userId) {
        return deactivate(find(userId));
    }

    /**
     * Erases the account (its sessions go with it) and publishes {@code atom.user.deleted.v1}, so every service
     * erases the user's data. Needs the current password, or a login (password entered) within
     * {@code atom.auth.recent-login}.
     *
     * @param authenticatedAt when the caller's session last proved the password (the token's {@code auth_time})
     */
    void delete(UUID userId, String currentPassword, Instant authenticatedAt) {
        UserAccount account = transaction.execute(tx -> find(userId));
        if (currentPassword != null && !currentPassword.isEmpty()) {
            if (!hasher.matches(currentPassword, account.passwordHash())) {
                throw AccountProblems.currentPasswordRequired("is incorrect");
            }
        } else {
            boolean recent =
                    authenticatedAt != null && !authenticatedAt.isBefore(now().minus(properties.recentLogin()));
            if (!recent) {
                throw AccountProblems.currentPasswordRequired("is required unless you signed in within the last "
                        + properties.recentLogin().toMinutes() + " minutes");
            }
        }
        transaction.executeWithoutResult(tx -> {
            UserAccount current = find(userId);
            tokens.revokeAll(userId, "deleted");
            accounts.delete(current);
            throttle.forget(current.emailKey());
            events.deleted(userId);
        });
    }

    // ---- administration (other accounts) ------------------------------------------------------------------

    /** Every account, oldest first (created, then id); {@code q} matches email or name, case-insensitively. */
    @Transactional(readOnly = true)
    public CursorPage<UserView> list(String q, Boolean active, CursorPageRequest page) {
        String pattern =
                q == null || q.isBlank() ? null : "%" + likeEscape(q.strip().toLowerCase(Locale.ROOT)) + "%";
        Cursor after = page.isFirst() ? START : page.after();
        return CursorPage.of(
                        accounts.page(after.instant(0), after.uuid(1), active, pattern, page.fetchSize()),
                        page,
                        a -> Cursor.of(a.createdAt(), a.id()),
                        accounts.count(active, pattern))
                .map(this::view);
    }

    @Transactional
    public UserView deactivate(UUID userId) {
        return deactivate(findForAdmin(userId));
    }

    @Transactional
    public UserView reactivate(UUID userId) {
        UserAccount account = findForAdmin(userId);
        if (account.active()) {
            return view(account);
        }
        account.reactivate();
        account.touch(now());
        UserView view = view(accounts.update(account));
        events.reactivated(view);
        return view;
    }

    /** Replaces the account's roles ({@code USER} is always kept). */
    @Transactional
    public UserView setRoles(UUID userId, Set<Role> roles) {
        UserAccount account = findForAdmin(userId);
        Set<Role> wanted = EnumSet.of(Role.USER);
        wanted.addAll(roles);
        if (wanted.equals(account.roles())) {
            return view(account);
        }
        account.changeRoles(wanted);
        account.touch(now());
        UserView view = view(accounts.update(account));
        events.updated(view);
        return view;
    }

    // ---- shared -------------------------------------------------------------------------------------------

    /** The directory's view of an account, for issuing tokens. */
    static AccountDirectory.ActiveAccount directoryEntry(UserAccount account) {
        return new AccountDirectory.ActiveAccount(
                account.id(),
                account.email(),
                account.roles().stream().map(Role::name).collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * Ends every session at once. Access tokens already issued are not revoked: they stop working when they expire,
     * at most {@code atom.auth.access-token-ttl} (≤ 15 min) later. (A revocation event the gateway consumes could
     * end them at once; not built yet.)
     */
    private UserView deactivate(UserAccount account) {
        tokens.revokeAll(account.id(), "deactivated");
        if (!account.active()) {
            return view(account);
        }
        account.deactivate();
        account.touch(now());
        UserView view = view(accounts.update(account));
        events.deactivated(view);
        return view;
    }

    private void requireCurrentPassword(UserAccount account, String currentPassword) {
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw AccountProblems.currentPasswordRequired("is required to change the email address");
        }
        if (!hasher.matches(currentPassword, account.passwordHash())) {
            throw AccountProblems.currentPasswordRequired("is incorrect");
        }
    }

    private UserAccount find(UUID userId) {
        return accounts.findById(userId).orElseThrow(() -> new NotFoundException("User", userId));
    }

    private UserAccount findForAdmin(UUID userId) {
        return find(userId);
    }

    /** Whether a registering address is the configured first administrator's (letter case and spaces ignored). */
    static boolean isBootstrapAdmin(String configured, String email) {
        return configured != null
                && !configured.isBlank()
                && UserAccount.emailKey(configured).equals(UserAccount.emailKey(email));
    }

    UserView view(UserAccount account) {
        return new UserView(
                account.id(),
                account.email(),
                account.name(),
                account.timeZone(),
                account.locale(),
                readWorkingHours(account.workingHours()).view(),
                json.readTree(account.preferences()),
                json.readTree(account.advancedSettings()),
                account.roles().stream().sorted().toList(),
                account.active(),
                account.createdAt(),
                account.updatedAt(),
                account.lastLoginAt(),
                account.version());
    }

    private WorkingHours readWorkingHours(String text) {
        return json.readValue(text, WorkingHours.View.class).toWorkingHours();
    }

    /** The fields a client may edit, as {@code GET /profile} shows them. */
    private ObjectNode editable(UserAccount account) {
        ObjectNode document = json.createObjectNode();
        document.put("name", account.name());
        document.put("email", account.email());
        document.put("timeZone", account.timeZone());
        document.put("locale", account.locale());
        document.set(
                "workingHours",
                json.valueToTree(readWorkingHours(account.workingHours()).view()));
        document.set("preferences", json.readTree(account.preferences()));
        document.set("advancedSettings", json.readTree(account.advancedSettings()));
        return document;
    }

    /** RFC 7386: objects merge member by member, {@code null} removes a member, anything else replaces. */
    static void mergePatch(ObjectNode target, JsonNode patch) {
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject() && target.get(name) instanceof ObjectNode existing) {
                mergePatch(existing, value);
            } else if (value.isObject()) {
                ObjectNode fresh = target.objectNode();
                mergePatch(fresh, value);
                target.set(name, fresh);
            } else {
                target.set(name, value);
            }
        }
    }

    private static String text(ObjectNode document, String field, List<FieldViolation> violations) {
        JsonNode value = document.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            violations.add(new FieldViolation(field, "must be a string"));
            return null;
        }
        return value.asString();
    }

    /** The whole week as sent (a missing or null day: not working); a null or absent object: the default. */
    private static WorkingHours workingHours(JsonNode value, List<FieldViolation> violations) {
        if (value == null || value.isNull()) {
            return WorkingHours.defaults();
        }
        if (!value.isObject()) {
            violations.add(new FieldViolation("workingHours", "must be a JSON object of weekdays"));
            return null;
        }
        Map<String, WorkingHours.DayView> days = new LinkedHashMap<>();
        int before = violations.size();
        for (Map.Entry<String, JsonNode> day : value.properties()) {
            JsonNode span = day.getValue();
            String path = "workingHours." + day.getKey();
            if (span == null || span.isNull()) {
                days.put(day.getKey(), null);
            } else if (!span.isObject()) {
                violations.add(new FieldViolation(path, "must be an object with start and end, or null"));
            } else {
                days.put(
                        day.getKey(),
                        new WorkingHours.DayView(
                                time(span.get("start"), path + ".start", violations),
                                time(span.get("end"), path + ".end", violations)));
                for (Iterator<String> names = span.propertyNames().iterator(); names.hasNext(); ) {
                    String name = names.next();
                    if (!name.equals("start") && !name.equals("end")) {
                        violations.add(new FieldViolation(path + "." + name, "is not a known field"));
                    }
                }
            }
        }
        if (violations.size() > before) {
            return null;
        }
        Map<DayOfWeek, WorkingHours.Span> parsed = WorkingHours.parseDays(days, "workingHours", violations);
        return parsed == null ? null : WorkingHours.of(new java.util.EnumMap<>(withoutNulls(parsed)));
    }

    private static Map<DayOfWeek, WorkingHours.Span> withoutNulls(Map<DayOfWeek, WorkingHours.Span> days) {
        Map<DayOfWeek, WorkingHours.Span> result = new java.util.EnumMap<>(DayOfWeek.class);
        days.forEach((day, span) -> {
            if (span != null) {
                result.put(day, span);
            }
        });
        return result;
    }

    private static String time(JsonNode value, String path, List<FieldViolation> violations) {
        if (value == null || value.isNull()) {
            return null; // parseDays reports it as required
        }
        if (!value.isString()) {
            violations.add(new FieldViolation(path, "must be a time of day as HH:mm, e.g. 09:00"));
            return "";
        }
        return value.asString();
    }

    private static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static BadRequestException invalid(List<FieldViolation> violations) {
        return new BadRequestException(
                "The request is invalid: "
                        + violations.stream()
                                .map(v -> "'" + v.field() + "' " + v.message())
                                .collect(Collectors.joining("; ")),
                violations);
    }

    private Instant now() {
        // the database keeps microseconds: what the API shows must be what it stores
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

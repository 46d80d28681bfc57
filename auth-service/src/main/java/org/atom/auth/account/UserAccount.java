package org.atom.auth.account;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * An account: identity, credentials and profile, a row of {@code user_account} ({@link UserAccountRepository}).
 * Never leaves the service: see {@link UserView}.
 */
class UserAccount {

    private final UUID id;
    private String email;
    private String emailKey;
    private String name;
    /** Argon2id in PHC format. */
    private String passwordHash;

    private Instant passwordChangedAt;
    private String timeZone;
    private String locale;
    /** JSON text of {@link WorkingHours.View}. */
    private String workingHours;
    /** JSON object text. */
    private String preferences;
    /** JSON object text. */
    private String advancedSettings;

    private String[] roles;
    private boolean active;
    private final Instant createdAt;
    private Instant updatedAt;
    private Instant lastLoginAt;
    /** Optimistic locking: every update of the row checks and increments it. */
    private long version;

    /** A row as read from the table. */
    UserAccount(
            UUID id,
            String email,
            String emailKey,
            String name,
            String passwordHash,
            Instant passwordChangedAt,
            String timeZone,
            String locale,
            String workingHours,
            String preferences,
            String advancedSettings,
            String[] roles,
            boolean active,
            Instant createdAt,
            Instant updatedAt,
            Instant lastLoginAt,
            long version) {
        this.id = id;
        this.email = email;
        this.emailKey = emailKey;
        this.name = name;
        this.passwordHash = passwordHash;
        this.passwordChangedAt = passwordChangedAt;
        this.timeZone = timeZone;
        this.locale = locale;
        this.workingHours = workingHours;
        this.preferences = preferences;
        this.advancedSettings = advancedSettings;
        this.roles = roles.clone();
        this.active = active;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.lastLoginAt = lastLoginAt;
        this.version = version;
    }

    /** A new account: active, never logged in, version 0. */
    UserAccount(
            UUID id,
            String email,
            String name,
            String passwordHash,
            String timeZone,
            String locale,
            String workingHours,
            String preferences,
            String advancedSettings,
            Set<Role> roles,
            Instant now) {
        this.id = id;
        changeEmail(email);
        this.name = name;
        this.passwordHash = passwordHash;
        this.passwordChangedAt = now;
        this.timeZone = timeZone;
        this.locale = locale;
        this.workingHours = workingHours;
        this.preferences = preferences;
        this.advancedSettings = advancedSettings;
        this.roles = names(roles);
        this.active = true;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The form emails are compared in: trimmed and lower-cased. */
    static String emailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    UUID id() {
        return id;
    }

    String email() {
        return email;
    }

    String emailKey() {
        return emailKey;
    }

    String name() {
        return name;
    }

    String passwordHash() {
        return passwordHash;
    }

    Instant passwordChangedAt() {
        return passwordChangedAt;
    }

    String timeZone() {
        return timeZone;
    }

    String locale() {
        return locale;
    }

    String workingHours() {
        return workingHours;
    }

    String preferences() {
        return preferences;
    }

    String advancedSettings() {
        return advancedSettings;
    }

    Set<Role> roles() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        Arrays.stream(roles).map(Role::valueOf).forEach(set::add);
        return set;
    }

    /** The role names as stored (sorted). */
    String[] roleNames() {
        return roles.clone();
    }

    boolean active() {
        return active;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    Instant lastLoginAt() {
        return lastLoginAt;
    }

    long version() {
        return version;
    }

    void changeEmail(String email) {
        this.email = email.strip();
        this.emailKey = emailKey(email);
    }

    void rename(String name) {
        this.name = name;
    }

    void changeTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    void changeLocale(String locale) {
        this.locale = locale;
    }

    void changeWorkingHours(String workingHours) {
        this.workingHours = workingHours;
    }

    void changePreferences(String preferences) {
        this.preferences = preferences;
    }

    void changeAdvancedSettings(String advancedSettings) {
        this.advancedSettings = advancedSettings;
    }

    void changeRoles(Set<Role> roles) {
        this.roles = names(roles);
    }

    void changePassword(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.passwordChangedAt = now;
    }

    void deactivate() {
        this.active = false;
    }

    void reactivate() {
        this.active = true;
    }

    /** The row was written: its version moved on by one (what the next update must find). */
    void written() {
        this.version++;
    }

    /** Marks a change of what {@link UserView} shows. */
    void touch(Instant now) {
        this.updatedAt = now;
    }

    private static String[] names(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).toArray(String[]::new);
    }
}

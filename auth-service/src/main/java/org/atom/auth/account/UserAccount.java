package org.atom.auth.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An account: identity, credentials and profile. Never leaves the service: see {@link UserView}. */
@Entity
@Table(name = "user_account")
class UserAccount {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String email;

    @Column(name = "email_key", nullable = false)
    private String emailKey;

    @Column(nullable = false)
    private String name;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(nullable = false)
    private String locale;

    /** JSON text of {@link WorkingHours.View}. */
    @Column(name = "working_hours", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String workingHours;

    /** JSON object text. */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String preferences;

    /** JSON object text. */
    @Column(name = "advanced_settings", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String advancedSettings;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private String[] roles;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    @Version
    private long version;

    protected UserAccount() {}

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

    /** Marks a change of what {@link UserView} shows. */
    void touch(Instant now) {
        this.updatedAt = now;
    }

    private static String[] names(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).toArray(String[]::new);
    }
}

package org.atom.auth.account;

/** ATOM's roles: every account is a {@code USER}; {@code ADMIN} may use the operations endpoints. */
public enum Role {
    USER,
    ADMIN
}

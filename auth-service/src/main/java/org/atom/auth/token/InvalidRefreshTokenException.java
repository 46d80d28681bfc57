package org.atom.auth.token;

/** The refresh token cannot be used (unknown, used, revoked or expired): the client must log in again (401). */
public class InvalidRefreshTokenException extends RuntimeException {

    public InvalidRefreshTokenException(String message) {
        super(message);
    }
}

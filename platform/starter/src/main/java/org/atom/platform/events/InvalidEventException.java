package org.atom.platform.events;

/** A record that can never be processed (malformed or violating its contract): dead-lettered without retries. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidEventException(String message) {
        super(message);
    }
}

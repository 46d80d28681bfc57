package org.atom.devstack;

/** A failure to report to the user in one line, without a stack trace. */
final class AtomException extends RuntimeException {

    AtomException(String message) {
        super(message);
    }
}

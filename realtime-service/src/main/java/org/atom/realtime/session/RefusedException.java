package org.atom.realtime.session;

/** A client may not connect; the message tells it why (sent as the connect error). */
public class RefusedException extends RuntimeException {

    public RefusedException(String message) {
        super(message);
    }
}

package org.atom.bench.load;

import reactor.core.publisher.Mono;

/** One HTTP request of a load run: every subscription to {@link #send()} performs it once and emits its status. */
@FunctionalInterface
public interface Call {

    /** A cold {@link Mono}: each subscription sends the request again; it emits the HTTP status, never empty. */
    Mono<Integer> send();
}

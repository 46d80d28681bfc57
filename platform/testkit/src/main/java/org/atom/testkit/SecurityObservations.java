package org.atom.testkit;

import java.util.List;

/** Spring Security's observation wrappers on the caller's stack, to show a request passed none. */
public final class SecurityObservations {

    private SecurityObservations() {}

    /** The classes of Spring Security's observation wrappers the calling thread is running in, innermost first. */
    public static List<String> onTheStack() {
        return StackWalker.getInstance()
                .walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                        .filter(name -> name.startsWith("org.springframework.security") && name.contains("Observation"))
                        .toList());
    }
}

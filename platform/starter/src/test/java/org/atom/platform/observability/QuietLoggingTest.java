package org.atom.platform.observability;

import org.atom.testkit.QuietLogging;
import org.junit.jupiter.api.Test;

/** The services file that selects Commons Logging's Log4j API adapter is in effect. */
class QuietLoggingTest {

    @Test
    void disabledLevelsRenderNothing() {
        QuietLogging.assertDisabledLevelsRenderNothing();
    }
}

package org.atom.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogMessage;

/**
 * What a disabled log level costs through Apache Commons Logging, which Spring logs through: nothing — a message is
 * rendered only for a level that is on, and then still reaches Logback. (Its default SLF4J adapter rendered every
 * message first; an application selects the Log4j API adapter in {@code META-INF/services}.)
 */
public final class QuietLogging {

    private QuietLogging() {}

    public static void assertDisabledLevelsRenderNothing() {
        String name = "org.atom.testkit.QuietLogging";
        Logger logback = (Logger) LoggerFactory.getLogger(name);
        logback.setLevel(Level.INFO);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logback.addAppender(appender);
        try {
            Log log = LogFactory.getLog(name);
            AtomicInteger rendered = new AtomicInteger();
            LogMessage message = LogMessage.of(() -> "rendered " + rendered.incrementAndGet());

            log.trace(message);
            log.debug(message);
            assertThat(rendered).as("messages rendered for disabled levels").hasValue(0);

            log.info(message);
            assertThat(appender.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly("rendered 1");
        } finally {
            logback.detachAppender(appender);
        }
    }
}

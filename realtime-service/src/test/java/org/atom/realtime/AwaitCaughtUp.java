package org.atom.realtime;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.atom.realtime.delivery.EventStreams;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Before each test, waits until the service has read its replay window and takes clients: a context started for
 * another test class reads the events the earlier ones left in Kafka first, and refuses clients until then.
 */
class AwaitCaughtUp implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        EventStreams streams = SpringExtension.getApplicationContext(context).getBean(EventStreams.class);
        await().atMost(Duration.ofSeconds(60)).until(streams::isCaughtUp);
    }
}

package org.atom.platform.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.atom.platform.kafka.TopicDeclarations;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@SampleServiceContext
class IdempotentConsumerIT {

    private static final String DLT = SampleItemService.TOPIC + TopicDeclarations.DLT_SUFFIX;

    @Autowired
    SampleItemListener listener;

    @Test
    void anEventDeliveredTwiceHasOneEffect() throws Exception {
        String user = "user-" + UUID.randomUUID();
        String item = UUID.randomUUID().toString();
        String event = created(UUID.randomUUID().toString(), user, item);
        String marker = UUID.randomUUID().toString();

        send(user, event);
        send(user, event);
        send(user, created(UUID.randomUUID().toString(), user, marker));

        // same key, same partition: once the marker is applied, both copies were consumed
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.applied(marker) == 1);
        assertThat(listener.applied(item)).isEqualTo(1);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndThePartitionMovesOn() throws Exception {
        String user = "user-" + UUID.randomUUID();
        String after = UUID.randomUUID().toString();
        try (EventCapture dlt = EventCapture.on(DLT)) {
            send(user, "{ this is not json");
            send(user, created(UUID.randomUUID().toString(), user, after));

            await().atMost(Duration.ofSeconds(30)).until(() -> listener.applied(after) == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> dlt.records().stream().anyMatch(r -> "{ this is not json".equals(r.value())));
            var dead = dlt.records().stream()
                    .filter(r -> "{ this is not json".equals(r.value()))
                    .findFirst()
                    .orElseThrow();
            assertThat(dead.key()).isEqualTo(user);
            assertThat(dead.headers().lastHeader("kafka_dlt-original-topic")).isNotNull();
        }
    }

    private static String created(String eventId, String user, String item) {
        return """
                {"specversion":"1.0","id":"%s","type":"%s","source":"/sample-service","subject":"%s",
                 "time":"2026-11-26T10:00:00Z","datacontenttype":"application/json","userid":"%s",
                 "data":{"id":"%s","title":"t","version":0},"someFutureField":true}
                """.formatted(eventId, SampleItemService.CREATED, item, user, item);
    }

    private static void send(String key, String value) {
        TestKafka.broker().send(SampleItemService.TOPIC, key, value);
    }
}

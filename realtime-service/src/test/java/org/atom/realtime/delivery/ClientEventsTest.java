package org.atom.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.atom.realtime.delivery.ClientEvents.Effect;
import org.atom.realtime.delivery.ClientEvents.Mapping;
import org.junit.jupiter.api.Test;

class ClientEventsTest {

    private static final Pattern MESSAGE_NAME = Pattern.compile("name: (atom\\.[a-z0-9.-]+\\.v[0-9]+)");

    private static List<String> contractTypes() throws IOException {
        try (InputStream in = Objects.requireNonNull(
                ClientEventsTest.class.getClassLoader().getResourceAsStream("org/atom/contracts/asyncapi.yaml"),
                "asyncapi.yaml of the contracts module")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return MESSAGE_NAME
                    .matcher(yaml)
                    .results()
                    .map(m -> m.group(1))
                    .distinct()
                    .toList();
        }
    }

    @Test
    void everyDomainEventTypeInTheContractsHasItsOwnRow() throws IOException {
        List<String> types = contractTypes();

        assertThat(types).isNotEmpty().contains("atom.task.created.v1", "atom.user.deactivated.v1");
        assertThat(types)
                .allSatisfy(type -> assertThat(ClientEvents.listed(type))
                        .as("%s is in the table", type)
                        .isTrue());
    }

    @Test
    void aCompletedTaskIsPushedAsAnUpdateAndACompletion() {
        assertThat(ClientEvents.of("atom.task.completed.v1"))
                .isEqualTo(new Mapping(Effect.PUSH, List.of("task:updated", "task:completed")));
    }

    @Test
    void aFiredReminderIsPushedAsTaskReminder() {
        assertThat(ClientEvents.of("atom.task.reminder.fired.v1"))
                .isEqualTo(new Mapping(Effect.PUSH, List.of("task:reminder")));
    }

    @Test
    void aDeletedCalendarEventKeepsAllItsAggregateSegments() {
        assertThat(ClientEvents.of("atom.calendar.event.deleted.v1"))
                .isEqualTo(new Mapping(Effect.PUSH, List.of("calendar:event:deleted")));
    }

    @Test
    void aCompletedSyncIsPushedUnderBothNamesClientsListenFor() {
        assertThat(ClientEvents.of("atom.integration.sync.completed.v1"))
                .isEqualTo(new Mapping(Effect.PUSH, List.of("integration:sync:completed", "integration:synced")));
    }

    @Test
    void aCompletedWorkflowExecutionIsPushedUnderBothNamesClientsListenFor() {
        assertThat(ClientEvents.of("atom.workflow.execution.completed.v1"))
                .isEqualTo(new Mapping(Effect.PUSH, List.of("workflow:executed", "workflow:executed:realtime")));
    }

    @Test
    void userLifecycleEventsActOnConnectionsInsteadOfBeingPushed() {
        assertThat(ClientEvents.of("atom.user.deactivated.v1")).isEqualTo(new Mapping(Effect.DEACTIVATE, List.of()));
        assertThat(ClientEvents.of("atom.user.deleted.v1")).isEqualTo(new Mapping(Effect.DELETE, List.of()));
        assertThat(ClientEvents.of("atom.user.reactivated.v1")).isEqualTo(new Mapping(Effect.REACTIVATE, List.of()));
        assertThat(ClientEvents.of("atom.user.registered.v1")).isEqualTo(new Mapping(Effect.NONE, List.of()));
    }

    @Test
    void anUnlistedDomainTypeIsPushedUnderTheNameItsPatternGives() {
        assertThat(ClientEvents.listed("atom.finance.transaction.created.v1")).isFalse();
        assertThat(ClientEvents.of("atom.finance.transaction.created.v1"))
                .isEqualTo(new Mapping(Effect.PUSH, List.of("finance:transaction:created")));
        assertThat(ClientEvents.of("atom.invoice.paid.v2"))
                .isEqualTo(new Mapping(Effect.PUSH, List.of("invoice:paid")));
    }

    @Test
    void somethingThatIsNotADomainTypeIsNotPushed() {
        assertThat(ClientEvents.listed("hello")).isFalse();
        assertThat(ClientEvents.of("hello")).isEqualTo(new Mapping(Effect.NONE, List.of()));
        assertThat(ClientEvents.of("atom.task")).isEqualTo(new Mapping(Effect.NONE, List.of()));
        assertThat(ClientEvents.of("com.example.task.created.v1")).isEqualTo(new Mapping(Effect.NONE, List.of()));
    }
}

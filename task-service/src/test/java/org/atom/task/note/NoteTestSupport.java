package org.atom.task.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.task.TaskTestSupport.json;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.atom.testkit.EventCapture;
import org.atom.testkit.TestHttp;
import tools.jackson.databind.JsonNode;

/** Helpers shared by the notes' integration tests. */
final class NoteTestSupport {

    static final String TOPIC = "task-service.note.v1";

    private NoteTestSupport() {}

    /** Creates a note (any JSON body) and returns it; fails unless 201. */
    static JsonNode createNote(TestHttp http, String user, String body) {
        HttpResponse<String> response = http.post("/api/notes", body).as(user).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    /** Matches events of this type about this user's notes (other tests' events may still be arriving). */
    static Predicate<JsonNode> ofTypeFor(String type, String user) {
        return e -> type.equals(e.path("type").asString(null))
                && user.equals(e.path("userid").asString(null));
    }

    /** Waits for the first event of this type about this user's notes. */
    static JsonNode awaitEvent(EventCapture events, String type, String user) {
        return events.awaitEvents(ofTypeFor(type, user), 1).getFirst();
    }

    /** Every page of a list, following {@code Link: rel="next"}; checks the status and total count on each. */
    static List<JsonNode> allPages(TestHttp http, String user, String first, int expectedTotal, int expectedPages) {
        List<JsonNode> seen = new ArrayList<>();
        String next = first;
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = http.get(next).as(user).send();
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Total-Count")).hasValue(Integer.toString(expectedTotal));
            json(page).forEach(seen::add);
            next = page.headers()
                    .firstValue("Link")
                    .map(link -> URI.create(link.substring(1, link.indexOf('>'))))
                    .map(uri -> uri.getRawPath() + "?" + uri.getRawQuery())
                    .orElse(null);
            pages++;
        }
        assertThat(pages).as(first).isEqualTo(expectedPages);
        return seen;
    }
}

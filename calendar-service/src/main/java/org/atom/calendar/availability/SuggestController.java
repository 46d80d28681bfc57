package org.atom.calendar.availability;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import java.util.List;
import org.atom.platform.security.CurrentUser;
import org.atom.platform.users.UserProfiles;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/calendar/suggest}: meeting times when the caller and every attendee are free within their working
 * hours, best first ({@link MeetingSuggestions}). Attendees are named by email and must have shared their free/busy
 * times with the caller; the answer reveals when people are free, nothing about their events.
 */
@RestController
@RequestMapping("/api/calendar/suggest")
class SuggestController {

    private final MeetingSuggestions suggestions;
    private final UserProfiles profiles;

    SuggestController(MeetingSuggestions suggestions, UserProfiles profiles) {
        this.suggestions = suggestions;
        this.profiles = profiles;
    }

    /** {@code [{"startTime", "endTime", "score"}]}, at most {@code maxSuggestions}; empty when nothing fits. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    List<SuggestionView> suggest(
            @RequestBody(content = @Content(schema = @Schema(example = """
                                    {"attendees": ["bob@example.org"], "durationMinutes": 30,
                                     "start": "2026-12-07", "end": "2026-12-11", "timeZone": "Europe/Berlin"}""")))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body) {
        String caller = CurrentUser.id();
        return suggestions.suggest(
                caller, SuggestInput.parse(body, profiles.of(caller).timeZone()));
    }
}

package org.atom.calendar.event;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.atom.platform.security.CurrentUser;
import org.atom.platform.users.UserProfiles;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.Cursor;
import org.atom.platform.web.CursorPage;
import org.atom.platform.web.CursorPageRequest;
import org.atom.platform.web.ETags;
import org.atom.platform.web.JsonFields;
import org.atom.platform.web.NotFoundException;
import org.atom.platform.web.StorableText;
import org.atom.platform.web.TimeZones;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/calendar/events}: events, series and their occurrences. With a window ({@code start}/{@code end},
 * {@code year}/{@code month}, {@code year}) the list holds every occurrence overlapping it, series expanded; without
 * one, the events and series themselves. Ids are UUIDs, or instance ids for occurrences; changes to an occurrence
 * take {@code scope=this|following|all}.
 */
@RestController
@Validated
@RequestMapping("/api/calendar/events")
class EventController {

    private final EventService service;
    private final EventRepository events;
    private final Occurrences occurrences;
    private final UserProfiles profiles;

    EventController(EventService service, EventRepository events, Occurrences occurrences, UserProfiles profiles) {
        this.service = service;
        this.events = events;
        this.occurrences = occurrences;
        this.profiles = profiles;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EventView> create(
            @RequestBody(content = @Content(schema = @Schema(implementation = EventView.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body) {
        EventView event = service.create(CurrentUser.id(), EventInput.parse(body));
        return ETags.created(URI.create("/api/calendar/events/" + event.id()), event.version(), event);
    }

    /**
     * With a window: the occurrences overlapping it, by start then id; without: events and series by first start.
     * {@code start}/{@code end} also as the original's {@code start_date}/{@code end_date}; dates are days in
     * {@code timeZone} (default: the user's), an end date included. {@code q} searches title, description, location.
     */
    @GetMapping
    ResponseEntity<List<EventView>> list(
            @RequestParam(required = false) @Size(max = 100) String start,
            @RequestParam(required = false) @Size(max = 100) String end,
            @RequestParam(required = false) @Size(max = 100) String startDate,
            @RequestParam(required = false) @Size(max = 100) String endDate,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer month,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) @Size(max = 100) String timeZone,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        String owner = CurrentUser.id();
        ZoneId zone = zone(owner, timeZone);
        Window window = Window.of(
                alias("start", start, "start_date", startDate),
                alias("end", end, "end_date", endDate),
                year,
                month,
                zone);
        CursorPageRequest page = CursorPageRequest.of(limit, cursor);
        String text = text(q);
        if (window == null) {
            return unexpanded(owner, text, page, zone).toResponse();
        }
        return paged(occurrences.between(owner, window.from(), window.to(), text, zone, window.endField()), page, zone)
                .toResponse();
    }

    @GetMapping("/{id}")
    ResponseEntity<EventView> get(
            @PathVariable @Size(max = 100) String id,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        EventView event = service.get(CurrentUser.id(), id);
        return ETags.ok(ifNoneMatch, event.version(), event);
    }

    /** The occurrences of a series overlapping the window (default: a year from the series' start). */
    @GetMapping("/{id}/instances")
    ResponseEntity<List<EventView>> instances(
            @PathVariable @Size(max = 100) String id,
            @RequestParam(required = false) @Size(max = 100) String start,
            @RequestParam(required = false) @Size(max = 100) String end,
            @RequestParam(required = false) @Size(max = 100) String timeZone,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        String owner = CurrentUser.id();
        ZoneId zone = zone(owner, timeZone);
        Window window = start == null && end == null ? null : Window.of(start, end, null, null, zone);
        UUID seriesId = seriesId(id);
        if (window == null) {
            EventView series = service.get(owner, id);
            Instant from = series.startsAt(zone);
            window = new Window(from, from.plus(Duration.ofDays(366)), "end");
        }
        return paged(service.instances(owner, seriesId, window, zone), CursorPageRequest.of(limit, cursor), zone)
                .toResponse();
    }

    /** Partial: absent fields stay, {@code null} clears. On an occurrence, {@code scope} says how far it reaches. */
    @PutMapping(value = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EventView> replace(
            @PathVariable @Size(max = 100) String id,
            @RequestParam(required = false) String scope,
            @RequestBody(content = @Content(schema = @Schema(implementation = EventView.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 200) String ifMatch) {
        return updated(service.update(CurrentUser.id(), id, EventInput.parse(body), ifMatch, scope(id, scope)));
    }

    /** JSON merge patch (RFC 7396); for these fields the same as {@code PUT}. */
    @PatchMapping(
            value = "/{id}",
            consumes = {JsonFields.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<EventView> patch(
            @PathVariable @Size(max = 100) String id,
            @RequestParam(required = false) String scope,
            @RequestBody(content = @Content(schema = @Schema(implementation = EventView.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 200) String ifMatch) {
        return updated(service.update(CurrentUser.id(), id, EventInput.parse(body), ifMatch, scope(id, scope)));
    }

    /** An occurrence: only it ({@code scope=this}, an EXDATE), it and the rest, or the whole series. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            @PathVariable @Size(max = 100) String id,
            @RequestParam(required = false) String scope,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Size(max = 200) String ifMatch) {
        service.delete(CurrentUser.id(), id, ifMatch, scope(id, scope));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<EventView> updated(EventView event) {
        return ResponseEntity.ok().eTag(ETags.of(event.version())).body(event);
    }

    private CursorPage<EventView> unexpanded(String owner, String q, CursorPageRequest page, ZoneId zone) {
        Instant afterStart = page.isFirst() ? null : page.after().instant(0);
        UUID afterId = page.isFirst() ? null : page.after().uuid(1);
        List<CalendarEvent> rows = events.page(owner, q, afterStart, afterId, page.fetchSize());
        long total = page.isFirst() && rows.size() <= page.limit() ? rows.size() : events.count(owner, q);
        return CursorPage.of(rows, page, e -> Cursor.of(e.spanStart(), e.id), total)
                .map(e -> EventView.of(e, zone));
    }

    /** A page of an expanded, ordered list: after the cursor's (start, id), at most the limit. */
    private static CursorPage<EventView> paged(List<EventView> all, CursorPageRequest page, ZoneId zone) {
        List<EventView> after = all;
        if (!page.isFirst()) {
            Instant start = page.after().instant(0);
            String id = page.after().string(1);
            after = all.stream()
                    .filter(e -> e.startsAt(zone).isAfter(start)
                            || (e.startsAt(zone).equals(start) && e.id().compareTo(id) > 0))
                    .toList();
        }
        List<EventView> fetched = after.subList(0, Math.min(after.size(), page.fetchSize()));
        return CursorPage.of(fetched, page, e -> Cursor.of(e.startsAt(zone), e.id()), all.size());
    }

    private ZoneId zone(String owner, String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return profiles.of(owner).timeZone();
        }
        return TimeZones.region(timeZone).orElseThrow(() -> BadRequestException.of("timeZone", TimeZones.RULE));
    }

    private static Scope scope(String id, String value) {
        if (value == null || value.isBlank()) {
            return InstanceId.parse(id).isPresent() ? Scope.THIS : Scope.ALL;
        }
        return Scope.of(value).orElseThrow(() -> BadRequestException.of("scope", "must be one of " + Scope.allowed()));
    }

    /** A series' id; anything else (an occurrence's instance id, garbage) names no series: 404. */
    private static UUID seriesId(String id) {
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // not found below
        }
        throw new NotFoundException("Recurring event", id);
    }

    private static String alias(String name, String value, String alias, String aliasValue) {
        if (value != null && aliasValue != null) {
            throw BadRequestException.of(alias, "is another spelling of " + name + "; send one of them");
        }
        return value != null ? value : aliasValue;
    }

    private static String text(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String problem = StorableText.problem(q);
        if (problem != null) {
            throw BadRequestException.of("q", problem);
        }
        return q.strip();
    }
}

package org.atom.calendar.availability;

import jakarta.validation.constraints.Size;
import java.util.List;
import org.atom.platform.security.CurrentUser;
import org.atom.platform.users.UserProfiles;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/calendar/availability}: the caller's free and busy slots within their working hours (the original
 * API's route, with its {@code date} parameter and slot shape), and free/busy intervals of the caller or of people who
 * shared theirs. Times are UTC instants; days and working hours are those of the caller's zone unless
 * {@code timeZone} names another.
 */
@RestController
@Validated
@RequestMapping("/api/calendar/availability")
class AvailabilityController {

    private final AvailabilityService service;
    private final UserProfiles profiles;

    AvailabilityController(AvailabilityService service, UserProfiles profiles) {
        this.service = service;
        this.profiles = profiles;
    }

    /**
     * The slots of one {@code date} or of {@code start} to {@code end} (dates, both included, at most 31 days), in
     * order: {@code [{"startTime", "endTime", "available"}]}. Not paged: the range bounds it.
     */
    @GetMapping
    List<SlotView> slots(
            @RequestParam(required = false) @Size(max = 100) String date,
            @RequestParam(required = false) @Size(max = 100) String start,
            @RequestParam(required = false) @Size(max = 100) String end,
            @RequestParam(required = false) @Size(max = 100) String timeZone,
            @RequestParam(required = false) Integer slotMinutes,
            @RequestParam(required = false) Integer bufferMinutes,
            @RequestParam(required = false) Integer minNoticeMinutes,
            @RequestParam(required = false) @Size(max = 100) String tentative) {
        String user = CurrentUser.id();
        SlotQuery query = SlotQuery.parse(
                date,
                start,
                end,
                timeZone,
                slotMinutes,
                bufferMinutes,
                minNoticeMinutes,
                tentative,
                profiles.of(user).timeZone());
        return service.slots(user, query);
    }

    /**
     * Busy intervals in {@code [start, end)} (at most 62 days), merged and sorted. Without {@code email}: the
     * caller's, {@code [{"start", "end"}]}. With {@code email} (repeatable, at most 20): per address, in the order
     * asked, {@code [{"email", "busy": [{"start", "end"}]}]} — each address's user must have shared free/busy with the
     * caller (else a 400 naming {@code email[i]}).
     */
    @GetMapping("/free-busy")
    List<?> freeBusy(
            @RequestParam(required = false) @Size(max = 100) String start,
            @RequestParam(required = false) @Size(max = 100) String end,
            @RequestParam(required = false) @Size(max = 100) String timeZone,
            @RequestParam(required = false) List<String> email) {
        String caller = CurrentUser.id();
        FreeBusyQuery query = FreeBusyQuery.parse(
                start, end, timeZone, email, profiles.of(caller).timeZone());
        return email == null || email.isEmpty() ? service.freeBusy(caller, query) : service.freeBusyOf(caller, query);
    }
}

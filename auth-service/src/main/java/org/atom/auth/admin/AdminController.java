package org.atom.auth.admin;

import java.util.List;
import java.util.UUID;
import org.atom.auth.account.UserView;
import org.atom.platform.security.CurrentUser;
import org.atom.platform.web.CursorPageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/auth/admin}: account management and key rotation, for role {@code ADMIN} only. */
@RestController
@RequestMapping("/api/auth/admin")
@PreAuthorize("hasRole('ADMIN')")
class AdminController {

    private final AdminService service;

    AdminController(AdminService service) {
        this.service = service;
    }

    record RolesRequest(List<String> roles) {}

    record RotatedKey(String kid) {}

    /** Oldest first (created, then id); {@code q} matches email or name, {@code active} filters. */
    @GetMapping("/users")
    ResponseEntity<List<UserView>> users(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return service.list(q, active, CursorPageRequest.of(limit, cursor)).toResponse();
    }

    @PostMapping("/users/{id}/deactivate")
    UserView deactivate(@PathVariable UUID id) {
        return service.deactivate(caller(), id);
    }

    @PostMapping("/users/{id}/reactivate")
    UserView reactivate(@PathVariable UUID id) {
        return service.reactivate(id);
    }

    @PutMapping("/users/{id}/roles")
    UserView roles(@PathVariable UUID id, @RequestBody RolesRequest body) {
        return service.setRoles(caller(), id, body.roles());
    }

    @PostMapping("/keys/rotate")
    RotatedKey rotate() {
        return new RotatedKey(service.rotateKeys());
    }

    private static UUID caller() {
        return UUID.fromString(CurrentUser.id());
    }
}

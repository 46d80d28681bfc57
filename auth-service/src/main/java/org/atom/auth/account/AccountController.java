package org.atom.auth.account;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.atom.auth.token.Tokens;
import org.atom.platform.security.CurrentUser;
import org.atom.platform.web.ETags;
import org.atom.platform.web.JsonFields;
import org.atom.platform.web.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/auth}: registration, login, the caller's own profile, password, deactivation and deletion. */
@RestController
@RequestMapping("/api/auth")
class AccountController {

    private final AccountService service;

    AccountController(AccountService service) {
        this.service = service;
    }

    record LoginRequest(String email, String password) {}

    record ChangePasswordRequest(String currentPassword, String newPassword) {}

    record DeleteRequest(String currentPassword) {}

    /** Registration and login: the user and a new session's tokens. */
    record SignedInResponse(
            String message, UserView user, String accessToken, String refreshToken, String tokenType, long expiresIn) {

        static SignedInResponse of(String message, AccountService.SignedIn signedIn) {
            Tokens.IssuedTokens tokens = signedIn.tokens();
            return new SignedInResponse(
                    message,
                    signedIn.user(),
                    tokens.accessToken(),
                    tokens.refreshToken(),
                    tokens.tokenType(),
                    tokens.expiresIn());
        }
    }

    record Message(String message) {}

    @PostMapping("/register")
    ResponseEntity<SignedInResponse> register(@RequestBody AccountService.Registration body) {
        AccountService.SignedIn signedIn = service.register(body);
        return ResponseEntity.created(URI.create("/api/auth/profile"))
                .eTag(ETags.of(signedIn.user().version()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(SignedInResponse.of("User registered successfully", signedIn));
    }

    @PostMapping("/login")
    ResponseEntity<SignedInResponse> login(@RequestBody LoginRequest body, HttpServletRequest request) {
        // the forwarded-header filter (server.forward-headers-strategy) already applied X-Forwarded-For if trusted
        AccountService.SignedIn signedIn = service.login(body.email(), body.password(), request.getRemoteAddr());
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(SignedInResponse.of("Login successful", signedIn));
    }

    @GetMapping("/profile")
    ResponseEntity<UserView> profile(
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        UserView view = service.profile(callerId());
        return ETags.ok(ifNoneMatch, view.version(), view);
    }

    @PutMapping(value = "/profile", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserView> replaceProfile(
            @RequestBody JsonNode body, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        UserView view = service.updateProfile(callerId(), body, false, ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PatchMapping(
            value = "/profile",
            consumes = {JsonFields.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<UserView> patchProfile(
            @RequestBody JsonNode body, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        UserView view = service.updateProfile(callerId(), body, true, ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PostMapping("/change-password")
    Message changePassword(@RequestBody ChangePasswordRequest body) {
        service.changePassword(callerId(), session(), body.currentPassword(), body.newPassword());
        return new Message("Password changed successfully");
    }

    @PostMapping("/deactivate")
    Message deactivate() {
        service.deactivateSelf(callerId());
        return new Message("Account deactivated successfully");
    }

    @DeleteMapping("/account")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@RequestBody(required = false) DeleteRequest body) {
        service.delete(callerId(), body == null ? null : body.currentPassword(), authenticatedAt());
    }

    private static UUID callerId() {
        String sub = CurrentUser.id();
        try {
            return UUID.fromString(sub);
        } catch (IllegalArgumentException notAnAccount) {
            // a token of another trusted issuer (e.g. Keycloak): no account row here
            throw new NotFoundException("User", sub);
        }
    }

    private static UUID session() {
        Object sid = claims().get(Tokens.SESSION_CLAIM);
        try {
            return sid == null ? null : UUID.fromString(sid.toString());
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private static Instant authenticatedAt() {
        Object authTime = claims().get(Tokens.AUTH_TIME_CLAIM);
        return switch (authTime) {
            case Instant instant -> instant;
            case Number seconds -> Instant.ofEpochSecond(seconds.longValue());
            case null, default -> null;
        };
    }

    private static Map<String, Object> claims() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            return jwt.getClaims();
        }
        return Map.of();
    }
}

package org.atom.auth.token;

import java.util.List;
import org.atom.platform.web.BadRequestException;
import org.atom.platform.web.FieldViolation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/auth/refresh} and {@code /logout}. Both authenticate with the refresh token itself, sent as
 * {@code {"refreshToken": "…"}} or, as the original API did, as {@code Authorization: Bearer <refresh token>}; no
 * access token is needed (so an expired one does not stand in the way of a logout). Logout also accepts a valid
 * access token instead (what the original API's clients sent) and then ends the session that token belongs to.
 */
@RestController
@RequestMapping("/api/auth")
class TokenController {

    private final Tokens tokens;

    TokenController(Tokens tokens) {
        this.tokens = tokens;
    }

    record RefreshRequest(String refreshToken) {}

    record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {}

    @PostMapping("/refresh")
    ResponseEntity<TokenResponse> refresh(
            @RequestBody(required = false) RefreshRequest body,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Tokens.IssuedTokens issued;
        try {
            issued = tokens.refresh(presented(body, authorization));
        } catch (InvalidRefreshTokenException e) {
            throw unauthorized(e);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new TokenResponse(
                        issued.accessToken(), issued.refreshToken(), issued.tokenType(), issued.expiresIn()));
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(
            @RequestBody(required = false) RefreshRequest body,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String token = presented(body, authorization);
        if (looksLikeJwt(token)) {
            tokens.revokeSessionOf(token); // the original clients log out with their access token
        } else {
            tokens.revokeFamily(token);
        }
        return ResponseEntity.noContent().build();
    }

    private static ErrorResponseException unauthorized(InvalidRefreshTokenException e) {
        // one answer for unknown, used, revoked and expired: the client's only move is to log in again
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNAUTHORIZED, "The refresh token is invalid, expired or revoked; log in again");
        ErrorResponseException error = new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, e);
        error.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        return error;
    }

    /** Refresh tokens are opaque base64url; access tokens are JWS compact serialisations (three parts). */
    private static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    /** The body's token, else the bearer header's; neither → 400 naming {@code refreshToken}. */
    private static String presented(RefreshRequest body, String authorization) {
        if (body != null && body.refreshToken() != null && !body.refreshToken().isBlank()) {
            return body.refreshToken().strip();
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            if (!token.isEmpty()) {
                return token;
            }
        }
        throw new BadRequestException(
                "'refreshToken' is required (in the body, or as Authorization: Bearer <refresh token>)",
                List.of(new FieldViolation("refreshToken", "is required")));
    }
}

package org.atom.auth.exchange;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import org.atom.auth.token.Tokens;
import org.atom.platform.web.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/auth/token}: the token endpoint for token exchange (RFC 8693), for internal clients calling
 * auth-service directly (not through the gateway). An OAuth endpoint, so it speaks OAuth: a form-encoded request,
 * snake_case response members, and errors whose {@code error} member is the RFC 6749 §5.2 code (the problem's
 * {@code detail} is repeated as {@code error_description}).
 */
@RestController
@RequestMapping("/api/auth")
class TokenExchangeController {

    /** RFC 6749 §5.2 with RFC 7617: the challenge of a failed client authentication. */
    static final String CLIENT_CHALLENGE = "Basic realm=\"atom\"";

    static final String ERROR_DESCRIPTION = "error_description";

    private final TokenExchangeService exchange;

    TokenExchangeController(TokenExchangeService exchange) {
        this.exchange = exchange;
    }

    /** RFC 8693 §2.2.1. */
    record TokenExchangeResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("issued_token_type") String issuedTokenType,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {}

    @PostMapping(path = "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<TokenExchangeResponse> token(
            @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            HttpServletRequest request) {
        String query = request.getQueryString();
        Tokens.AccessToken token = exchange.exchange(
                new TokenExchangeService.TokenRequest(authorization, form, query != null && !query.isEmpty()));
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(new TokenExchangeResponse(
                        token.accessToken(),
                        TokenExchangeService.ACCESS_TOKEN_TYPE,
                        token.tokenType(),
                        token.expiresIn()));
    }

    /** RFC 6749 §5.2 inside an RFC 9457 problem: {@code error} is the OAuth code here, not the detail. */
    @ExceptionHandler(TokenExchangeRefused.class)
    ResponseEntity<ProblemDetail> refused(TokenExchangeRefused refused, HttpServletRequest request) {
        ProblemDetail problem =
                ProblemResponses.problem(refused.status(), refused.getMessage(), request, refused.violations());
        problem.setProperty(ProblemResponses.ERROR, refused.error());
        problem.setProperty(ERROR_DESCRIPTION, refused.getMessage());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(refused.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.PRAGMA, "no-cache");
        if (refused.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, CLIENT_CHALLENGE);
        }
        return response.body(problem);
    }
}

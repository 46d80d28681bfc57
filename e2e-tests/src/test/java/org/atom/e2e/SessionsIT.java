package org.atom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.e2e.Accounts.json;

import java.net.http.HttpResponse;
import org.atom.e2e.Accounts.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Refresh-token rotation, reuse detection and logout, through the gateway. */
@ExtendWith(RunningSuite.class)
class SessionsIT {

    @Test
    void everyRefreshRotatesTheTokenAndTheNewAccessTokenWorks() {
        Session registered = Accounts.register(Accounts.uniqueEmail("rotate"));

        HttpResponse<String> refreshed = Accounts.refresh(registered.refreshToken());
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.headers().firstValue("Cache-Control")).hasValue("no-store");
        Session next = Accounts.session(json(refreshed));
        assertThat(next.refreshToken()).isNotBlank().isNotEqualTo(registered.refreshToken());
        assertThat(next.accessToken()).isNotEqualTo(registered.accessToken());

        HttpResponse<String> profile = RunningSuite.gateway()
                .get("/api/auth/profile")
                .bearer(next.accessToken())
                .send();
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(json(profile).path("id").asString()).isEqualTo(registered.userId());
        assertThat(Accounts.refresh(next.refreshToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void replayingAUsedRefreshTokenEndsTheWholeSession() {
        String email = Accounts.uniqueEmail("replay");
        Session registered = Accounts.register(email);
        Session next = Accounts.session(json(Accounts.refresh(registered.refreshToken())));

        // a thief replays the first token: refused, and the session it belongs to ends
        HttpResponse<String> replay = Accounts.refresh(registered.refreshToken());
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));

        // ... so the legitimate holder's current token is dead too
        assertThat(Accounts.refresh(next.refreshToken()).statusCode()).isEqualTo(401);
        // other sessions of the user are untouched
        HttpResponse<String> otherLogin = Accounts.login(email);
        assertThat(Accounts.refresh(Accounts.session(json(otherLogin)).refreshToken())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void logoutWithTheRefreshTokenEndsTheSession() {
        Session session = Accounts.register(Accounts.uniqueEmail("logout"));

        HttpResponse<String> logout = RunningSuite.gateway()
                .post("/api/auth/logout", "{\"refreshToken\":\"%s\"}".formatted(session.refreshToken()))
                .send();

        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(Accounts.refresh(session.refreshToken()).statusCode()).isEqualTo(401);
    }

    @Test
    void logoutTheOriginalWayWithTheAccessTokenEndsThatSessionOnly() {
        String email = Accounts.uniqueEmail("logout-original");
        Session first = Accounts.register(email);
        Session second = Accounts.session(json(Accounts.login(email)));

        HttpResponse<String> logout = RunningSuite.gateway()
                .post("/api/auth/logout", "")
                .bearer(first.accessToken())
                .send();

        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(Accounts.refresh(first.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(Accounts.refresh(second.refreshToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownRefreshTokenIsRefusedAndAMissingOneIsNamed() {
        assertThat(Accounts.refresh("bm90LWEtcmVhbC1yZWZyZXNoLXRva2Vu").statusCode())
                .isEqualTo(401);

        HttpResponse<String> missing =
                RunningSuite.gateway().post("/api/auth/refresh", "{}").send();
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("errors").get(0).path("field").asString()).isEqualTo("refreshToken");
    }
}

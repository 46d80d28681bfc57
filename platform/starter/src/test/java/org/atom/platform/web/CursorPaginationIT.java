package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.atom.platform.web.WebApi.SAMPLES;
import static org.atom.platform.web.WebApi.assertBadRequestNaming;
import static org.atom.platform.web.WebApi.create;
import static org.atom.platform.web.WebApi.json;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atom.platform.sample.SampleServiceContext;
import org.atom.testkit.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@SampleServiceContext
class CursorPaginationIT {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    @LocalServerPort
    int port;

    TestHttp http;
    final String user = "user-" + UUID.randomUUID();

    @BeforeEach
    void client() {
        http = TestHttp.localhost(port);
    }

    @Test
    void threePagesAreWalkedThroughLinkInCreationOrderWithTheTotalOnEach() {
        for (int i = 1; i <= 5; i++) {
            create(http, user, "page item " + i);
        }
        create(http, user, "filtered out");

        List<String> seen = new ArrayList<>();
        String url = "http://127.0.0.1:" + port + SAMPLES + "?limit=2&title_contains=page";
        int pages = 0;
        while (url != null) {
            HttpResponse<String> page = new TestHttp(url).get("").as(user).send();
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Total-Count")).hasValue("5");
            json(page).forEach(item -> seen.add(item.path("title").asString()));
            pages++;
            url = next(page).orElse(null);
            if (url != null) {
                assertThat(url).contains("limit=2").contains("title_contains=page");
            }
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("page item 1", "page item 2", "page item 3", "page item 4", "page item 5");
    }

    @Test
    void theNextLinkPointsThroughTheGatewayThatForwardedTheRequest() {
        for (int i = 1; i <= 3; i++) {
            create(http, user, "gateway item " + i);
        }

        HttpResponse<String> first = http.get(SAMPLES + "?limit=2")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "atom.example.com")
                .header("X-Forwarded-Prefix", "/edge")
                .as(user)
                .send();

        String link = next(first).orElseThrow();
        String gatewayBase = "https://atom.example.com/edge";
        assertThat(link)
                .startsWith(gatewayBase + SAMPLES + "?")
                .contains("limit=2")
                .contains("cursor=");
        // what the gateway does with it: strip its own prefix and forward the rest to the service
        HttpResponse<String> second = new TestHttp("http://127.0.0.1:" + port + link.substring(gatewayBase.length()))
                .get("")
                .as(user)
                .send();
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(json(second).get(0).path("title").asString()).isEqualTo("gateway item 3");
        assertThat(next(second)).isEmpty();
    }

    @Test
    void aTamperedCursorIs400NamingCursor() {
        for (int i = 1; i <= 2; i++) {
            create(http, user, "tamper item " + i);
        }
        String link = next(http.get(SAMPLES + "?limit=1").as(user).send()).orElseThrow();
        Matcher cursor = Pattern.compile("cursor=([^&]+)").matcher(link);
        assertThat(cursor.find()).isTrue();
        String token = cursor.group(1);
        char last = token.charAt(token.length() / 2);
        String tampered = token.substring(0, token.length() / 2)
                + (last == 'A' ? 'B' : 'A')
                + token.substring(token.length() / 2 + 1);

        assertBadRequestNaming(
                http.get(SAMPLES + "?limit=1&cursor=" + tampered).as(user).send(), "cursor");
        assertBadRequestNaming(
                http.get(SAMPLES + "?cursor=not-a-cursor").as(user).send(), "cursor");
    }

    private static Optional<String> next(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Link")
                .map(NEXT::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1));
    }
}

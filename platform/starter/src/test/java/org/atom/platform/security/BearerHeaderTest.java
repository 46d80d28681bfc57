package org.atom.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.atom.platform.jwt.BearerHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** {@link BearerHeader} accepts, refuses and ignores exactly what Spring Security's own resolver does. */
class BearerHeaderTest {

    static List<String> headers() {
        List<String> headers = new ArrayList<>(List.of(
                "Bearer abc.def.ghi",
                "bearer abc.def.ghi",
                "BEARER abc",
                "Bearer a-b_c~d+e/f.g",
                "Bearer abc==",
                "Bearer abc=",
                "Bearer =",
                "Bearer ",
                "Bearer",
                "Bearer  abc",
                "Bearer abc ",
                "Bearer abc def",
                "Bearer abc=d",
                "Bearer ab\tc",
                "Bearer abc\n",
                "Bearer ab%c",
                "Bearer äbc",
                "Bearerabc",
                "Bearer\tabc",
                "Basic dXNlcjpwYXNz",
                "Token abc",
                "",
                "bear",
                "Bearer " + "x".repeat(5000)));
        return headers;
    }

    @ParameterizedTest
    @MethodSource("headers")
    void sameOutcomeAsSpringSecurity(String header) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", header);
        DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

        String expected = null;
        Throwable expectedFailure = null;
        try {
            expected = spring.resolve(request);
        } catch (OAuth2AuthenticationException e) {
            expectedFailure = e;
        }
        String[] actual = new String[1];
        Throwable failure = catchThrowable(() -> actual[0] = BearerHeader.token(header));

        if (expectedFailure != null) {
            assertThat(failure).isInstanceOf(OAuth2AuthenticationException.class);
            assertThat(((OAuth2AuthenticationException) failure).getError().getErrorCode())
                    .isEqualTo(((OAuth2AuthenticationException) expectedFailure)
                            .getError()
                            .getErrorCode());
        } else {
            assertThat(failure).isNull();
            assertThat(actual[0]).isEqualTo(expected);
        }
    }

    @org.junit.jupiter.api.Test
    void noHeaderIsNoToken() {
        assertThat(BearerHeader.token(null)).isNull();
    }
}

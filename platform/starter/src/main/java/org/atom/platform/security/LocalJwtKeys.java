package org.atom.platform.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * A trusted issuer whose public keys this service holds itself (auth-service): its tokens are verified against
 * these keys instead of fetching the issuer's own JWKS over HTTP. The issuer must still be listed in
 * {@code atom.security.issuers}, and the same claim rules apply.
 */
public interface LocalJwtKeys {

    /** The {@code iss} of the tokens these keys sign. */
    String issuer();

    JWKSource<SecurityContext> jwkSource();
}

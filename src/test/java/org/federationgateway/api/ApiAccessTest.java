package org.federationgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Who may call the API: the shared secret or an administrator's Basic credentials, never nobody. */
class ApiAccessTest {
    private final AtomicReference<String> secret = new AtomicReference<>("the-secret");
    private final ApiAccess access = new ApiAccess(() -> true, secret::get,
            (u, p) -> "admin".equals(u) && "pw:with:colons".equals(p) ? Optional.of("admin") : Optional.empty());

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSecretOrAnAdministratorsCredentials() {
        assertEquals(Optional.of(ApiAccess.SECRET_PRINCIPAL), access.authenticate("the-secret"));
        assertEquals(Optional.of("admin"), access.authenticate(basic("admin:pw:with:colons")), "the password may hold colons");
        assertEquals(Optional.of("admin"), access.authenticate("basic " + basic("admin:pw:with:colons").substring(6)));
    }

    @Test
    void nothingElse() {
        assertEquals(Optional.empty(), access.authenticate(null));
        assertEquals(Optional.empty(), access.authenticate(""));
        assertEquals(Optional.empty(), access.authenticate("the-secre"));
        assertEquals(Optional.empty(), access.authenticate("the-secretx"));
        assertEquals(Optional.empty(), access.authenticate(basic("admin:wrong")));
        assertEquals(Optional.empty(), access.authenticate(basic("admin")));
        assertEquals(Optional.empty(), access.authenticate(basic(":pw:with:colons")));
        assertEquals(Optional.empty(), access.authenticate("Basic %%%not-base64"));
        secret.set("");
        assertEquals(Optional.empty(), access.authenticate(""), "an empty secret matches nothing");
        assertEquals(Optional.empty(), access.authenticate(" "));
        secret.set(null);
        assertEquals(Optional.empty(), access.authenticate("null"));
    }

    @Test
    void disabledUntilEnabled() {
        assertFalse(new ApiAccess(() -> false, secret::get, (u, p) -> Optional.empty()).enabled());
    }
}

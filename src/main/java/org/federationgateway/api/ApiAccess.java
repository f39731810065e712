package org.federationgateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Who may call the API, as Openfire's REST API plugin decides it: nobody until the administrator enables
 * the API; then a request whose {@code Authorization} header is the shared secret, or HTTP Basic
 * credentials of an Openfire administrator. There is no anonymous access, and an empty secret matches nothing.
 */
public final class ApiAccess {
    /** Checks an administrator's user name and password (in Openfire: AdminManager and AuthFactory). */
    @FunctionalInterface
    public interface AdminCredentials {
        /** The administrator's user name if the password is right and the user is an administrator. */
        Optional<String> verify(String username, String password);
    }

    /** The name recorded in the audit log for calls made with the shared secret. */
    public static final String SECRET_PRINCIPAL = "api-secret";

    private final BooleanSupplier enabled;
    private final Supplier<String> secret;
    private final AdminCredentials admins;

    public ApiAccess(BooleanSupplier enabled, Supplier<String> secret, AdminCredentials admins) {
        this.enabled = Objects.requireNonNull(enabled, "enabled");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.admins = Objects.requireNonNull(admins, "admins");
    }

    public boolean enabled() {
        return enabled.getAsBoolean();
    }

    /** The caller's name for the audit log, or empty if the header proves nothing. */
    public Optional<String> authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        String header = authorization.strip();
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 1) {
                return Optional.empty();
            }
            return admins.verify(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        String expected = secret.get();
        if (expected == null || expected.isEmpty()) {
            return Optional.empty();
        }
        boolean same = MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
        return same ? Optional.of(SECRET_PRINCIPAL) : Optional.empty();
    }
}

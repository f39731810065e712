package org.federationgateway.openfire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.federationgateway.api.Api;
import org.federationgateway.api.ApiAccess;
import org.jivesoftware.admin.AuthCheckFilter;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.auth.AuthFactory;
import org.jivesoftware.openfire.auth.AuthToken;
import org.jivesoftware.openfire.auth.ConnectionException;
import org.jivesoftware.openfire.auth.InternalUnauthenticatedException;
import org.jivesoftware.openfire.auth.UnauthorizedException;
import org.jivesoftware.util.SystemProperty;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * The REST API's Openfire side, as Openfire's REST API plugin has it: off until
 * {@value #ENABLED} is true; a shared secret in {@value #SECRET}, stored encrypted; or an administrator's
 * HTTP Basic credentials checked by AdminManager and AuthFactory. The API's exact paths are exempted from
 * the admin console's login check (the API does its own), and the exemptions are removed on unload.
 */
final class OpenfireApi {
    private static final Logger LOG = NodeLog.getLogger(OpenfireApi.class);
    static final String ENABLED = OpenfireSettings.PREFIX + "api.enabled";
    static final String SECRET = OpenfireSettings.PREFIX + "api.secret";
    static final List<String> KEYS = List.of(ENABLED, SECRET);

    private final SystemProperty<Boolean> enabled;
    private final SystemProperty<String> secret;

    OpenfireApi(String plugin) {
        enabled = SystemProperty.Builder.ofType(Boolean.class).setKey(ENABLED).setDefaultValue(false)
                .setDynamic(true).setPlugin(plugin).build();
        secret = SystemProperty.Builder.ofType(String.class).setKey(SECRET).setDefaultValue("")
                .setDynamic(true).setEncrypted(true).setPlugin(plugin).build();
    }

    ApiAccess access() {
        return new ApiAccess(enabled::getValue, secret::getValue, OpenfireApi::verifyAdmin);
    }

    /** The paths Openfire's login filter lets through to the API, each by exact match. */
    static List<String> exclusions(String plugin) {
        List<String> paths = new ArrayList<>();
        for (String path : Api.PATHS) {
            paths.add(plugin + Api.BASE + path);
        }
        return paths;
    }

    /** Adds the exemptions; the returned action removes exactly those again. */
    static AutoCloseable exemptFromAdminLogin(String plugin) {
        List<String> paths = exclusions(plugin);
        paths.forEach(AuthCheckFilter::addExclude);
        return () -> paths.forEach(AuthCheckFilter::removeExclude);
    }

    private static Optional<String> verifyAdmin(String username, String password) {
        if (!AdminManager.getInstance().isUserAdmin(username, true)) {
            LOG.info("Federation Gateway API: refused HTTP Basic credentials of '{}', who is not an Openfire administrator", username);
            return Optional.empty();
        }
        try {
            AuthToken token = AuthFactory.authenticate(username, password);
            return Optional.of(token.getUsername());
        } catch (UnauthorizedException e) {
            LOG.info("Federation Gateway API: wrong password for administrator '{}'", username);
        } catch (ConnectionException | InternalUnauthenticatedException e) {
            LOG.warn("Federation Gateway API: cannot check the credentials of '{}': the user store is unreachable ({})", username, e.toString());
        }
        return Optional.empty();
    }
}

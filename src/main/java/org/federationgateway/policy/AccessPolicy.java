package org.federationgateway.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An external access policy (Lync New-CsExternalAccessPolicy). In Openfire:
 * <ul>
 * <li>{@code xmppAccess} (EnableXmppAccess): the user may exchange messages and presence with users of allowed
 * XMPP partners, over native federation and through the SIP bridge. The switch that matters for XMPP.</li>
 * <li>{@code federationAccess} (EnableFederationAccess): Lync's switch for SIP federation. Required in addition
 * only when the gateway's "require federation access" setting is on, for administrators who follow the
 * Lync Control Panel procedure, which sets both.</li>
 * <li>{@code publicCloudAccess} (EnablePublicCloudAccess): public IM providers. Required in addition for
 * partners of a public type (PublicVerified, PublicUnverified) when "require federation access" is on.</li>
 * <li>{@code outsideAccess} (EnableOutsideAccess): remote sign-in without VPN. Openfire's client access is not
 * governed by this plugin; the flag is kept for Lync parity and shown, and changes nothing.</li>
 * </ul>
 */
public record AccessPolicy(String name, String description, boolean xmppAccess, boolean federationAccess,
                           boolean publicCloudAccess, boolean outsideAccess) {
    public static final String GLOBAL = "global";
    public static final int MAX_NAME = 64;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public AccessPolicy {
        name = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidFieldException("name", "policy.error.policy.name",
                    "a policy name is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit", name);
        }
        description = description == null ? "" : description.strip();
        if (description.length() > Partner.MAX_DESCRIPTION) {
            throw new InvalidFieldException("description", "policy.error.partner.description",
                    "the description is longer than " + Partner.MAX_DESCRIPTION + " characters", Partner.MAX_DESCRIPTION);
        }
        Partner.requireStorableText(description, "description");
    }

    /** The global policy as installed, and as a reset leaves it: Lync's defaults, everything off. */
    public static AccessPolicy globalDefaults() {
        return new AccessPolicy(GLOBAL, "", false, false, false, false);
    }

    public boolean isGlobal() {
        return GLOBAL.equals(name);
    }

    public static String normaliseName(String name) {
        return Objects.requireNonNullElse(name, "").strip().toLowerCase(Locale.ROOT);
    }
}

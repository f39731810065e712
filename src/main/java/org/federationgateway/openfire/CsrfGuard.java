package org.federationgateway.openfire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

/**
 * The plugin's own check of form tokens, behind Openfire's (csrfProtectionEnabled). Openfire puts a fresh
 * token in the request attribute {@code csrf} on every page; the view posts it back as the {@code csrf}
 * field. We remember the token each page was rendered with and refuse a POST that does not carry it, so a
 * page served by any host, not only Openfire's PluginServlet, is protected.
 */
final class CsrfGuard {
    static final String FIELD = "csrf";
    static final String SESSION_ATTRIBUTE = "federationgateway.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfGuard() {
    }

    /** True for a safe method, or a state-changing one carrying the token its form was rendered with. */
    static boolean accepts(HttpServletRequest request) {
        if (isSafe(request.getMethod())) {
            return true;
        }
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
        String given = request.getParameter(FIELD);
        return expected instanceof String e && given != null
                && MessageDigest.isEqual(e.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes Openfire's fresh token when there is one, else makes one; exposes it to the view and remembers it. */
    static String issue(HttpServletRequest request) {
        Object fromOpenfire = request.getAttribute(FIELD);
        String token = fromOpenfire instanceof String s && !s.isBlank() ? s : newToken();
        request.getSession(true).setAttribute(SESSION_ATTRIBUTE, token);
        request.setAttribute(FIELD, token);
        return token;
    }

    private static boolean isSafe(String method) {
        return "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method);
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

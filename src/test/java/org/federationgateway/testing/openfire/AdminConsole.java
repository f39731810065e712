package org.federationgateway.testing.openfire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Openfire's admin console driven over HTTP as an administrator would (login, cookie, CSRF token). */
public final class AdminConsole {
    private final String baseUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    public record Page(int status, String body, String location) {}

    public AdminConsole(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public void login(String username, String password) {
        get("/login.jsp");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "true");
        form.put("csrf", cookie("csrf"));
        form.put("username", username);
        form.put("password", password);
        Page result = post("/login.jsp", form);
        if (result.status() != 302 || result.location() == null || result.location().contains("login.jsp")) {
            throw new AssertionError("admin console login failed: HTTP " + result.status() + " -> " + result.location());
        }
    }

    /** Logs in once Openfire's console accepts logins (it answers before its setup has finished). */
    public void loginWhenReady(String username, String password, java.time.Duration timeout) {
        OpenfireServer.await("admin console login", timeout, () -> {
            try {
                login(username, password);
                return true;
            } catch (AssertionError | RuntimeException e) {
                return false;
            }
        });
    }

    /** The plugin's partner form for {@code domain}: Federated, dialback and keep-alive on, the given TLS and SASL rules. */
    public static Map<String, String> partnerForm(String domain, String tls, String sasl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("primaryDomain", domain);
        form.put("partnerType", "federated");
        form.put("tlsNegotiation", tls);
        form.put("saslNegotiation", sasl);
        form.put("dialback", "true");
        form.put("keepAlive", "true");
        return form;
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Page post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The double-submit token core admin pages expect (a new one is set on every GET). */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Posts a form the way its page does: with the CSRF token the page was rendered with; returns the answer. */
    public Page submit(String path, Map<String, String> fields) {
        String html = get(path).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no form token on " + path);
        }
        Map<String, String> form = new java.util.LinkedHashMap<>(fields);
        form.put("csrf", m.group(1));
        return post(path, form);
    }

    /** Sets an Openfire system property through Server > System Properties. */
    public void setSystemProperty(String key, String value) {
        Page p = submit("/server-properties.jsp", Map.of("action", "save", "key", key, "value", value, "encrypt", "false"));
        if (p.status() != 200 && p.status() != 302) {
            throw new AssertionError("setting " + key + " answered " + p.status() + ":\n" + p.body());
        }
    }
}

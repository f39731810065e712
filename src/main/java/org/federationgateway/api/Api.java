package org.federationgateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.federationgateway.json.JsonBody;
import org.federationgateway.json.JsonWriter;

import org.federationgateway.i18n.Messages;
import org.federationgateway.admin.PageResult;
import org.federationgateway.admin.Pages;
import org.federationgateway.policy.GroupMembership;
import org.federationgateway.store.PolicyService;

/**
 * The REST API under {@code /plugins/federationgateway/api/v1/}: JSON over the admin pages' own controllers
 * and services, so a call is validated, saved (one transaction) and audited exactly as the console's form
 * would be. Resources are named by fixed paths with their identity in the query string, because Openfire's
 * admin login filter exempts exact paths only (wildcard exemptions are off by default, and rightly so).
 *
 * <p>Optimistic concurrency: every resource has a strong ETag (a hash of its JSON); changing or deleting an
 * existing resource needs {@code If-Match} with it (428 without, 412 when it no longer matches).
 */
public final class Api {
    public static final String BASE = "/api/v1/";
    /** Every path the API answers, after {@link #BASE}; each is exempted from the admin login check by exact match. */
    public static final List<String> PATHS = List.of("partners", "partner", "partners/bulk", "policies", "policy",
            "policies/reset-global", "assignments", "assignment", "effective-policy", "settings/gateway", "settings/sip",
            "status", "readiness", "test-message", "export", "import", "openapi.json");
    static final int MAX_BODY = 4 * 1024 * 1024;
    static final String JSON = "application/json";
    static final String CSV = "text/csv";

    private final ApiAccess access;
    private final Pages pages;
    private final Resources resources;
    private final Messages messages;

    public Api(ApiAccess access, Pages pages, PolicyService policy, GroupMembership groups) {
        this.access = Objects.requireNonNull(access, "access");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.messages = pages.messages();
        this.resources = new Resources(pages, Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(groups, "groups"), messages);
    }

    /** The administrable state for the audit trail, by item key, as the API shows it (secrets left out). */
    public static Map<String, String> auditState(PolicyService policy, Pages pages) {
        return Resources.auditState(policy, pages);
    }

    public void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        Reply reply;
        try {
            reply = handle(request);
        } catch (ApiError e) {
            reply = e.reply();
        }
        send(response, reply);
    }

    private Reply handle(HttpServletRequest request) throws IOException {
        if (!access.enabled()) {
            throw ApiError.of(403, "disabled", messages.get("api.error.disabled"));
        }
        Optional<String> caller = access.authenticate(request.getHeader("Authorization"));
        if (caller.isEmpty()) {
            throw new ApiError(Reply.error(401, "unauthorized", messages.get("api.error.unauthorized"), Map.of())
                    .withHeader("WWW-Authenticate", "Basic realm=\"Federation Gateway API\", charset=\"UTF-8\""));
        }
        String path = pathOf(request);
        if (!PATHS.contains(path)) {
            throw ApiError.of(404, "no-such-path", messages.get("api.error.path", path));
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String raw = readBody(request, method, path);
        Map<String, Object> body = raw == null || path.equals("import") ? null : parse(raw);
        Call call = new Call(request, method, path, caller.get(), body, raw);
        // Running checks and sending a test message change nothing to audit, and must not hold up changes while they wait.
        if ("GET".equals(method) || "HEAD".equals(method) || Pages.ACTIONS_WITHOUT_CHANGES.contains(path)) {
            return resources.route(call);
        }
        String summary = "Federation Gateway API: " + method + " " + path
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return pages.changes().apply(caller.get(), summary, () -> resources.route(call));
    }

    /** The part after {@code /api/v1/}, from the request URI so it is the same under any servlet mapping. */
    static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int at = uri.indexOf(BASE);
        String path = at < 0 ? "" : uri.substring(at + BASE.length());
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private Map<String, Object> parse(String raw) {
        if (raw.isBlank()) {
            return Map.of();
        }
        try {
            return JsonBody.parseObject(raw);
        } catch (JsonBody.BadJsonException e) {
            throw ApiError.of(400, "bad-json", messages.get("api.error.json", e.getMessage()));
        }
    }

    private String readBody(HttpServletRequest request, String method, String path) throws IOException {
        if (!"POST".equals(method) && !"PUT".equals(method)) {
            return null;
        }
        // A browser cannot send application/json across sites without asking first (CORS), so this is also
        // what keeps a page elsewhere from using an administrator's remembered Basic credentials.
        String type = request.getContentType();
        boolean csv = type != null && path.equals("import") && type.toLowerCase(Locale.ROOT).startsWith(CSV);
        if (!csv && (type == null || !type.toLowerCase(Locale.ROOT).startsWith(JSON))) {
            // Read and dropped, up to the size limit: a refusal sent with the body unread made the server close the
            // connection under the client still sending it, which then saw no answer at all instead of the 415.
            java.io.InputStream unread = request.getInputStream();
            byte[] dropped = new byte[8192];
            for (long left = MAX_BODY; left > 0; ) {
                int n = unread.read(dropped, 0, (int) Math.min(dropped.length, left));
                if (n < 0) {
                    break;
                }
                left -= n;
            }
            throw ApiError.of(415, "unsupported-media-type", messages.get("api.error.mediaType"));
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            throw ApiError.of(413, "too-large", messages.get("api.error.tooLarge", MAX_BODY));
        }
        StringBuilder text = new StringBuilder();
        try (Reader in = new java.io.InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                text.append(buffer, 0, n);
                if (text.length() > MAX_BODY) {
                    throw ApiError.of(413, "too-large", messages.get("api.error.tooLarge", MAX_BODY));
                }
            }
        }
        return text.toString();
    }

    private static void send(HttpServletResponse response, Reply reply) throws IOException {
        response.setStatus(reply.status());
        reply.headers().forEach(response::setHeader);
        if (reply.etag() != null) {
            response.setHeader("ETag", reply.etag());
        }
        if (reply.body() == null) {
            return;
        }
        byte[] bytes = (reply.body() instanceof RawJson raw ? raw.text() : reply.body() instanceof RawCsv csv ? csv.text()
                : JsonWriter.write(reply.body())).getBytes(StandardCharsets.UTF_8);
        response.setContentType((reply.body() instanceof RawCsv ? CSV : JSON) + ";charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** A strong validator for a resource: a hash of its JSON. */
    public static String etag(Object resource) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JsonWriter.write(resource).getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** One request as the routes see it. */
    record Call(HttpServletRequest request, String method, String path, String caller, Map<String, Object> body, String raw) {
        String query(String name) {
            String v = request.getParameter(name);
            return v == null ? null : v.strip();
        }
    }

    /** A JSON text sent as it is (the OpenAPI document). */
    record RawJson(String text) {
    }

    /** A CSV text sent as it is (the partners export). */
    record RawCsv(String text) {
    }

    /** What to answer. */
    record Reply(int status, Object body, String etag, Map<String, String> headers) {
        static Reply ok(Object body, String etag) {
            return new Reply(200, body, etag, Map.of());
        }

        static Reply error(int status, String code, String message, Map<String, String> fields) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", code);
            body.put("message", message);
            if (!fields.isEmpty()) {
                body.put("fields", new java.util.TreeMap<>(fields));
            }
            return new Reply(status, body, null, Map.of());
        }

        Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, etag, h);
        }

        Reply withStatus(int newStatus) {
            return new Reply(newStatus, body, etag, headers);
        }
    }

    /** A refusal, thrown from anywhere in a route and answered as it is. */
    static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Reply reply;

        ApiError(Reply reply) {
            super(String.valueOf(reply.status()), null, false, false);
            this.reply = reply;
        }

        static ApiError of(int status, String code, String message) {
            return new ApiError(Reply.error(status, code, message, Map.of()));
        }

        static ApiError invalid(String message, Map<String, String> fields) {
            return new ApiError(Reply.error(400, "invalid", message, fields));
        }

        Reply reply() {
            return reply;
        }
    }

    static String readResource(String name) {
        try (InputStream in = Api.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    static <T> T pageModel(PageResult result, Function<PageResult.Render, T> ifRendered) {
        return result instanceof PageResult.Render r ? ifRendered.apply(r) : null;
    }
}

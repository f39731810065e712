package org.federationgateway.admin;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.servlet.http.HttpServletRequest;

import org.federationgateway.i18n.Messages;
import org.federationgateway.testmessage.Step;
import org.federationgateway.testmessage.TestMessages;
import org.federationgateway.testmessage.TestReport;
import org.federationgateway.testmessage.TestRequest;

/**
 * Test message (Lync's {@code Test-CsXmppIM}): a form naming the sender, the recipient and how long to wait; a POST
 * sends it and redirects to its report, shown step by step as Openfire's server-to-server connection test shows its
 * exchange. Recent reports are kept by id, so each administrator's redirect shows their own test.
 */
public final class TestMessagePage implements PageController {
    static final int KEPT = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final TestMessages tests;
    private final Messages messages;
    private final Map<String, TestReport> reports = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TestReport> eldest) {
            return size() > KEPT;
        }
    });

    public TestMessagePage(TestMessages tests, Messages messages) {
        this.tests = Objects.requireNonNull(tests, "tests");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public PageResult handle(HttpServletRequest request) {
        String from = value(request, "from");
        String to = value(request, "to");
        String wait = value(request, "wait");
        if ("POST".equalsIgnoreCase(request.getMethod())) {
            try {
                TestReport report = tests.run(from, to, wait);
                reports.put(report.id(), report);
                return PageResult.redirect("test-message.jsp?report=" + report.id());
            } catch (TestRequest.InvalidTestRequest e) {
                Map<String, String> errors = new LinkedHashMap<>();
                e.problems().forEach((field, p) -> errors.put(field, messages.get(p.key(), p.args().toArray())));
                return view(from, to, wait, errors, null);
            }
        }
        String id = request.getParameter("report");
        TestReport report = id == null ? null : reports.get(id);
        if (report != null) {
            String sender = report.from().equals(tests.domain()) ? "" : report.from().substring(0, report.from().indexOf('@'));
            return view(sender, report.to(), "", Map.of(), report);
        }
        return view(from, to, wait, Map.of(), null);
    }

    private PageResult view(String from, String to, String wait, Map<String, String> errors, TestReport report) {
        Map<String, String> fields = Map.of("from", from, "to", to,
                "wait", wait.isEmpty() ? Long.toString(TestRequest.DEFAULT_WAIT.toSeconds()) : wait);
        String fromHelp = messages.get("testmessage.from.help", tests.domain());
        String toHelp = messages.get("testmessage.to.help", tests.domain());
        if (report == null) {
            return PageResult.render(new TestMessageView(tests.domain(), fields, errors, fromHelp, toHelp, false, null, null, null));
        }
        return PageResult.render(new TestMessageView(tests.domain(), fields, errors, fromHelp, toHelp, true, reportModel(report, messages),
                messages.get("testmessage.report.header", report.id(), report.from(), report.to()),
                messages.get("testmessage.total", report.totalMillis())));
    }

    /** A report as the page and the API show it: every step's sentence in the admin's language. */
    public static Map<String, Object> reportModel(TestReport report, Messages messages) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", report.id());
        m.put("from", report.from());
        m.put("to", report.to());
        m.put("at", TIME.format(report.at()));
        m.put("result", report.result().code());
        m.put("resultText", messages.get("testmessage.result." + report.result().code()));
        m.put("delivered", report.result().delivered());
        m.put("worst", report.worst().code());
        m.put("totalMillis", report.totalMillis());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Step s : report.steps()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("step", s.kind().code());
            step.put("verdict", s.verdict().code());
            step.put("code", s.code());
            step.put("text", messages.get(s.key(), s.args().toArray()));
            step.put("millis", s.millis());
            steps.add(step);
        }
        m.put("steps", steps);
        return m;
    }

    private static String value(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null ? "" : v.strip();
    }
}

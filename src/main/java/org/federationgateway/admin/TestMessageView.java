package org.federationgateway.admin;

import java.util.Map;

/**
 * The test message form (Lync's {@code Test-CsXmppIM}) and, after a test, its report.
 *
 * @param domain   this server's XMPP domain
 * @param fields   the form's values by field name
 * @param errors   the error of each refused field, by field name
 * @param fromHelp the sender field's help, in the admin's language
 * @param toHelp   the recipient field's help
 * @param ran      whether a report is shown; when not, {@code report}, {@code header} and {@code total} are null
 * @param report   the report as the REST API returns it ({@link TestMessagePage#reportModel})
 * @param header   the report's heading
 * @param total    how long the whole test took, as a sentence
 */
public record TestMessageView(String domain, Map<String, String> fields, Map<String, String> errors, String fromHelp, String toHelp,
                              boolean ran, Map<String, Object> report, String header, String total) implements ViewModel, FormView {
    public TestMessageView {
        Views.texts("domain", domain, "fromHelp", fromHelp, "toHelp", toHelp);
        fields = Views.map(fields, "fields");
        errors = Views.map(errors, "errors");
        if (ran) {
            report = Views.map(report, "report");
            Views.texts("header", header, "total", total);
        } else if (report != null || header != null || total != null) {
            throw new IllegalArgumentException("no test ran, so there is no report");
        }
    }
}

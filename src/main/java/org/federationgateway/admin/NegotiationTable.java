package org.federationgateway.admin;

import java.util.ArrayList;
import java.util.List;

import org.federationgateway.i18n.Messages;
import org.federationgateway.policy.NegotiationMatrix;
import org.federationgateway.policy.NegotiationWarning;

/**
 * The negotiation matrix as an HTML table in the admin's language: shown beside the partner form and, in English,
 * in readme.html (a test keeps readme.html equal to this rendering).
 */
public final class NegotiationTable {
    private NegotiationTable() {
    }

    public static String html(Messages messages) {
        StringBuilder t = new StringBuilder();
        t.append("<table class=\"negotiation-matrix\">\n");
        t.append("    <tr>");
        for (String key : List.of("partner.field.tlsNegotiation", "partner.field.saslNegotiation", "partner.field.dialback")) {
            th(t, messages.get(key));
        }
        for (NegotiationMatrix.Session s : NegotiationMatrix.Session.values()) {
            th(t, messages.get(s.messageKey()));
        }
        th(t, messages.get("negotiation.matrix.note"));
        t.append("</tr>\n");
        for (NegotiationMatrix.Row row : NegotiationMatrix.rows()) {
            t.append("    <tr>");
            td(t, messages.get("negotiation." + row.tls().code()));
            td(t, messages.get("negotiation." + row.sasl().code()));
            td(t, messages.get(row.dialback() ? "negotiation.matrix.on" : "negotiation.matrix.off"));
            if (row.refusedKey().isPresent()) {
                t.append("<td colspan=\"").append(NegotiationMatrix.Session.values().length).append("\">");
                t.append(escape(messages.get("negotiation.matrix.cannotSave"))).append("</td>");
                td(t, messages.get(row.refusedKey().get()));
            } else {
                for (NegotiationMatrix.Session s : NegotiationMatrix.Session.values()) {
                    td(t, messages.get(row.accepts(s) ? "negotiation.matrix.accepted" : "negotiation.matrix.refused"));
                }
                List<String> notes = new ArrayList<>();
                for (NegotiationWarning w : row.warnings()) {
                    notes.add(messages.get(w.messageKey()));
                }
                td(t, String.join(" ", notes));
            }
            t.append("</tr>\n");
        }
        t.append("</table>\n");
        return t.toString();
    }

    private static void th(StringBuilder t, String text) {
        t.append("<th>").append(escape(text)).append("</th>");
    }

    private static void td(StringBuilder t, String text) {
        t.append("<td>").append(escape(text)).append("</td>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

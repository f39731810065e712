package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.servlet.http.HttpServletRequest;

import org.federationgateway.store.PolicyService;
import org.federationgateway.store.StoreException;
import org.federationgateway.transfer.Transfer;

/**
 * Bulk export and import (JSON for partners, policies and assignments; CSV for partners). The export is
 * offered for download and shown; an import is checked row by row and saved only when every row is valid.
 */
public final class TransferPage implements PageController {
    private final PolicyService policy;
    private final Messages messages;

    public TransferPage(PolicyService policy, Messages messages) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public PageResult handle(HttpServletRequest request) {
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            String done = request.getParameter("imported");
            String doneText = "";
            if (done != null && done.matches("\\d+,\\d+,\\d+")) {
                String[] n = done.split(",");
                doneText = messages.get("transfer.import.done", Integer.valueOf(n[0]), Integer.valueOf(n[1]), Integer.valueOf(n[2]));
            }
            return view("json", "", List.of(), doneText);
        }
        String format = "csv".equals(request.getParameter("format")) ? "csv" : "json";
        String text = request.getParameter("text") == null ? "" : request.getParameter("text");
        if (text.isBlank()) {
            return view(format, text, List.of(Map.of("line", "", "section", "", "field", "text", "problem", messages.get("transfer.error.empty"))), "");
        }
        Transfer.ImportReport outcome;
        try {
            outcome = "csv".equals(format) ? Transfer.importPartnersCsv(policy, text) : Transfer.importJson(policy, text);
        } catch (StoreException e) {
            return view(format, text, List.of(Map.of("line", "", "section", "", "field", "", "problem", messages.get("form.error.store", e.getMessage()))), "");
        }
        if (!outcome.ok()) {
            List<Map<String, String>> rows = outcome.errors().stream().map(e -> Map.of(
                    "line", e.line() > 0 ? Integer.toString(e.line()) : "", "section", e.section(), "field", e.field(),
                    "problem", Transfer.text(e, messages::get))).toList();
            return view(format, text, rows, "");
        }
        PolicyService.ImportCounts n = outcome.saved();
        return PageResult.redirect("transfer.jsp?imported=" + n.partners() + "," + n.policies() + "," + n.assignments());
    }

    private PageResult view(String format, String text, List<Map<String, String>> errors, String done) {
        String json = Transfer.exportJson(policy.current());
        String csv = Transfer.exportPartnersCsv(policy.current());
        Map<String, Object> model = new HashMap<>();
        model.put("exportJson", json);
        model.put("exportCsv", csv);
        model.put("jsonHref", "data:application/json;charset=utf-8," + encode(json));
        model.put("csvHref", "data:text/csv;charset=utf-8," + encode(csv));
        model.put("format", format);
        model.put("text", text);
        model.put("errors", errors);
        model.put("done", done);
        return PageResult.render(model);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
            return view(format, text, List.of(new TransferView.ImportProblem("", "", "text", messages.get("transfer.error.empty"))), "");
        }
        Transfer.ImportReport outcome;
        try {
            outcome = "csv".equals(format) ? Transfer.importPartnersCsv(policy, text) : Transfer.importJson(policy, text);
        } catch (StoreException e) {
            return view(format, text, List.of(new TransferView.ImportProblem("", "", "", messages.get("form.error.store", e.getMessage()))), "");
        }
        if (!outcome.ok()) {
            List<TransferView.ImportProblem> rows = outcome.errors().stream().map(e -> new TransferView.ImportProblem(
                    e.line() > 0 ? Integer.toString(e.line()) : "", e.section(), e.field(), Transfer.text(e, messages::get))).toList();
            return view(format, text, rows, "");
        }
        PolicyService.ImportCounts n = outcome.saved();
        return PageResult.redirect("transfer.jsp?imported=" + n.partners() + "," + n.policies() + "," + n.assignments());
    }

    private PageResult view(String format, String text, List<TransferView.ImportProblem> errors, String done) {
        String json = Transfer.exportJson(policy.current());
        String csv = Transfer.exportPartnersCsv(policy.current());
        return PageResult.render(new TransferView(json, csv, "data:application/json;charset=utf-8," + encode(json),
                "data:text/csv;charset=utf-8," + encode(csv), format, text, errors, done));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

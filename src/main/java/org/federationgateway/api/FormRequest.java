package org.federationgateway.api;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

/**
 * An API call presented to an admin page's controller as the form that page would have posted, so the
 * API and the console share one validation and one set of messages.
 */
final class FormRequest extends HttpServletRequestWrapper {
    private final String method;
    private final Map<String, String[]> parameters;

    FormRequest(HttpServletRequest request, String method, Map<String, String> values) {
        super(request);
        this.method = method;
        Map<String, String[]> p = new LinkedHashMap<>();
        values.forEach((k, v) -> p.put(k, new String[] {v}));
        this.parameters = Collections.unmodifiableMap(p);
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getParameter(String name) {
        String[] v = parameters.get(name);
        return v == null ? null : v[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] v = parameters.get(name);
        return v == null ? null : v.clone();
    }

    @Override
    public String getQueryString() {
        return null;
    }
}
